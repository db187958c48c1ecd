// Brings a profile up to a moment — its group, current score and segments — and schedules its next time-driven change.
import type { Profile, Store } from '../storage/store.js';
import { settleSegments, type SiteSegments } from '../segments/membership.js';
import { decayedScore, nextDecayAt } from '../score/decay.js';
import { lifecycleOf, nextLifecycleChange } from './lifecycle.js';
import { changeLifecycle } from './people.js';
import type { ProfileRules } from './rules.js';
import { assignCluster } from '../clusters/assign.js';
import { settleDimensions } from './dimensions.js';

/**
 * Updates `profile` in place: a change of group is recorded with its time and moves the group
 * sizes; the current score is decayed to `now`; the person goes to the nearest cluster (unless
 * `cluster` is false); a circle due for refresh is recomputed; rule segments are re-evaluated; the
 * next change is the earliest of the next group change, the next decay step, the circle's next
 * refresh and the next moment a segment's time test may flip. Shared by ingest, the sweeper and
 * re-evaluation. The caller saves the profile.
 */
export function settleProfile(store: Store, profile: Profile, segments: SiteSegments, now: number, rules: ProfileRules, { cluster = true } = {}): void {
  const group = lifecycleOf(profile, now, rules.lifecycle);
  if (group !== profile.lifecycle) changeLifecycle(store, profile, group, now);
  profile.scoreNow = decayedScore(profile.score, profile.scoreAt, now, rules.scoring.decay);
  // Before the segments: a rule may test the cluster.
  if (cluster) assignCluster(store, profile, now);
  const moments = [
    settleDimensions(store, profile, now, false),
    nextLifecycleChange(profile, now, rules.lifecycle),
    nextDecayAt(profile.score, profile.scoreAt, now, rules.scoring.decay),
    ...settleSegments(store, profile, segments, now),
  ];
  const future = moments.filter((t): t is number => t !== null);
  profile.nextChangeAt = future.length ? Math.min(...future) : null;
}
