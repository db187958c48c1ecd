// POST /v1/numbers, the ingest side: a page's request for its session's numbers checked like an event batch and handed to the writer to lease.
import { randomUUID } from 'node:crypto';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { defaultShown, type ShownNumber } from '../engine/calls.js';
import { describeSender } from '../enrich/enrich.js';
import type { GeoLookup } from '../enrich/geo.js';
import { numberRequestSchema } from './schema.js';
import { toEventRow } from './normalize.js';
import { parseInput } from '../validation.js';
import { siteOfPage, type BatchRequest } from './ingest.js';
import { askerQualifies, pageWidget, widgetOf } from '../calls/callback.js';
import { decayedScore } from '../score/decay.js';
import type { ProfileRules } from '../profiles/rules.js';

/** How often a page renews its lease while open, in seconds: well inside the shortest hold (a minute). */
export const renewSeconds = 50;

export interface NumbersAnswer {
  numbers: ShownNumber[];
  renew_s: number;
  /** The callback widget, when the site offers it and this person passes its rules; the page judges the visit's own. */
  callback?: Awaited<ReturnType<typeof pageWidget>>;
}

export interface NumbersDeps {
  store: Pick<Store, 'sites' | 'calls' | 'profiles' | 'segments' | 'events'>;
  writer: EngineWriter;
  geo: GeoLookup | null;
  profileRules: ProfileRules;
}

/** How far back a visit's product views are counted: a session ends after 30 idle minutes, so one lasting a day is already rare. */
const sessionSpanMs = 86_400_000;

/** The widget for this visitor, if the site offers one and they pass its rules (score now, segments, this visit's product views). */
async function callbackFor(deps: NumbersDeps, siteId: number, visitorId: string, sessionId: string, now: number) {
  const widget = widgetOf(await deps.store.calls.settings(siteId));
  if (!widget?.enabled) return {};
  const profile = await deps.store.profiles.ofVisitor(siteId, visitorId);
  const asker = {
    score: profile ? decayedScore(profile.score, profile.scoreAt, now, deps.profileRules.scoring.decay) : 0,
    segments: new Set(profile ? (await deps.store.segments.membershipsOf(siteId, profile.id)).map((m) => m.segmentId) : []),
    productViews: await deps.store.events.countInSession(siteId, visitorId, sessionId, 'product_view', now - sessionSpanMs),
  };
  return askerQualifies(widget, asker) ? { callback: pageWidget(widget) } : {};
}

/**
 * The numbers a session is to show. The session's source, landing page, device and place are
 * read from the request as an event's would be (the same normalization), and kept on the lease:
 * a call to the number is attributed to them. A site without pools answers an empty list, and a
 * bot gets the default numbers without a lease (it would only use up the pool).
 */
export async function requestNumbers(deps: NumbersDeps, request: BatchRequest): Promise<NumbersAnswer> {
  const body = parseInput(numberRequestSchema, request.body);
  const site = await siteOfPage(deps.store, body.site, request.origin);
  const pools = await deps.store.calls.pools(site.id);
  if (pools.length === 0) return { numbers: [], renew_s: renewSeconds };
  const sender = describeSender(request.userAgent, request.ip, deps.geo);
  if (sender.bot) {
    return { numbers: pools.map(defaultShown), renew_s: renewSeconds };
  }
  const page = toEventRow(
    { id: randomUUID(), type: 'page', ts: request.receivedAt, visitor_id: body.visitor_id, session_id: body.session_id, context: body.context },
    { siteId: site.id, receivedAt: request.receivedAt, sentAt: undefined, sender },
  );
  const { url, referrer, utmSource, utmMedium, utmCampaign, utmTerm, utmContent, device, browser, os, country, city } = page;
  const numbers = await deps.writer.run('leaseNumbers', {
    request: { siteId: site.id, sessionId: body.session_id, visitorId: body.visitor_id, url, referrer, utmSource, utmMedium, utmCampaign, utmTerm, utmContent, device, browser, os, country, city },
    now: request.receivedAt,
  });
  return { numbers, renew_s: renewSeconds, ...await callbackFor(deps, site.id, body.visitor_id, body.session_id, request.receivedAt) };
}
