// The overview's traffic rollups on PostgreSQL: sessions, page views, bounces and lengths by hour, top lists by day, and the bot hits dropped; every add a commutative upsert, so collectors add at once.
import type { Sql } from './sql.js';
import type { TrafficStore } from '../traffic.js';
import type { Traffic } from '../../model/traffic.js';

// BIGINT sums are NUMERIC, which pg hands over as strings: cast back.
const sums = `coalesce(sum(sessions), 0)::bigint AS sessions, coalesce(sum(pageviews), 0)::bigint AS pageviews,
  coalesce(sum(bounces), 0)::bigint AS bounces, coalesce(sum(duration_ms), 0)::bigint AS "durationMs"`;
/** Hours are read by whole days: hour / 24 is the day. */
const hours = (from: number, to: number) => [from * 24, to * 24 + 23] as const;

export function pgTraffic(sql: Sql): TrafficStore {
  return {
    add(siteId, hour, change) {
      sql.tally(
        `INSERT INTO hourly_traffic AS t (site_id, hour, sessions, pageviews, bounces, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (site_id, hour) DO UPDATE SET sessions = t.sessions + excluded.sessions, pageviews = t.pageviews + excluded.pageviews,
           bounces = t.bounces + excluded.bounces, duration_ms = t.duration_ms + excluded.duration_ms`,
        [siteId, hour, change.sessions, change.pageviews, change.bounces, change.durationMs],
      );
    },
    addDimension(siteId, dimension, day, value, count) {
      sql.tally(
        `INSERT INTO daily_dimensions AS d (site_id, dimension, day, value, count) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (site_id, dimension, day, value) DO UPDATE SET count = d.count + excluded.count`,
        [siteId, dimension, day, value, count],
      );
    },
    async total({ siteId, from, to }) {
      return (await sql.row<Traffic>(`SELECT ${sums} FROM hourly_traffic WHERE site_id = $1 AND hour BETWEEN $2 AND $3`, [siteId, ...hours(from, to)]))!;
    },
    async perHour({ siteId, from, to }) {
      return sql.rows<Traffic & { hour: number }>(
        `SELECT hour, ${sums} FROM hourly_traffic WHERE site_id = $1 AND hour BETWEEN $2 AND $3 GROUP BY hour ORDER BY hour`,
        [siteId, ...hours(from, to)],
      );
    },
    async perDay({ siteId, from, to }) {
      return sql.rows<Traffic & { day: number }>(
        `SELECT hour / 24 AS day, ${sums} FROM hourly_traffic WHERE site_id = $1 AND hour BETWEEN $2 AND $3 GROUP BY hour / 24 ORDER BY day`,
        [siteId, ...hours(from, to)],
      );
    },
    // Ties by the value's bytes, as SQLite's BINARY collation orders them whatever the database's locale.
    async top({ siteId, from, to }, dimension, limit) {
      return sql.rows<{ value: string; count: number }>(
        `SELECT value, sum(count)::bigint AS count FROM daily_dimensions WHERE site_id = $1 AND dimension = $2 AND day BETWEEN $3 AND $4
         GROUP BY value HAVING sum(count) > 0 ORDER BY count DESC, value COLLATE "C" LIMIT $5`,
        [siteId, dimension, from, to, limit],
      );
    },
    addBotHits(siteId, day, hits) {
      sql.tally(
        `INSERT INTO bot_hits AS b (site_id, day, hits) VALUES ($1, $2, $3)
         ON CONFLICT (site_id, day) DO UPDATE SET hits = b.hits + excluded.hits`,
        [siteId, day, hits],
      );
    },
    async botHits(siteId, day) {
      return (await sql.row<{ hits: number }>('SELECT hits FROM bot_hits WHERE site_id = $1 AND day = $2', [siteId, day]))?.hits ?? 0;
    },
  };
}
