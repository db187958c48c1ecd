// Brings a profile up to a moment — its group and its current score — and schedules its next time-driven change.
import type { Profile, Store } from '../storage/store.js';
import { decayedScore, nextDecayAt } from '../score/decay.js';
import { lifecycleOf, nextLifecycleChange } from './lifecycle.js';
import { changeLifecycle } from './people.js';
import type { ProfileRules } from './rules.js';

/**
 * Updates `profile` in place: a change of group is recorded with its time and moves the group
 * sizes; the current score is decayed to `now`; the next change is the earlier of the next group
 * change and the next decay step. Shared by ingest and the sweeper. The caller saves the profile.
 */
export function settleProfile(store: Store, profile: Profile, now: number, rules: ProfileRules): void {
  const group = lifecycleOf(profile, now, rules.lifecycle);
  if (group !== profile.lifecycle) changeLifecycle(store, profile, group, now);
  profile.scoreNow = decayedScore(profile.score, profile.scoreAt, now, rules.scoring.decay);
  const moments = [nextLifecycleChange(profile, now, rules.lifecycle), nextDecayAt(profile.score, profile.scoreAt, now, rules.scoring.decay)];
  const future = moments.filter((t): t is number => t !== null);
  profile.nextChangeAt = future.length ? Math.min(...future) : null;
}
