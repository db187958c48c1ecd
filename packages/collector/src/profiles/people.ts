// People coming and going: new profiles, merged-away profiles and group changes, with the daily rollups each one moves.
import type { EventRow, Profile, Store } from '../storage/store.js';
import type { Lifecycle } from './lifecycle.js';
import { leaveAllSegments } from '../segments/membership.js';
import { queueGroupChange } from '../webhooks/outbox.js';
import { dayOf } from '../days.js';

/** A visit's source, and so a person's first: the campaign, else the referring site, else 'direct'. */
export const sourceOf = (visit: Pick<EventRow, 'utmSource' | 'referrerHost'>) => visit.utmSource ?? visit.referrerHost ?? 'direct';

/**
 * A new person, first seen through this event's visitor: reached on the day of the event, from
 * its source, and counted as new from `now`, when Pulse learned of them.
 */
export function newProfile(store: Store, event: EventRow, userId: string | null, now: number): Profile {
  const profile = store.createProfile(event.siteId, event.visitorId, event.ts, sourceOf(event), userId);
  store.addReach(event.siteId, dayOf(event.ts), profile.source, 1);
  store.addLifecycleDelta(event.siteId, dayOf(now), profile.lifecycle, 1);
  return profile;
}

/** Records a change of group: the change itself, and the sizes of both groups from `now`. */
export function changeLifecycle(store: Store, profile: Profile, to: Lifecycle, now: number): void {
  store.recordLifecycleChange(profile.id, now, profile.lifecycle, to);
  queueGroupChange(store, profile, profile.lifecycle, to, now);
  store.addLifecycleDelta(profile.siteId, dayOf(now), profile.lifecycle, -1);
  store.addLifecycleDelta(profile.siteId, dayOf(now), to, 1);
  profile.lifecycle = to;
}

/**
 * Folds `from` into `into` (identity found them to be one person): everything of `from` moves,
 * and it stops counting as a person of its own: out of its group from `now`, and out of the reach
 * of whichever of the two was reached later.
 */
export function absorbProfile(store: Store, into: Profile, from: Profile, now: number): void {
  const later = from.firstSeen >= into.firstSeen ? from : into;
  store.addReach(from.siteId, dayOf(later.firstSeen), later.source, -1);
  store.addLifecycleDelta(from.siteId, dayOf(now), from.lifecycle, -1);
  store.moveActiveDays(into.siteId, into.id, from.id);
  // The merged profile is re-evaluated right after: the absorbed one just leaves its segments.
  leaveAllSegments(store, from, now);
  store.moveSegmentHistory(into.id, from.id);
  store.moveCounters(into.id, from.id);
  store.moveFunnelAttempts(into.id, from.id);
  store.absorbFeatures(into.id, from.id, from.siteId);
  store.absorbProfile(into.id, from.id);
}
