// Personalization over the API: event rules and their versions, placements (Pulse's shape or seed 001's) and their import, and wizard links that open the picker on the site.
import { createRoute, z, type Hook } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { wizardParam, type Placement } from '@pulse/wire/personalization';
import { accepted, InputError, invalidInput } from '../validation.js';
import { parseEventRule, parsePlacement, parsePlacements } from '../personalization/validate.js';
import { wizardToken } from '../personalization/wizard-token.js';
import { listedPlacements, listedRules, type ListedPlacement, type ListedRule } from '../reports/personalization.js';
import { originDomains } from '../sites/domains.js';
import {
  importBodySchema, placementAnswerSchema, placementBodySchema, ruleBodySchema, ruleSchema, ruleVersionSchema, wizardAnswerSchema, wizardBodySchema,
} from './personalization-schemas.js';
import { badInput, json, jsonBody, noContent, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { idParam, siteParams } from './params.js';
import type { ApiDeps, ApiEnv } from './env.js';

const slotParam = z.string().min(1).max(64).openapi({ param: { name: 'slot', in: 'path' }, example: 'hero', description: 'the placement\'s slot id' });

const rules = createRoute({
  method: 'get',
  path: '/rules',
  summary: 'The event rules, each with its version and how often it fired over the last 7 days',
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(z.array(ruleSchema), 'the rules, oldest first'), ...refusals },
});

const addRule = createRoute({
  method: 'post',
  path: '/rules',
  summary: 'Create an event rule at version 1; the site\'s pages apply it from their next session',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(ruleBodySchema) },
  responses: { 201: json(ruleSchema, 'the rule'), ...badInput, ...refusals },
});

const rule = createRoute({
  method: 'get',
  path: '/rules/{id}',
  summary: 'One event rule',
  security: security('read'),
  request: { params: siteParams({ id: idParam }) },
  responses: { 200: json(ruleSchema, 'the rule'), ...badInput, ...refusals },
});

const replaceRule = createRoute({
  method: 'put',
  path: '/rules/{id}',
  summary: 'Change an event rule: its next version, the earlier ones kept',
  security: security('write'),
  request: { params: siteParams({ id: idParam }), body: jsonBody(ruleBodySchema) },
  responses: { 200: json(ruleSchema, 'the rule at its new version'), ...badInput, ...refusals },
});

const removeRule = createRoute({
  method: 'delete',
  path: '/rules/{id}',
  summary: 'Delete an event rule with its versions and firings; events it recorded stay',
  security: security('write'),
  request: { params: siteParams({ id: idParam }) },
  responses: { 204: noContent('deleted'), ...badInput, ...refusals },
});

const ruleVersions = createRoute({
  method: 'get',
  path: '/rules/{id}/versions',
  summary: 'Every version of an event rule, newest first',
  security: security('read'),
  request: { params: siteParams({ id: idParam }) },
  responses: { 200: json(z.array(ruleVersionSchema), 'the versions'), ...badInput, ...refusals },
});

const placements = createRoute({
  method: 'get',
  path: '/placements',
  summary: 'The placements with their variants, each with its views and clicks over the last 7 days',
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(z.array(placementAnswerSchema), 'the placements, by slot id'), ...refusals },
});

const savePlacement = createRoute({
  method: 'post',
  path: '/placements',
  summary: "Save a placement by its slot id, in Pulse's shape or seed 001's: variants sent back with their ids keep their views and clicks, the others are replaced",
  description: 'A variant may target only segments shown to browsers (PUT /segments/{id}/browser-key). Content is rendered by the SDK as text and attributes only; links and images are http(s) URLs or paths.',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(placementBodySchema) },
  responses: { 201: json(placementAnswerSchema, 'a new placement'), 200: json(placementAnswerSchema, 'the placement, changed'), ...badInput, ...refusals },
});

const importPlacements = createRoute({
  method: 'post',
  path: '/placements/import',
  summary: "Save seed 001's whole array of slots (or placements) by slot id, all or none: a refusal names `[index].field`",
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(importBodySchema) },
  responses: { 200: json(z.array(placementAnswerSchema), 'the imported placements, in the order given'), ...badInput, ...refusals },
});

const placement = createRoute({
  method: 'get',
  path: '/placements/{slot}',
  summary: 'One placement with its variants',
  security: security('read'),
  request: { params: siteParams({ slot: slotParam }) },
  responses: { 200: json(placementAnswerSchema, 'the placement'), ...badInput, ...refusals },
});

const removePlacement = createRoute({
  method: 'delete',
  path: '/placements/{slot}',
  summary: 'Delete a placement with its variants and their views and clicks; pages leave the slot as the site wrote it',
  security: security('write'),
  request: { params: siteParams({ slot: slotParam }) },
  responses: { 204: noContent('deleted'), ...badInput, ...refusals },
});

const wizard = createRoute({
  method: 'post',
  path: '/wizard',
  summary: 'A link that opens the point-and-click picker on a page of the site, signed and valid for two hours',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(wizardBodySchema) },
  responses: { 200: json(wizardAnswerSchema, 'the token and the page with it'), ...badInput, ...refusals },
});

const ruleView = ({ id, version, rule: fields, fires7d, createdAt, updatedAt }: ListedRule) => ({ id, version, ...fields, fires_7d: fires7d, created_at: createdAt, updated_at: updatedAt });

const placementView = (listed: ListedPlacement) => ({
  id: listed.slot,
  label: listed.label,
  adaptive: listed.adaptive,
  disable: listed.disabled,
  auto_reload: listed.autoReloadS,
  variants: listed.variants.map(({ views7d, clicks7d, ...variant }) => ({ ...variant, views_7d: views7d, clicks_7d: clicks7d })),
  created_at: listed.createdAt,
  updated_at: listed.updatedAt,
});

/**
 * Placement bodies come in two shapes, and zod's union would only say "invalid input": a refused
 * body is parsed again by the parser that tells the shapes apart, which names the field at fault.
 */
const refusedBy =
  (parse: (body: unknown) => unknown): Hook<any, ApiEnv, any, undefined> =>
  (result) => {
    if (result.success) return undefined;
    // zod-validator hands the hook the input itself beside a failed result.
    if (result.target === 'json') parse((result as unknown as { data: unknown }).data);
    throw invalidInput(result.error);
  };

export function personalizationApi({ store, writer, now }: ApiDeps) {
  const app = apiArea();
  const siteId = (c: Context<ApiEnv>) => c.get('site').id;
  const ruleOf = async (c: Context<ApiEnv>, id: number) => {
    const listed = (await listedRules(store, siteId(c), now())).find((listed) => listed.id === id);
    if (!listed) throw new InputError(404, 'id', `id: no event rule ${id} on this site`);
    return ruleView(listed);
  };
  const placementsOf = (c: Context<ApiEnv>) => listedPlacements(store, siteId(c), now());
  const placementOf = async (c: Context<ApiEnv>, slot: string) => {
    const listed = (await placementsOf(c)).find((listed) => listed.slot === slot);
    if (!listed) throw new InputError(404, 'slot', `slot: no placement '${slot}' on this site`);
    return placementView(listed);
  };

  app.openapi(rules, async (c) => c.json((await listedRules(store, siteId(c), now())).map(ruleView), 200));
  app.openapi(rule, async (c) => c.json(await ruleOf(c, c.req.valid('param').id), 200));
  app.openapi(addRule, async (c) => {
    const saved = accepted(await writer.run('saveEventRule', { siteId: siteId(c), rule: parseEventRule(c.req.valid('json')), now: now() }));
    return c.json(await ruleOf(c, saved.id), 201);
  });
  app.openapi(replaceRule, async (c) => {
    const { id } = c.req.valid('param');
    await ruleOf(c, id);
    accepted(await writer.run('saveEventRule', { siteId: siteId(c), id, rule: parseEventRule(c.req.valid('json')), now: now() }));
    return c.json(await ruleOf(c, id), 200);
  });
  app.openapi(removeRule, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await writer.run('deleteEventRule', { siteId: siteId(c), id }))) throw new InputError(404, 'id', `id: no event rule ${id} on this site`);
    return c.body(null, 204);
  });
  app.openapi(ruleVersions, async (c) => {
    const { id } = c.req.valid('param');
    await ruleOf(c, id);
    return c.json((await store.personalization.ruleVersions(siteId(c), id)).map(({ version, rule: fields, savedAt }) => ({ version, rule: fields, saved_at: savedAt })), 200);
  });

  app.openapi(placements, async (c) => c.json((await placementsOf(c)).map(placementView), 200));
  app.openapi(placement, async (c) => c.json(await placementOf(c, c.req.valid('param').slot), 200));
  app.openapi(
    savePlacement,
    async (c) => {
      const body: Placement = parsePlacement(c.req.valid('json'));
      const existed = await store.personalization.placement(siteId(c), body.id) !== undefined;
      accepted(await writer.run('savePlacement', { siteId: siteId(c), placement: body, now: now() }));
      return c.json(await placementOf(c, body.id), existed ? 200 : 201);
    },
    refusedBy(parsePlacement),
  );
  app.openapi(
    importPlacements,
    async (c) => {
      const body = parsePlacements(c.req.valid('json'));
      accepted(await writer.run('savePlacements', { siteId: siteId(c), placements: body, now: now() }));
      const bySlot = new Map((await placementsOf(c)).map((listed) => [listed.slot, listed]));
      return c.json(body.map((imported) => placementView(bySlot.get(imported.id)!)), 200);
    },
    refusedBy(parsePlacements),
  );
  app.openapi(removePlacement, async (c) => {
    const { slot } = c.req.valid('param');
    if (!(await writer.run('deletePlacement', { siteId: siteId(c), slot }))) throw new InputError(404, 'slot', `slot: no placement '${slot}' on this site`);
    return c.body(null, 204);
  });

  app.openapi(wizard, async (c) => {
    const page = new URL(c.req.valid('json').page);
    const site = c.get('site');
    if (!/^https?:$/.test(page.protocol) || !await store.sites.acceptsDomains(site.id, originDomains(page.origin))) {
      throw new InputError(400, 'page', `page: not a page of this site (its domains: ${site.domains.join(', ')})`);
    }
    const { token, expiresAt } = wizardToken(await writer.run('ensureWizardSecret', undefined), site.key, now());
    page.searchParams.set(wizardParam, token);
    return c.json({ token, expires_at: expiresAt, url: page.href }, 200);
  });
  return app;
}
