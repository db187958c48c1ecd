// Re-evaluates one profile's rule segments: entries and exits recorded, and when time alone may change them next.
import { dayOf } from '../days.js';
import type { EventRow, Profile, Segment, Store } from '../storage/store.js';
import { matches, timeCrossings, type ProfileFacts } from './rules.js';
import { counterKey, counterDelta, type Counter } from './counters.js';

/** A site's segments and the counters their rules use, loaded once per batch or sweep pass. */
export interface SiteSegments {
  list: Segment[];
  /** Counter ids by counterKey. */
  counters: Map<string, number>;
  all: Counter[];
}

export function siteSegments(store: Store, siteId: number): SiteSegments {
  const all = store.listCounters(siteId);
  return { list: store.listSegments(siteId), counters: new Map(all.map((c) => [counterKey(c.spec), c.id])), all };
}

/** Adds an event to the profile's counters that it passes, for its day. */
export function countEvent(store: Store, segments: SiteSegments, profileId: number, event: EventRow): void {
  for (const counter of segments.all) {
    const delta = counterDelta(counter.spec, event);
    if (delta) store.addToCounter(profileId, counter.id, dayOf(event.ts), delta.count, delta.total);
  }
}


const factsOf = (store: Store, p: Profile, counters: Map<string, number>): ProfileFacts => ({
  score: p.scoreNow,
  lifecycle: p.lifecycle,
  traits: p.traits,
  country: p.country,
  city: p.city,
  device: p.device,
  firstSeen: p.firstSeen,
  lastSeen: p.lastSeen,
  counted(spec, fromDay) {
    const id = counters.get(counterKey(spec));
    return id === undefined ? { count: 0, total: 0, firstDay: null } : store.counterSince(p.id, id, fromDay);
  },
});

/**
 * Brings the profile's memberships up to `now` (its score and group must already be settled), and
 * returns the future moments at which a first- or last-seen test of a segment may flip.
 */
export function settleSegments(store: Store, profile: Profile, segments: SiteSegments, now: number): number[] {
  if (segments.list.length === 0) return [];
  const facts = factsOf(store, profile, segments.counters);
  const current = store.segmentsOfProfile(profile.id);
  const crossings: number[] = [];
  for (const segment of segments.list) {
    const member = matches(segment.rules, facts, now);
    if (member !== current.has(segment.id)) store.setMembership(profile.siteId, segment.id, profile.id, member, now, dayOf(now));
    crossings.push(...timeCrossings(segment.rules, facts, now));
  }
  return crossings;
}

/** Takes a profile out of all its segments, as when identity merges it away. */
export function leaveAllSegments(store: Store, profile: Profile, now: number): void {
  for (const segmentId of store.segmentsOfProfile(profile.id)) {
    store.setMembership(profile.siteId, segmentId, profile.id, false, now, dayOf(now));
  }
}
