// Re-evaluates one profile's rule segments: entries and exits recorded, and when time alone may change them next.
import { dayOf } from '../days.js';
import type { CountedDay, EventRow, Profile, Segment, SegmentSetup, Store } from '../storage/store.js';
import { longestWindowDays, matches, timeCrossings, type ProfileFacts } from './rules.js';
import { counterKey, counterDelta, type Counter } from './counters.js';
import { queueSegmentChange } from '../webhooks/outbox.js';

/** A site's segments and the counters their rules use, with the counters found by their key. */
export interface SiteSegments {
  list: readonly Segment[];
  /** Counter ids by counterKey. */
  counters: Map<string, number>;
  all: readonly Counter[];
}

const derived = new WeakMap<SegmentSetup, SiteSegments>();

/** Built once per change of the site's segments, not per batch. */
export function siteSegments(store: Store, siteId: number): SiteSegments {
  const setup = store.segmentSetup(siteId);
  let segments = derived.get(setup);
  if (!segments) {
    segments = { list: setup.segments, all: setup.counters, counters: new Map(setup.counters.map((c) => [counterKey(c.spec), c.id])) };
    derived.set(setup, segments);
  }
  return segments;
}

/** One profile's counts not yet written, by counter and day: a batch writes each once. */
export type Tally = Map<string, CountedDay>;

/** Adds an event to the tally of the counters it passes, for its day. */
export function countEvent(counters: readonly Counter[], tally: Tally, event: Pick<EventRow, 'name' | 'props' | 'ts'>): void {
  for (const counter of counters) {
    const delta = counterDelta(counter.spec, event);
    if (!delta) continue;
    const day = dayOf(event.ts);
    const key = `${counter.id}:${day}`;
    const counted = tally.get(key);
    if (counted) {
      counted.count += delta.count;
      counted.total += delta.total;
    } else tally.set(key, { counterId: counter.id, day, ...delta });
  }
}

/** Writes a profile's tally and empties it. */
export function writeTally(store: Store, profileId: number, tally: Tally): void {
  for (const { counterId, day, count, total } of tally.values()) store.addToCounter(profileId, counterId, day, count, total);
  tally.clear();
}

const factsOf = (store: Store, p: Profile, counters: Map<string, number>, now: number): ProfileFacts => {
  // Read on the first counted test and shared by the rest: every day any window may reach.
  let days: CountedDay[] | undefined;
  return {
    score: p.scoreNow,
    lifecycle: p.lifecycle,
    traits: p.traits,
    country: p.country,
    city: p.city,
    device: p.device,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    cluster: () => store.clusterOfProfile(p.id),
    dimensions: p.dimensions,
    counted(spec, fromDay) {
      const id = counters.get(counterKey(spec));
      const result = { count: 0, total: 0, firstDay: null as number | null };
      if (id === undefined) return result;
      days ??= store.countedSince(p.id, dayOf(now) - longestWindowDays + 1);
      for (const counted of days) {
        if (counted.counterId !== id || counted.day < fromDay) continue;
        result.count += counted.count;
        result.total += counted.total;
        if (result.firstDay === null || counted.day < result.firstDay) result.firstDay = counted.day;
      }
      return result;
    },
  };
};

/**
 * Brings the profile's memberships up to `now` (its score and group must already be settled), and
 * returns the future moments at which a first- or last-seen test of a segment may flip.
 */
export function settleSegments(store: Store, profile: Profile, segments: SiteSegments, now: number): number[] {
  if (segments.list.length === 0) return [];
  const facts = factsOf(store, profile, segments.counters, now);
  const current = store.segmentsOfProfile(profile.id);
  const crossings: number[] = [];
  for (const segment of segments.list) {
    const member = matches(segment.rules, facts, now);
    if (member !== current.has(segment.id)) {
      store.setMembership(profile.siteId, segment.id, profile.id, member, now, dayOf(now));
      queueSegmentChange(store, profile, segment, member, now);
    }
    crossings.push(...timeCrossings(segment.rules, facts, now));
  }
  return crossings;
}

/** Takes a profile out of all its segments, as when identity merges it away. */
export function leaveAllSegments(store: Store, profile: Profile, now: number): void {
  const memberOf = store.segmentsOfProfile(profile.id);
  for (const segment of store.segmentSetup(profile.siteId).segments) {
    if (!memberOf.has(segment.id)) continue;
    store.setMembership(profile.siteId, segment.id, profile.id, false, now, dayOf(now));
    queueSegmentChange(store, profile, segment, false, now);
  }
}
