// Fills a site with the seeded traffic through the real ingest and sweeper, so profiles, scores, groups, segments and rollups are built as in production.
import type { GeoLookup } from '../enrich/geo.js';
import { ingestBatch, type IngestDeps } from '../ingest/ingest.js';
import type { IngestAnswer } from '../ingest/schema.js';
import { localWriter, type EngineWriter } from '../engine/commands.js';
import type { Store } from '../storage/store.js';
import { dayOf } from '../days.js';
import { windowStart } from './calendar.js';
import { loadCatalog, type Product } from './catalog.js';
import type { SeedOptions } from './options.js';
import { ruleIds, setUpShop, shopBase } from './setup.js';
import { traffic } from './traffic.js';
import type { Site } from '../model/site.js';

export interface SeedRun extends SeedOptions {
  /** The end of the window, usually now: the traffic fills the `days` before it. */
  end: number;
  /** Another seed gives other people and visits; the same seed and end give the same events. */
  seed?: number;
  geo: GeoLookup | null;
  catalog?: Product[];
  /** Told about every tenth of the events. */
  progress?: (message: string) => void;
}

export interface SeedSummary {
  events: number;
  duplicates: number;
  profiles: number;
  seconds: number;
}

/**
 * Events in flight at once; the writer commits their batches in one transaction. bench/ingest.ts keeps
 * 64 batches of 20 events in flight; a visit's batches hold five events on average, and as commits
 * then cost more per event, about four times as many events are kept (+13 % events/s, measured).
 */
const inFlight = 5_000;
/**
 * The sweeper runs every hour of the traffic's time, in the writer's queue between the batches
 * before and after that moment, as it runs between requests. The real one runs every minute: only
 * the recorded moment of a time-driven change moves, by up to an hour.
 */
const sweepEveryMs = 3_600_000;

/** Seeds through `writer`: one of this thread for the CLI, the collector's writer thread when a running demo seeds itself. */
export async function seed(store: Store, site: Site, run: SeedRun, writer: EngineWriter = localWriter(store)): Promise<SeedSummary> {
  const started = performance.now();
  const deps: IngestDeps = { store, writer, geo: run.geo };
  const start = windowStart(run.end, run.days);
  await setUpShop({ store, writer }, site, start);

  // All passes in one job: nothing waits on the seed's writer, so it need not make way for ingest.
  const sweep = async (now: number) => void (await writer.run('sweep', { now, all: true }));
  const summary = { events: 0, duplicates: 0 };
  const count = (answer: IngestAnswer) => {
    // Seeded events are valid and sent by browsers: a refusal is a bug of the generator, never to be skipped over.
    const refused = answer.rejected[0];
    if (refused) throw new Error(`the collector refused a seeded event: ${refused.message}`);
    if (answer.dropped > 0) throw new Error('the collector took a seeded browser for a bot');
    summary.events += answer.accepted;
    summary.duplicates += answer.duplicates;
  };

  let pending: Promise<IngestAnswer>[] = [];
  let sweeps: Promise<void>[] = [];
  let pendingEvents = 0;
  const settle = async () => {
    (await Promise.all(pending)).forEach(count);
    await Promise.all(sweeps);
    pending = [];
    sweeps = [];
    pendingEvents = 0;
  };

  let sent = 0;
  let sweptAt = start;
  let reported = 0;
  const report = (now: number) => {
    if (!run.progress || sent < ((reported + 1) * run.events) / 10 || sent >= run.events) return;
    reported = Math.floor((sent * 10) / run.events);
    const rate = Math.round(sent / ((performance.now() - started) / 1000));
    run.progress(`${reported * 10}% · ${sent.toLocaleString('en-US')} events · ${new Date(now).toISOString().slice(0, 10)} · ${rate.toLocaleString('en-US')} events/s`);
  };
  const batches = traffic({ ...run, seed: run.seed ?? 1, site: site.key, base: shopBase(site), catalog: run.catalog ?? loadCatalog(), rules: await ruleIds(store, site) });
  for (const batch of batches) {
    // Time-driven changes (decay, a group left, a counted window ending) are applied before the batches that come after them.
    if (batch.receivedAt - sweptAt >= sweepEveryMs) sweeps.push(sweep((sweptAt = batch.receivedAt)));
    pending.push(ingestBatch(deps, batch));
    sent += batch.body.events.length;
    pendingEvents += batch.body.events.length;
    if (pendingEvents >= inFlight) {
      await settle();
      report(batch.receivedAt);
    }
  }
  await settle();
  await sweep(run.end);

  const groups = await store.rollups.groupSizes(site.id, dayOf(run.end));
  return {
    ...summary,
    profiles: groups.new + groups.active + groups.passive,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
