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
import { urlParts } from '../model/urls.js';
import { configChunks } from '../personalization/config.js';
import { siteConfigsOf } from '../personalization/site-configs.js';
import { wizardSessionsOf } from '../personalization/wizard-sessions.js';
import { wizardSecretKey } from '../personalization/wizard-token.js';

export interface IngestDeps {
  store: Pick<Store, 'sites' | 'settings' | 'personalization' | 'calls'>;
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
export async function siteOfPage(store: Pick<Store, 'sites'>, key: string, origin: string | undefined): Promise<Site> {
  const site = await store.sites.byKey(key);
  if (!site) throw new InputError(404, 'site', `site: no site has the key '${key}'`);
  if (origin !== undefined && !await store.sites.acceptsDomains(site.id, originDomains(origin))) {
    throw new InputError(403, 'origin', `origin: ${origin} is not a registered domain of this site`);
  }
  return site;
}

export async function ingestBatch(deps: IngestDeps, request: BatchRequest): Promise<IngestAnswer> {
  const batch = parseInput(batchSchema, request.body);
  const site = await siteOfPage(deps.store, batch.site, request.origin);

  const sender = describeSender(request.userAgent, request.ip, deps.geo);
  if (sender.bot) {
    const day = new Date(request.receivedAt).toISOString().slice(0, 10);
    await deps.writer.run('countBots', { siteId: site.id, day, hits: batch.events.length });
    return { accepted: 0, duplicates: 0, rejected: [], dropped: batch.events.length };
  }

  const wizards = wizardSessionsOf(deps.store);
  const receipt: Receipt = { siteId: site.id, receivedAt: request.receivedAt, sentAt: batch.sent_at, sender };
  const rows: EventRow[] = [];
  const rejected: Rejection[] = [];
  const ignored: Rejection[] = [];
  for (const [index, raw] of batch.events.entries()) {
    const event = eventSchema.safeParse(raw);
    if (!event.success) {
      rejected.push({ index, ...firstIssue(event.error) });
      continue;
    }
    const wizard = urlParts(event.data.context?.url)?.wizard;
    if (wizard) wizards.open(site.key, event.data.session_id, wizard.token, await deps.store.settings.get(wizardSecretKey), request.receivedAt);
    const row = toEventRow(event.data, receipt);
    if (row.traits) {
      const clean = cleanTraits(row.traits);
      row.traits = clean.traits;
      for (const trait of clean.ignored) ignored.push({ index, ...trait });
    }
    rows.push(row);
  }

  const { accepted, duplicates } = rows.length ? await deps.writer.run('ingest', { rows, now: request.receivedAt }) : { accepted: 0, duplicates: 0 };
  // The site's config is a copy kept in memory: telling the SDK which chunks to load costs no read.
  const names = configChunks(await siteConfigsOf(deps.store).of(site.id));
  if (rows.some((row) => wizards.isOpen(row.sessionId, request.receivedAt))) names.push('picker');
  const chunks = names.length ? { chunks: names } : {};
  return { accepted, duplicates, rejected, dropped: 0, ...(ignored.length ? { ignored } : {}), ...chunks };
}
