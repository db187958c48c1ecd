// Applies the changes that come from time passing alone, visiting only the profiles whose change is due.
import type { Store } from '../storage/store.js';
import { siteSegments, type SiteSegments } from '../segments/membership.js';
import type { ProfileRules } from './rules.js';
import { settleProfile } from './settle.js';

/** Profiles settled per transaction: small enough that ingest waits milliseconds, not seconds. */
export const sweepPassSize = 5_000;

/** One pass over at most `limit` due profiles, inside the caller's transaction; returns how many it visited. */
export function sweepDue(store: Store, now: number, rules: ProfileRules, limit = sweepPassSize): number {
  const due = store.dueProfiles(now, limit);
  const segments = new Map<number, SiteSegments>();
  for (const profile of due) {
    if (!segments.has(profile.siteId)) segments.set(profile.siteId, siteSegments(store, profile.siteId));
    // Time alone moves only recency, score and group: the next event places the person at once, and
    // the hourly refit places everyone; placing here would add two reads and a write per person swept.
    settleProfile(store, profile, segments.get(profile.siteId)!, now, rules, { cluster: false });
    store.saveProfile(profile);
  }
  return due.length;
}
