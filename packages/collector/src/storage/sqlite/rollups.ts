// Daily rollups behind the specification's metrics, updated in the same transaction as the events.
import type { Db } from './database.js';
import type { RollupStore } from '../rollups.js';
import type { Lifecycle } from '../../model/profile.js';
import type { DayRange } from '../../model/traffic.js';

/** The previous active day of a person's first: before any day a range can start on. */
const firstVisit = -1;

export function sqliteRollups(db: Db): RollupStore {
  const addEvents = db.prepare<[number, number, string, number]>(
    `INSERT INTO daily_events (site_id, day, name, events) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET events = events + excluded.events`,
  );
  const markActive = db.prepare<[number, number, number]>('INSERT OR IGNORE INTO daily_people (site_id, day, profile_id) VALUES (?, ?, ?)');
  const addReach = db.prepare<[number, number, string, number]>(
    `INSERT INTO daily_reach (site_id, day, source, people) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET people = people + excluded.people`,
  );
  const addLifecycle = db.prepare<[number, number, string, number]>(
    `INSERT INTO daily_lifecycle (site_id, day, lifecycle, delta) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET delta = delta + excluded.delta`,
  );
  // A person's active days in order, for the returns rollup: the day before and after a new one, or all of them.
  const dayBefore = db.prepare<[number, number, number], { day: number | null }>(
    'SELECT max(day) AS day FROM daily_people WHERE site_id = ? AND profile_id = ? AND day < ?',
  );
  const dayAfter = db.prepare<[number, number, number], { day: number | null }>(
    'SELECT min(day) AS day FROM daily_people WHERE site_id = ? AND profile_id = ? AND day > ?',
  );
  const activeDaysOf = db.prepare<[number, number], { day: number }>('SELECT day FROM daily_people WHERE site_id = ? AND profile_id = ? ORDER BY day');
  const addReturn = db.prepare<[number, number, number, number]>(
    `INSERT INTO daily_returns (site_id, day, prev_day, people) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET people = people + excluded.people`,
  );
  const moveActiveDays = db.prepare<[number, number, number]>(
    `INSERT OR IGNORE INTO daily_people (site_id, day, profile_id)
       SELECT site_id, day, ? FROM daily_people WHERE site_id = ? AND profile_id = ?`,
  );
  const dropActiveDays = db.prepare<[number, number]>('DELETE FROM daily_people WHERE site_id = ? AND profile_id = ?');
  /** Adds (or takes away) a person's active days in the returns rollup, each by the day before it. */
  const countReturns = (siteId: number, profileId: number, sign: 1 | -1) =>
    activeDaysOf.all(siteId, profileId).forEach(({ day }, i, days) => addReturn.run(siteId, day, i === 0 ? firstVisit : days[i - 1]!.day, sign));

  const mix = db.prepare<[number, number, number], { name: string; events: number }>(
    `SELECT name, sum(events) AS events FROM daily_events WHERE site_id = ? AND day BETWEEN ? AND ?
     GROUP BY name ORDER BY events DESC, name`,
  );
  const activePerDay = db.prepare<[number, number, number], { day: number; people: number }>(
    `SELECT day, sum(people) AS people FROM daily_returns WHERE site_id = ? AND day BETWEEN ? AND ?
     GROUP BY day HAVING sum(people) > 0 ORDER BY day`,
  );
  // Everyone active in a range has one first day in it: the day whose previous active day is before the range.
  const activeBetween = db.prepare<[number, number, number, number], { people: number }>(
    'SELECT coalesce(sum(people), 0) AS people FROM daily_returns WHERE site_id = ? AND day BETWEEN ? AND ? AND prev_day < ?',
  );
  const reachBySource = db.prepare<[number, number, number], { source: string; people: number }>(
    `SELECT source, sum(people) AS people FROM daily_reach WHERE site_id = ? AND day BETWEEN ? AND ?
     GROUP BY source HAVING sum(people) > 0 ORDER BY people DESC, source`,
  );
  const lifecycleUpTo = db.prepare<[number, number], { lifecycle: Lifecycle; people: number }>(
    'SELECT lifecycle, sum(delta) AS people FROM daily_lifecycle WHERE site_id = ? AND day <= ? GROUP BY lifecycle',
  );

  return {
    addEvents(siteId: number, day: number, name: string, events: number): void {
      addEvents.run(siteId, day, name, events);
    },
    /**
     * Marks a person active on a day, and counts the day in the returns rollup by the person's
     * previous active day; a late day slots in between, so the day after it now follows it.
     */
    markActiveDay(siteId: number, day: number, profileId: number): void {
      if (markActive.run(siteId, day, profileId).changes === 0) return;
      const before = dayBefore.get(siteId, profileId, day)!.day ?? firstVisit;
      const after = dayAfter.get(siteId, profileId, day)!.day;
      addReturn.run(siteId, day, before, 1);
      if (after !== null) {
        addReturn.run(siteId, after, before, -1);
        addReturn.run(siteId, after, day, 1);
      }
    },
    addReach(siteId: number, day: number, source: string, people: number): void {
      addReach.run(siteId, day, source, people);
    },
    addGroupDelta(siteId: number, day: number, lifecycle: Lifecycle, delta: number): void {
      addLifecycle.run(siteId, day, lifecycle, delta);
    },
    /** A merged-away profile's active days become the surviving profile's. */
    moveActiveDays(siteId: number, into: number, from: number): void {
      countReturns(siteId, into, -1);
      countReturns(siteId, from, -1);
      moveActiveDays.run(into, siteId, from);
      dropActiveDays.run(siteId, from);
      countReturns(siteId, into, 1);
    },
    /** A deleted person's active days leave the returns rollup, which stays as if they had never been active. */
    forgetActiveDays(siteId: number, profileId: number): void {
      countReturns(siteId, profileId, -1);
      dropActiveDays.run(siteId, profileId);
    },
    async activityMix({ siteId, from, to }: DayRange): Promise<{ name: string; events: number }[]> {
      return mix.all(siteId, from, to);
    },
    async activePerDay({ siteId, from, to }: DayRange): Promise<{ day: number; people: number }[]> {
      return activePerDay.all(siteId, from, to);
    },
    /** Distinct people active at least once in the range: a week's actives with a 7-day range. */
    async activePeople({ siteId, from, to }: DayRange): Promise<number> {
      return activeBetween.get(siteId, from, to, from)!.people;
    },
    async reach({ siteId, from, to }: DayRange): Promise<{ source: string; people: number }[]> {
      return reachBySource.all(siteId, from, to);
    },
    /** Each group's size at the end of `day`. */
    async groupSizes(siteId: number, day: number): Promise<Record<Lifecycle, number>> {
      const sizes: Record<Lifecycle, number> = { new: 0, active: 0, passive: 0 };
      for (const row of lifecycleUpTo.all(siteId, day)) sizes[row.lifecycle] = row.people;
      return sizes;
    },
  };
}
