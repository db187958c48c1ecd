// Which of a site's rule segments a person is in: the counts their events add, and the entries and exits a settle finds.
import { dayOf } from '../days.js';
import { matches, timeCrossings, type ProfileFacts } from './rules.js';
import { counterDelta } from './counters.js';
import { counterKey, type CountedDay, type Counter, type Segment, type SegmentSetup } from '../model/segment.js';
import type { EventRow } from '../model/event.js';
import type { Profile } from '../model/profile.js';

/** A site's segments and the counters their rules use, with the counters found by their key. */
export interface SiteSegments {
  list: readonly Segment[];
  /** Counter ids by counterKey. */
  counters: Map<string, number>;
  all: readonly Counter[];
}

const derived = new WeakMap<SegmentSetup, SiteSegments>();

/** Built once per change of the site's segments (storage hands out the same setup until then), not per batch. */
export function siteSegments(setup: SegmentSetup): SiteSegments {
  let segments = derived.get(setup);
  if (!segments) {
    segments = { list: setup.segments, all: setup.counters, counters: new Map(setup.counters.map((c) => [counterKey(c.spec), c.id])) };
    derived.set(setup, segments);
  }
  return segments;
}

/** A person's counts by counter and day, keyed `counterId:day`. */
export type Tally = Map<string, CountedDay>;

/** Adds one day's count to a tally. */
export function addToTally(tally: Tally, { counterId, day, count, total }: CountedDay): void {
  const key = `${counterId}:${day}`;
  const counted = tally.get(key);
  if (counted) {
    counted.count += count;
    counted.total += total;
  } else tally.set(key, { counterId, day, count, total });
}

/** Adds an event to the tally of the counters it passes, for its day. */
export function countEvent(counters: readonly Counter[], tally: Tally, event: Pick<EventRow, 'name' | 'props' | 'ts'>): void {
  for (const counter of counters) {
    const delta = counterDelta(counter.spec, event);
    if (delta) addToTally(tally, { counterId: counter.id, day: dayOf(event.ts), ...delta });
  }
}

/** What the rules can test of a person: the profile as settled, their counted days and their cluster. */
export function factsOf(p: Profile, counted: Tally, counters: Map<string, number>, cluster: () => number | null): ProfileFacts {
  return {
    score: p.scoreNow,
    lifecycle: p.lifecycle,
    traits: p.traits,
    country: p.country,
    city: p.city,
    device: p.device,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    cluster,
    dimensions: p.dimensions,
    counted(spec, fromDay) {
      const id = counters.get(counterKey(spec));
      const result = { count: 0, total: 0, firstDay: null as number | null };
      if (id === undefined) return result;
      for (const day of counted.values()) {
        if (day.counterId !== id || day.day < fromDay) continue;
        result.count += day.count;
        result.total += day.total;
        if (result.firstDay === null || day.day < result.firstDay) result.firstDay = day.day;
      }
      return result;
    },
  };
}

/** A segment a person enters (member) or leaves. */
export interface MembershipChange {
  segment: Segment;
  member: boolean;
}

/**
 * The entries and exits that bring a person's memberships up to `now` (their score and group must
 * already be settled), and the future moments at which a time test of a segment may flip.
 */
export function settleSegments(segments: SiteSegments, facts: ProfileFacts, current: ReadonlySet<number>, now: number): { changes: MembershipChange[]; crossings: number[] } {
  const changes: MembershipChange[] = [];
  const crossings: number[] = [];
  for (const segment of segments.list) {
    const member = matches(segment.rules, facts, now);
    if (member !== current.has(segment.id)) changes.push({ segment, member });
    crossings.push(...timeCrossings(segment.rules, facts, now));
  }
  return { changes, crossings };
}
