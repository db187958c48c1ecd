// Ingest of one batch: envelope, site and origin checks, per-event validation, then the group commit.
import type { Store, EventRow } from '../storage/store.js';
import { describeSender } from '../enrich/enrich.js';
import type { GeoLookup } from '../enrich/geo.js';
import { originDomains } from '../sites/domains.js';
import { batchSchema, eventSchema, type IngestAnswer, type Rejection } from './schema.js';
import { firstIssue } from '../validation.js';
import { toEventRow, type Receipt } from './normalize.js';
import { summarizeSessions } from './visits.js';
import { countPageviews, countVisit, newTrafficTally, writeTraffic } from './traffic.js';
import type { Writer } from './writer.js';
import { updateProfiles } from '../profiles/update.js';
import type { ProfileRules } from '../profiles/rules.js';
import { cleanTraits } from '../profiles/known-traits.js';

/** A request the collector refuses as a whole, with the status and field to tell the client. */
export class InputError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface IngestDeps {
  store: Store;
  writer: Writer;
  geo: GeoLookup | null;
  profileRules: ProfileRules;
}

export interface BatchRequest {
  body: unknown;
  origin: string | undefined;
  userAgent: string | undefined;
  ip: string | undefined;
  receivedAt: number;
}

export async function ingestBatch(deps: IngestDeps, request: BatchRequest): Promise<IngestAnswer> {
  const envelope = batchSchema.safeParse(request.body);
  if (!envelope.success) {
    const { field, message } = firstIssue(envelope.error);
    throw new InputError(400, field, message);
  }
  const batch = envelope.data;
  const site = deps.store.findSiteByKey(batch.site);
  if (!site) throw new InputError(404, 'site', `site: no site has the key '${batch.site}'`);
  if (request.origin !== undefined && !deps.store.siteAcceptsDomains(site.id, originDomains(request.origin))) {
    throw new InputError(403, 'origin', `origin: ${request.origin} is not a registered domain of this site`);
  }

  const sender = describeSender(request.userAgent, request.ip, deps.geo);
  if (sender.bot) {
    const day = new Date(request.receivedAt).toISOString().slice(0, 10);
    await deps.writer.submit(() => deps.store.countBotHits(site.id, day, batch.events.length));
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

  const { accepted, duplicates } = await deps.writer.submit(() => recordEvents(deps, rows, request.receivedAt));
  return { accepted, duplicates, rejected, dropped: 0, ...(ignored.length ? { ignored } : {}) };
}

/**
 * Stores the new events of a batch and updates their sessions, visitors, traffic rollups and profiles; runs inside
 * the writer's transaction, so an event and everything it changes commit together.
 */
export function recordEvents(
  { store, profileRules }: Pick<IngestDeps, 'store' | 'profileRules'>,
  rows: EventRow[],
  now: number,
): { accepted: number; duplicates: number } {
  const fresh = rows.filter((row) => store.insertEvent(row));
  const traffic = newTrafficTally();
  for (const summary of summarizeSessions(fresh)) countVisit(traffic, store.recordVisit(summary));
  countPageviews(traffic, fresh);
  if (fresh.length) writeTraffic(store, fresh[0]!.siteId, traffic);
  updateProfiles(store, fresh, profileRules, now);
  return { accepted: fresh.length, duplicates: rows.length - fresh.length };
}
