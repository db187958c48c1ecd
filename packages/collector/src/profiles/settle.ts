// Brings a profile's group up to a moment and schedules its next time-driven change: shared by ingest and the sweeper.
import type { Profile, Store } from '../storage/store.js';
import { lifecycleOf, nextLifecycleChange, type LifecycleRules } from './lifecycle.js';
import { changeLifecycle } from './people.js';

/** Updates `profile` in place; a change of group is recorded with its time and moves the group sizes. The caller saves the profile. */
export function settleLifecycle(store: Store, profile: Profile, now: number, rules: LifecycleRules): void {
  const group = lifecycleOf(profile, now, rules);
  if (group !== profile.lifecycle) changeLifecycle(store, profile, group, now);
  profile.nextChangeAt = nextLifecycleChange(profile, now, rules);
}
