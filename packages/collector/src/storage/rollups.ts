// The daily rollups behind the specification's metrics: events by name, active people, reach, group sizes.
import type { DayRange } from '../model/traffic.js';
import type { Lifecycle } from '../model/profile.js';

export interface RollupStore {
  addEvents(siteId: number, day: number, name: string, events: number): void;
  /**
   * Marks a person active on a day, and counts the day in the returns rollup by the person's
   * previous active day; a late day slots in between, so the day after it now follows it.
   */
  markActiveDay(siteId: number, day: number, profileId: number): void;
  addReach(siteId: number, day: number, source: string, people: number): void;
  addGroupDelta(siteId: number, day: number, lifecycle: Lifecycle, delta: number): void;
  /** A merged-away profile's active days become the surviving profile's. */
  moveActiveDays(siteId: number, into: number, from: number): void;
  /** A deleted person's active days leave the returns rollup, which stays as if they had never been active. */
  forgetActiveDays(siteId: number, profileId: number): void;
  activityMix(range: DayRange): Promise<{ name: string; events: number }[]>;
  activePerDay(range: DayRange): Promise<{ day: number; people: number }[]>;
  /** Distinct people active at least once in the range: a week's actives with a 7-day range. */
  activePeople(range: DayRange): Promise<number>;
  reach(range: DayRange): Promise<{ source: string; people: number }[]>;
  /** Each group's size at the end of `day`. */
  groupSizes(siteId: number, day: number): Promise<Record<Lifecycle, number>>;
}
