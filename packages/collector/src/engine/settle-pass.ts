// Settling people in passes outside ingest: the sweeper's due ones, and a whole site after its segments or clusters changed.
import type { Profile } from '../model/profile.js';
import { siteSetup } from './site.js';
import { loadBatch } from './batch.js';
import { settlePerson } from './settle.js';
import { saveProfile } from './people.js';
import type { EngineContext } from './ingest.js';

/** Profiles settled per sweeper transaction: small enough that ingest waits milliseconds, not seconds. */
export const sweepPassSize = 5_000;
/** Profiles settled per re-evaluation transaction, so that ingest commits between the passes. */
export const settlePassSize = 2_000;

/** Settles these people of one site at `now`, reading what they need at once and writing after. */
async function settleAll({ store, rules }: EngineContext, siteId: number, profiles: Profile[], now: number, options: { cluster: boolean }): Promise<void> {
  const site = await siteSetup(store, siteId, [], now);
  const batch = await loadBatch(store, site, now, { profiles });
  for (const person of batch.all()) {
    settlePerson(batch, person, rules, options);
    saveProfile(batch, person);
  }
  batch.commit(store);
}

/** One pass over at most `limit` due profiles, inside the caller's transaction; returns how many it visited. */
export async function sweepDue(context: EngineContext, now: number, limit = sweepPassSize): Promise<number> {
  const due = await context.store.profiles.due(now, limit);
  const bySite = new Map<number, Profile[]>();
  for (const profile of due) {
    const profiles = bySite.get(profile.siteId);
    if (profiles) profiles.push(profile);
    else bySite.set(profile.siteId, [profile]);
  }
  // Time alone moves only recency, score and group: the next event places the person at once, and
  // the hourly refit places everyone; placing here would add two reads and a write per person swept.
  for (const [siteId, profiles] of bySite) await settleAll(context, siteId, profiles, now, { cluster: false });
  return due.length;
}

/** Settles the next pass of a site's people after the profile id `after`; returns the last id settled, or null when none were left. */
export async function settleSitePass(context: EngineContext, siteId: number, after: number, now: number): Promise<number | null> {
  const profiles = await context.store.profiles.after(siteId, after, settlePassSize);
  await settleAll(context, siteId, profiles, now, { cluster: true });
  return profiles.at(-1)?.id ?? null;
}
