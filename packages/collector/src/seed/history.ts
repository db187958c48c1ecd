// The demo's first start: a month of the shop's traffic generated through the collector's own writer, so the stats page opens on a living dashboard.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { GeoLookup } from '../enrich/geo.js';
import { ClusterFitError, refitClusters } from '../jobs/refit.js';
import { seed, type SeedSummary } from './seed.js';
import type { Site } from '../model/site.js';

/** Small enough to take a few seconds on two cores, large enough that every card has people in it. */
export const demoHistory = { events: 30_000, profiles: 3_000, days: 30 };

export interface HistoryDeps {
  store: Store;
  writer: EngineWriter;
  geo: GeoLookup | null;
}

/**
 * Seeds the demo history into a site without segments, ending at `now`, then fits its clusters at once
 * rather than at the refit job's next hour. A site with segments has had its first start (the seed
 * saves the shop's segments before any traffic) or an admin: it is left alone and null returned.
 */
export async function shopHistoryOnFirstStart(deps: HistoryDeps, site: Site, now: number, log: (message: string) => void): Promise<SeedSummary | null> {
  if ((await deps.store.segments.list(site.id)).length > 0) return null;
  const started = performance.now();
  const done = await seed(deps.store, site, { ...demoHistory, site: site.key, end: now, geo: deps.geo }, deps.writer);
  try {
    await refitClusters({ ...deps, now: Date.now }, site.id);
  } catch (error) {
    // The refit job's first pass, shortly after start, may be fitting the people seeded so far: its model
    // serves, as those seeded after it were placed by it at their events.
    if (!(error instanceof ClusterFitError)) throw error;
  }
  log(
    `demo: ${demoHistory.days} days of the shop's history generated at first start: ${done.events.toLocaleString('en-US')} events, ` +
      `${done.profiles.toLocaleString('en-US')} people, in ${((performance.now() - started) / 1000).toFixed(1)} s with its clusters (pulse seed makes more; --demo-history off skips it)`,
  );
  return done;
}
