// GET /v1/config/:site, GET /v1/profile/:site/:visitor and /v1/wizard/rules: what a site's own pages read to personalize, and where the picker saves.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { HttpBindings } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { ProfileRules } from '../profiles/rules.js';
import { siteOfPage } from '../ingest/ingest.js';
import { profileRequestSchema } from '../ingest/schema.js';
import { parseUserAgent } from '../enrich/user-agent.js';
import { originDomains } from '../sites/domains.js';
import { siteConfigsOf } from '../personalization/site-configs.js';
import { visitorProfile } from '../personalization/visitor.js';
import { checkWizardToken, wizardSecretKey } from '../personalization/wizard-token.js';
import { parseEventRule } from '../personalization/validate.js';
import { createRateLimit } from '../rate-limit.js';
import { accepted, InputError, parseInput } from '../validation.js';
import { listedRules } from '../reports/personalization.js';
import { readBody } from './read-body.js';

export interface PersonalizationDeps {
  store: Pick<Store, 'sites' | 'settings' | 'personalization' | 'calls' | 'segments'>;
  writer: EngineWriter;
  profileRules: ProfileRules;
  clientIp: (request: IncomingMessage) => string | undefined;
  maxBodyBytes: number;
  now: () => number;
}

/** Profile reads a visitor may make a minute: a page view or two a second and the reads after their events, with room. */
export const profileReadsPerVisitor = 120;
/** Profile reads one address may make a minute: an office or a mobile carrier's NAT holds many visitors. */
export const profileReadsPerAddress = 1_200;

type PageContext = Context<{ Bindings: HttpBindings }>;

/** Answers JSON with an ETag, or a 304 when the page's cache holds it already. */
function cachedJson(c: PageContext, body: object, cacheControl: string): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=utf-8');
  return c.body(text);
}

/** Lets the page read the answer, refusals included, so the SDK tells a 4xx from a network failure. */
function readableByPage(c: PageContext): string | undefined {
  const origin = c.req.header('origin');
  if (origin) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
  }
  return origin;
}

export function personalizationApp(deps: PersonalizationDeps) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  const perVisitor = createRateLimit(profileReadsPerVisitor, 60_000);
  const perAddress = createRateLimit(profileReadsPerAddress, 60_000);

  app.get('/config/:site', async (c) => {
    const site = await siteOfPage(deps.store, c.req.param('site'), readableByPage(c));
    // Short: an admin's save reaches the next sessions within half a minute, without a redeploy.
    return cachedJson(c, await siteConfigsOf(deps.store).of(site.id), 'public, max-age=30');
  });

  app.get('/profile/:site/:visitor', async (c) => {
    const origin = readableByPage(c);
    const { site: key, visitor } = parseInput(profileRequestSchema, c.req.param());
    const site = await siteOfPage(deps.store, key, origin);
    const now = deps.now();
    const address = (c.env?.incoming ? deps.clientIp(c.env.incoming) : undefined) ?? 'unknown';
    const wait = Math.max(perVisitor.take(`${site.id}\t${visitor}`, now), perAddress.take(address, now));
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new InputError(429, 'visitor', `visitor: at most ${profileReadsPerVisitor} profile reads a minute per visitor and ${profileReadsPerAddress} per address; try again in ${Math.ceil(wait / 1000)} s`);
    }
    const { device } = parseUserAgent(c.req.header('user-agent') ?? '');
    // Revalidated every time: a segment an event just moved the visitor into shows on the next read.
    return cachedJson(c, await visitorProfile(deps.store, deps.profileRules, site.id, visitor, device, now), 'private, no-cache');
  });

  // The picker runs on the admin's own site and sends its token as a bearer: a preflight each, from the site's domains only.
  app.use(
    '/wizard/*',
    cors({
      origin: async (origin) => (await deps.store.sites.anyAcceptsDomains(originDomains(origin)) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );

  /** The site the request's wizard token opens, from a page of that site; 401 otherwise. */
  async function wizardSite(c: PageContext) {
    const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const claim = checkWizardToken(await deps.store.settings.get(wizardSecretKey), token, deps.now());
    if (!claim) throw new InputError(401, 'authorization', 'authorization: a live wizard token is required (open the site again from the Events page of the stats page)');
    return siteOfPage(deps.store, claim.site, c.req.header('origin'));
  }

  app.get('/wizard/rules', async (c) => {
    const site = await wizardSite(c);
    const rules = (await listedRules(deps.store, site.id, deps.now())).map((listed) => ({ ...listed.rule, id: listed.id, version: listed.version, fires_7d: listed.fires7d }));
    return c.json({ site: site.key, rules });
  });

  app.post('/wizard/rules', async (c) => {
    const site = await wizardSite(c);
    let body: unknown;
    try {
      body = JSON.parse(await readBody(c, deps.maxBodyBytes));
    } catch {
      throw new InputError(400, 'body', 'body: not valid JSON (expected an event rule: {"name": "...", "on": "click", "selector": "..."})');
    }
    const { id, ...fields } = (body !== null && typeof body === 'object' ? body : {}) as { id?: unknown };
    if (id !== undefined && (typeof id !== 'number' || !Number.isInteger(id))) throw new InputError(400, 'id', 'id: an existing rule\'s id (a whole number), or none for a new rule');
    const rule = parseEventRule(body !== null && typeof body === 'object' ? fields : body);
    const saved = accepted(await deps.writer.run('saveEventRule', { siteId: site.id, id: id as number | undefined, rule, now: deps.now() }));
    return c.json({ id: saved.id, version: saved.version }, 201);
  });
  return app;
}
