// People: profiles and the visitors that lead to them, their daily points, score and group history, and the leads list.
import type { Lifecycle, Profile, LifecycleChange, TypeCounts } from '../model/profile.js';

/** Where a page of leads starts: after the profile with this score and id (score descending, then id). */
export interface LeadCursor {
  score: number;
  id: number;
}

export interface LeadsFilter {
  siteId: number;
  lifecycle: Lifecycle | null;
  segmentId: number | null;
  after: LeadCursor | null;
  limit: number;
  /**
   * For a segment: walk the site's profiles in score order and keep the members (cheap when the
   * segment holds a good share of them), or read all its members and sort them (cheap when it is small).
   */
  walk: boolean;
}

export interface ProfileStore {
  ofUser(siteId: number, userId: string): Promise<Profile | undefined>;
  /** A new profile, from now on reached through this visitor (which leaves its former profile, if any). */
  create(profile: Profile, visitorId: string): void;
  /**
   * Ids for people a batch may make: the next ones after the highest, which the single writer's
   * transaction keeps to itself (ids not used are simply not taken).
   */
  reserveIds(count: number): Promise<number[]>;
  /**
   * Holds, until the transaction ends, the people these visitors and user ids lead to (or will lead
   * to once created), so two collectors writing events of the same person serialize instead of losing
   * an update; locks are taken in one stable order so they never deadlock.
   */
  lockPeople(siteId: number, visitorIds: readonly string[], userIds: readonly string[]): Promise<void>;
  /** The people of these visitors, by visitor; visitors without one are left out. */
  ofVisitors(siteId: number, visitorIds: readonly string[]): Promise<Map<string, Profile>>;
  /** The people of these user ids, by user id; user ids without one are left out. */
  ofUsers(siteId: number, userIds: readonly string[]): Promise<Map<string, Profile>>;
  /** The points these people were granted for these definitions on these days, where any. */
  dailyPointsOf(siteId: number, profileIds: readonly number[], definitionIds: readonly number[], days: readonly number[]): Promise<{ profileId: number; definitionId: number; day: number; points: number }[]>;
  /** From now on this visitor's events belong to another profile; its past ones stay where they are. */
  relinkVisitor(siteId: number, visitorId: string, profileId: number): void;
  /** Moves everything of profile `from` (visitors, daily points, score and group history) to `into`, then deletes `from`. */
  absorb(siteId: number, into: number, from: number): void;
  ofVisitor(siteId: number, visitorId: string): Promise<Profile | undefined>;
  save(profile: Profile): void;
  visitors(siteId: number, profileId: number): Promise<string[]>;
  /** Each profile's visitors, as visitors() gives them; one read for a page of people. */
  visitorsOfPeople(siteId: number, profileIds: readonly number[]): Promise<Map<number, string[]>>;
  /** The highest-scoring profiles of a site, by the score as of their last event or sweep. */
  top(siteId: number, limit: number): Promise<Profile[]>;
  /** A page of a site's profiles after the id `after`, for passes over all of them; held until the transaction ends, as a batch holds its people. */
  after(siteId: number, after: number, limit: number): Promise<Profile[]>;
  /** Profiles whose next time-driven change is due by `now`, the earliest first. */
  due(now: number, limit: number): Promise<Profile[]>;
  recordGroupChange(siteId: number, profileId: number, at: number, from: Lifecycle, to: Lifecycle): void;
  groupChanges(siteId: number, profileId: number): Promise<LifecycleChange[]>;
  addDailyPoints(siteId: number, profileId: number, definitionId: number, day: number, points: number): void;
  recordScore(siteId: number, profileId: number, day: number, score: number): void;
  scoreHistory(siteId: number, profileId: number): Promise<{ day: number; score: number }[]>;
  /** A profile by its id, if it belongs to this site. */
  find(siteId: number, id: number): Promise<Profile | undefined>;
  idsOfSite(siteId: number): Promise<number[]>;
  /** A visitor's person and first source, without the rest of the profile. */
  personOfVisitor(siteId: number, visitorId: string): Promise<{ id: number; source: string } | undefined>;
  /** The own community counts of those of these users who have a profile on the site. */
  communityCountsOfUsers(siteId: number, userIds: readonly string[]): Promise<Map<string, TypeCounts>>;
  /** A deleted browser no longer leads to its person. */
  unlinkVisitor(siteId: number, visitorId: string): void;
  /** A deleted person: their daily points, score and group history, then the profile. */
  drop(siteId: number, profileId: number): void;
  /** A page of a site's profiles, highest score first, optionally of one group and one segment. */
  leads(f: LeadsFilter): Promise<Profile[]>;
}

/** The history half of the profiles group, and what a merge or a delete does to it. */
export type ProfileHistoryStore = Pick<ProfileStore, 'dailyPointsOf' | 'recordGroupChange' | 'groupChanges' | 'addDailyPoints' | 'recordScore' | 'scoreHistory'> & {
  /** A merged-away person's history becomes the survivor's. */
  moveHistory(siteId: number, into: number, from: number): void;
  /** A deleted or merged-away person's history goes. */
  dropHistory(siteId: number, profileId: number): void;
};
