// The demo's first start, after the collector listens: the shop's call tracking, a month of history, then its personalization; each part only on a site that lacks it.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { GeoLookup } from '../enrich/geo.js';
import { shopCallsOnFirstStart } from './calls.js';
import { shopHistoryOnFirstStart } from './history.js';
import { shopPersonalizationOnFirstStart } from './personalization.js';
import type { Site } from '../model/site.js';

export interface DemoStart {
  /** The collector's origin: the made-up calls go through its endpoints. */
  url: string;
  /** Whether a new demo database gets its month of traffic (--demo-history). */
  history: boolean;
}

/** Runs the parts; a failing part is logged and the others go on. Resolves when all are done. */
export async function shopOnFirstStart(deps: { store: Store; writer: EngineWriter; geo: GeoLookup | null }, site: Site, start: DemoStart, log: (message: string) => void): Promise<void> {
  const failed = (error: Error) => log(`demo: ${error.message}`);
  const calls = shopCallsOnFirstStart(deps, site, start.url, log).catch(failed);
  // The history first: it sets up the shop's segments only on a site without any, and the personalization adds one.
  if (start.history) await shopHistoryOnFirstStart(deps, site, Date.now(), log).catch(failed);
  await shopPersonalizationOnFirstStart(deps, site, Date.now(), log).catch(failed);
  await calls;
}
