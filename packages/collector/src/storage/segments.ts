// Segments: their rules and counters, members, every entry and exit, and sizes per day.
import type { Segment, SegmentSetup, CounterSpec, CountedDay, CounterFill, MemberRow, SegmentChange } from '../model/segment.js';
import type { Rule } from '../model/rule.js';

export interface SegmentStore {
  /** A site's segments and the counters their rules use, as one object that stays the same until either changes. */
  setup(siteId: number): Promise<SegmentSetup>;
  /** The counter for a spec, created empty when no rule used it before; says whether it is new. */
  ensureCounter(siteId: number, spec: CounterSpec): Promise<{ id: number; created: boolean }>;
  /** Marks new counters as to be filled from the site's events since `fromTs`, stored up to the row `until`. */
  startFill(siteId: number, counterIds: readonly number[], fromTs: number, until: number): void;
  /** Every counter still being filled, of every site (for a collector to take up what another left). */
  fills(): Promise<CounterFill[]>;
  /** These counters' fills still to do, held until the transaction ends (one collector fills a counter at a time). */
  holdFills(siteId: number, counterIds: readonly number[]): Promise<CounterFill[]>;
  /** Where a counter's fill got to: the last event row counted, or null when it is done. */
  moveFill(siteId: number, counterId: number, after: number | null): void;
  /** Adds a person's counted days to their counters. */
  addToCounters(siteId: number, profileId: number, days: readonly CountedDay[]): void;
  /** Each of these people's counts for every counter, per day from `fromDay` on: one read for all their segments. */
  countedOfPeople(siteId: number, profileIds: readonly number[], fromDay: number): Promise<Map<number, CountedDay[]>>;
  /** The segments each of these people is in. */
  membershipsOfPeople(siteId: number, profileIds: readonly number[]): Promise<Map<number, Set<number>>>;
  /** A merged-away profile's counts become the surviving profile's. */
  moveCounters(siteId: number, into: number, from: number): void;
  list(siteId: number): Promise<readonly Segment[]>;
  find(siteId: number, id: number): Promise<Segment | undefined>;
  insert(siteId: number, name: string, rules: Rule, now: number): Promise<Segment>;
  update(siteId: number, id: number, name: string, rules: Rule, now: number): Promise<Segment | undefined>;
  delete(siteId: number, id: number): Promise<boolean>;
  /** Shows the segment to its members' browsers under `key`, or to none with null; false when the site has no such segment. */
  setBrowserKey(siteId: number, id: number, key: string | null): Promise<boolean>;
  ofProfile(siteId: number, profileId: number): Promise<Set<number>>;
  /** Adds or removes a member, recording the change and the segment's size for the day. */
  setMembership(siteId: number, segmentId: number, profileId: number, member: boolean, now: number, day: number): void;
  /** A page of members after the profile id `after` (keyset paging). */
  members(siteId: number, segmentId: number, after: number, limit: number): Promise<MemberRow[]>;
  size(siteId: number, segmentId: number): Promise<number>;
  history(siteId: number, profileId: number): Promise<SegmentChange[]>;
  /** Each segment's size at the end of `day`. */
  sizes(siteId: number, day: number): Promise<Map<number, number>>;
  /** A merged-away profile's entries and exits become the surviving profile's history. */
  moveHistory(siteId: number, into: number, from: number): void;
  /** Each segment's change in size per day, for the days from `from` to `to`. */
  deltas(siteId: number, from: number, to: number): Promise<{ segmentId: number; day: number; delta: number }[]>;
  /** The segments a profile is in now, with when it entered each. */
  membershipsOf(siteId: number, profileId: number): Promise<{ segmentId: number; since: number }[]>;
  /** A deleted person: their memberships, entries and exits, and counts. */
  forgetProfile(siteId: number, profileId: number): void;
}
