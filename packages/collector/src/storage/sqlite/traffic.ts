// The overview's traffic rollups: sessions, page views, bounces and lengths by hour, top lists by day, and the bot hits dropped.
import type { Db } from './database.js';
import type { TrafficStore } from '../traffic.js';
import type { DayRange, Dimension, Traffic } from '../../model/traffic.js';

const sums = 'coalesce(sum(sessions), 0) AS sessions, coalesce(sum(pageviews), 0) AS pageviews, coalesce(sum(bounces), 0) AS bounces, coalesce(sum(duration_ms), 0) AS durationMs';

export function sqliteTraffic(db: Db): TrafficStore {
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
  const addBots = db.prepare<[number, string, number]>(
    `INSERT INTO bot_hits (site_id, day, hits) VALUES (?, ?, ?)
     ON CONFLICT (site_id, day) DO UPDATE SET hits = hits + excluded.hits`,
  );
  const bots = db.prepare<[number, string], { hits: number }>('SELECT hits FROM bot_hits WHERE site_id = ? AND day = ?');
  const hours = (from: number, to: number) => [from * 24, to * 24 + 23] as const;

  return {
    /** Moves an hour's traffic by a batch's changes (negative when a late event moved a session away). */
    add(siteId: number, hour: number, change: Traffic): void {
      addTraffic.run(siteId, hour, change.sessions, change.pageviews, change.bounces, change.durationMs);
    },
    addDimension(siteId: number, dimension: Dimension, day: number, value: string, count: number): void {
      addDimension.run(siteId, dimension, day, value, count);
    },
    async total({ siteId, from, to }: DayRange): Promise<Traffic> {
      return total.get(siteId, ...hours(from, to))!;
    },
    async perHour({ siteId, from, to }: DayRange): Promise<(Traffic & { hour: number })[]> {
      return perHour.all(siteId, ...hours(from, to));
    },
    async perDay({ siteId, from, to }: DayRange): Promise<(Traffic & { day: number })[]> {
      return perDay.all(siteId, ...hours(from, to));
    },
    /** The values of a dimension with the most sessions (page views for 'page') in the range. */
    async top({ siteId, from, to }: DayRange, dimension: Dimension, limit: number): Promise<{ value: string; count: number }[]> {
      return top.all(siteId, dimension, from, to, limit);
    },
    /** Counts the hits from bots dropped at ingest, so admins can see what was filtered. */
    addBotHits(siteId: number, day: string, hits: number): void {
      addBots.run(siteId, day, hits);
    },
    async botHits(siteId: number, day: string): Promise<number> {
      return bots.get(siteId, day)?.hits ?? 0;
    },
  };
}
