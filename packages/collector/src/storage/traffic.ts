// The overview's traffic rollups: sessions, page views, bounces and lengths by hour, top lists by day.
import type { Db } from './database.js';
import type { DayRange } from './rollups.js';

/** What the overview lists: a session's dimensions, and 'page' (page views by path). */
export const dimensions = ['page', 'source', 'referrer', 'utm_campaign', 'device', 'browser', 'os', 'country', 'city'] as const;
export type Dimension = (typeof dimensions)[number];

/** Sessions started, page views, bounces and summed session length in a span of time. */
export interface Traffic {
  sessions: number;
  pageviews: number;
  bounces: number;
  durationMs: number;
}

const sums = 'coalesce(sum(sessions), 0) AS sessions, coalesce(sum(pageviews), 0) AS pageviews, coalesce(sum(bounces), 0) AS bounces, coalesce(sum(duration_ms), 0) AS durationMs';

export function trafficStatements(db: Db) {
  const addTraffic = db.prepare<[number, number, number, number, number, number]>(
    `INSERT INTO hourly_traffic (site_id, hour, sessions, pageviews, bounces, duration_ms) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions, pageviews = pageviews + excluded.pageviews,
       bounces = bounces + excluded.bounces, duration_ms = duration_ms + excluded.duration_ms`,
  );
  const addDimension = db.prepare<[number, string, number, string, number]>(
    `INSERT INTO daily_dimensions (site_id, dimension, day, value, count) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  // Hours are read by whole days: hour / 24 is the day.
  const total = db.prepare<[number, number, number], Traffic>(`SELECT ${sums} FROM hourly_traffic WHERE site_id = ? AND hour BETWEEN ? AND ?`);
  const perHour = db.prepare<[number, number, number], Traffic & { hour: number }>(
    `SELECT hour, ${sums} FROM hourly_traffic WHERE site_id = ? AND hour BETWEEN ? AND ? GROUP BY hour ORDER BY hour`,
  );
  const perDay = db.prepare<[number, number, number], Traffic & { day: number }>(
    `SELECT hour / 24 AS day, ${sums} FROM hourly_traffic WHERE site_id = ? AND hour BETWEEN ? AND ? GROUP BY hour / 24 ORDER BY day`,
  );
  const top = db.prepare<[number, string, number, number, number], { value: string; count: number }>(
    `SELECT value, sum(count) AS count FROM daily_dimensions WHERE site_id = ? AND dimension = ? AND day BETWEEN ? AND ?
     GROUP BY value HAVING sum(count) > 0 ORDER BY count DESC, value LIMIT ?`,
  );
  const hours = (from: number, to: number) => [from * 24, to * 24 + 23] as const;

  return {
    /** Moves an hour's traffic by a batch's changes (negative when a late event moved a session away). */
    addTraffic(siteId: number, hour: number, change: Traffic): void {
      addTraffic.run(siteId, hour, change.sessions, change.pageviews, change.bounces, change.durationMs);
    },
    addDimension(siteId: number, dimension: Dimension, day: number, value: string, count: number): void {
      addDimension.run(siteId, dimension, day, value, count);
    },
    traffic({ siteId, from, to }: DayRange): Traffic {
      return total.get(siteId, ...hours(from, to))!;
    },
    trafficPerHour({ siteId, from, to }: DayRange): (Traffic & { hour: number })[] {
      return perHour.all(siteId, ...hours(from, to));
    },
    trafficPerDay({ siteId, from, to }: DayRange): (Traffic & { day: number })[] {
      return perDay.all(siteId, ...hours(from, to));
    },
    /** The values of a dimension with the most sessions (page views for 'page') in the range. */
    topValues({ siteId, from, to }: DayRange, dimension: Dimension, limit: number): { value: string; count: number }[] {
      return top.all(siteId, dimension, from, to, limit);
    },
  };
}
