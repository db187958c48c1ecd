// Ingest of one batch: envelope, site and origin checks, per-event validation, then the events handed to the single writer.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { describeSender } from '../enrich/enrich.js';
import type { GeoLookup } from '../enrich/geo.js';
import { originDomains } from '../sites/domains.js';
import { batchSchema, eventSchema, type IngestAnswer, type Rejection } from './schema.js';
import { firstIssue, InputError, parseInput } from '../validation.js';
import { toEventRow, type Receipt } from './normalize.js';
import { cleanTraits } from '../profiles/known-traits.js';
import type { EventRow } from '../model/event.js';
import type { Site } from '../model/site.js';

export interface IngestDeps {
  store: Pick<Store, 'sites' | 'calls'>;
  writer: EngineWriter;
  geo: GeoLookup | null;
}

export interface BatchRequest {
  body: unknown;
  origin: string | undefined;
  userAgent: string | undefined;
  ip: string | undefined;
  receivedAt: number;
}

/** The site a page's request names, refused when there is none or the page's origin is not one of its domains. */
export function siteOfPage(store: Pick<Store, 'sites'>, key: string, origin: string | undefined): Site {
  const site = store.sites.byKey(key);
  if (!site) throw new InputError(404, 'site', `site: no site has the key '${key}'`);
  if (origin !== undefined && !store.sites.acceptsDomains(site.id, originDomains(origin))) {
    throw new InputError(403, 'origin', `origin: ${origin} is not a registered domain of this site`);
  }
  return site;
}

export async function ingestBatch(deps: IngestDeps, request: BatchRequest): Promise<IngestAnswer> {
  const batch = parseInput(batchSchema, request.body);
  const site = siteOfPage(deps.store, batch.site, request.origin);

  const sender = describeSender(request.userAgent, request.ip, deps.geo);
  if (sender.bot) {
    const day = new Date(request.receivedAt).toISOString().slice(0, 10);
    await deps.writer.run('countBots', { siteId: site.id, day, hits: batch.events.length });
    return { accepted: 0, duplicates: 0, rejected: [], dropped: batch.events.length };
  }

  const receipt: Receipt = { siteId: site.id, receivedAt: request.receivedAt, sentAt: batch.sent_at, sender };
  const rows: EventRow[] = [];
  const rejected: Rejection[] = [];
  const ignored: Rejection[] = [];
  batch.events.forEach((raw, index) => {
    const event = eventSchema.safeParse(raw);
    if (!event.success) return void rejected.push({ index, ...firstIssue(event.error) });
    const row = toEventRow(event.data, receipt);
    if (row.traits) {
      const clean = cleanTraits(row.traits);
      row.traits = clean.traits;
      for (const trait of clean.ignored) ignored.push({ index, ...trait });
    }
    rows.push(row);
  });

  const { accepted, duplicates } = rows.length ? await deps.writer.run('ingest', { rows, now: request.receivedAt }) : { accepted: 0, duplicates: 0 };
  // A site's pools are a copy kept in memory: telling the SDK to load the call-tracking chunk costs no read.
  const chunks = deps.store.calls.pools(site.id).length > 0 ? { chunks: ['calls'] } : {};
  return { accepted, duplicates, rejected, dropped: 0, ...(ignored.length ? { ignored } : {}), ...chunks };
}
