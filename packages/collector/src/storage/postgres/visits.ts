// Sessions and visitors on PostgreSQL, kept current at ingest from per-batch summaries of their events, exactly when two collectors summarize one session at once.
import type { Sql } from './sql.js';
import type { VisitStore } from '../visits.js';
import type { Session, SessionShape, SessionSummary, Visitor } from '../../model/visit.js';

const shapeColumns = `site_id AS "siteId", started_at AS "startedAt", last_seen AS "lastSeen", pageviews,
  referrer_host AS "referrerHost", utm_source AS "utmSource", utm_campaign AS "utmCampaign", device, browser, os, country, city`;

// Late events (queued offline) may be older than what is stored: the first-touch fields follow
// whichever side has the earlier time and the latest-state fields the later one.
/** `column = …` for each column of the row `table`, taking the incoming value when `incomingWins` holds. */
const takeWhen = (table: string, incomingWins: string, columns: string[]) =>
  columns.map((column) => `${column} = CASE WHEN ${incomingWins} THEN excluded.${column} ELSE ${table}.${column} END,`).join('\n    ');

// The session as it was is read locked, and the upsert updates only a row it read: a session another
// collector inserted after this statement's snapshot makes it return no row, and it runs again.
const sessionUpsert = `
  WITH was AS (
    SELECT ${shapeColumns} FROM sessions WHERE site_id = $1 AND session_id = $2 FOR UPDATE
  ), now AS (
    INSERT INTO sessions AS s (site_id, session_id, visitor_id, started_at, last_seen, events, pageviews,
      landing_page, exit_page, referrer_host, utm_source, utm_medium, utm_campaign,
      device, browser, os, country, city)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
    ON CONFLICT (site_id, session_id) DO UPDATE SET
      ${takeWhen('s', 'excluded.started_at < s.started_at', ['landing_page', 'referrer_host', 'utm_source', 'utm_medium', 'utm_campaign'])}
      ${takeWhen('s', 'excluded.last_seen >= s.last_seen', ['exit_page'])}
      started_at = least(s.started_at, excluded.started_at),
      last_seen = greatest(s.last_seen, excluded.last_seen),
      events = s.events + excluded.events,
      pageviews = s.pageviews + excluded.pageviews
    WHERE EXISTS (SELECT FROM was)
    RETURNING ${shapeColumns}
  )
  SELECT false AS after, * FROM was UNION ALL SELECT true, * FROM now`;
const sessionValues = (s: SessionSummary) => [
  s.siteId, s.sessionId, s.visitorId, s.firstTs, s.lastTs, s.events, s.pageviews, s.firstPath, s.lastPath,
  s.referrerHost, s.utmSource, s.utmMedium, s.utmCampaign, s.device, s.browser, s.os, s.country, s.city,
];

const visitorUpsert = `
  INSERT INTO visitors AS v (site_id, visitor_id, user_id, first_seen, last_seen, sessions, events,
    landing_page, first_referrer_host, first_utm_source, first_utm_medium, first_utm_campaign,
    device, browser, os, country, city)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
  ON CONFLICT (site_id, visitor_id) DO UPDATE SET
    ${takeWhen('v', 'excluded.first_seen < v.first_seen', ['landing_page', 'first_referrer_host', 'first_utm_source', 'first_utm_medium', 'first_utm_campaign'])}
    user_id = coalesce(excluded.user_id, v.user_id),
    ${takeWhen('v', 'excluded.last_seen >= v.last_seen', ['device', 'browser', 'os', 'country', 'city'])}
    first_seen = least(v.first_seen, excluded.first_seen),
    last_seen = greatest(v.last_seen, excluded.last_seen),
    sessions = v.sessions + excluded.sessions,
    events = v.events + excluded.events`;
const visitorValues = (s: SessionSummary, newSessions: number) => [
  s.siteId, s.visitorId, s.userId, s.firstTs, s.lastTs, newSessions, s.events, s.firstPath,
  s.referrerHost, s.utmSource, s.utmMedium, s.utmCampaign, s.device, s.browser, s.os, s.country, s.city,
];

/** Runs of the session upsert before giving up: each rerun follows another collector's insert of the session. */
const attempts = 5;

type ShapeRow = SessionShape & { after: boolean };
const shapeOf = ({ after: _after, ...shape }: ShapeRow): SessionShape => shape;
const withoutSite = ({ site_id: _site, ...rest }: Record<string, unknown>) => rest;

const visitorColumns = `site_id AS "siteId", visitor_id AS "visitorId", user_id AS "userId", first_seen AS "firstSeen",
  last_seen AS "lastSeen", sessions, events, landing_page AS "landingPage",
  first_referrer_host AS "firstReferrerHost", first_utm_source AS "firstUtmSource",
  first_utm_medium AS "firstUtmMedium", first_utm_campaign AS "firstUtmCampaign",
  device, browser, os, country, city`;

export function pgVisits(sql: Sql): VisitStore {
  return {
    async record(s) {
      for (let attempt = 0; attempt < attempts; attempt++) {
        const rows = await sql.rows<ShapeRow>(sessionUpsert, sessionValues(s));
        const [before, after] = [rows.find((row) => !row.after), rows.find((row) => row.after)];
        if (!after) continue;
        sql.run(visitorUpsert, visitorValues(s, before ? 0 : 1));
        return { before: before && shapeOf(before), after: shapeOf(after) };
      }
      throw new Error(`session ${s.sessionId} of site ${s.siteId} kept changing under ${attempts} upserts`);
    },
    async session(siteId, sessionId) {
      return sql.row<Session>(
        `SELECT site_id AS "siteId", session_id AS "sessionId", visitor_id AS "visitorId", started_at AS "startedAt",
           last_seen AS "lastSeen", events, pageviews, landing_page AS "landingPage", exit_page AS "exitPage",
           referrer_host AS "referrerHost", utm_source AS "utmSource", utm_medium AS "utmMedium",
           utm_campaign AS "utmCampaign", device, browser, os, country, city
         FROM sessions WHERE site_id = $1 AND session_id = $2`,
        [siteId, sessionId],
      );
    },
    async visitor(siteId, visitorId) {
      return sql.row<Visitor>(`SELECT ${visitorColumns} FROM visitors WHERE site_id = $1 AND visitor_id = $2`, [siteId, visitorId]);
    },
    async visitors(siteId, visitorIds) {
      const rows = await sql.rows<Visitor>(`SELECT ${visitorColumns} FROM visitors WHERE site_id = $1 AND visitor_id = ANY($2)`, [siteId, visitorIds]);
      return new Map(rows.map((row) => [row.visitorId, row]));
    },
    // Sessions starting together go by id, as SQLite's walk of its (site, visitor, session) index leaves them.
    async sessionsOfVisitor(siteId, visitorId) {
      const rows = await sql.rows<Record<string, unknown>>(
        'SELECT * FROM sessions WHERE site_id = $1 AND visitor_id = $2 ORDER BY started_at, session_id COLLATE "C"',
        [siteId, visitorId],
      );
      return rows.map(withoutSite);
    },
    async visitorRecord(siteId, visitorId) {
      const row = await sql.row<Record<string, unknown>>('SELECT * FROM visitors WHERE site_id = $1 AND visitor_id = $2', [siteId, visitorId]);
      return row && withoutSite(row);
    },
    async dropVisitor(siteId, visitorId) {
      const row = await sql.row<{ sessions: number }>(
        `WITH gone AS (DELETE FROM sessions WHERE site_id = $1 AND visitor_id = $2 RETURNING 1),
           visitor AS (DELETE FROM visitors WHERE site_id = $1 AND visitor_id = $2)
         SELECT count(*) AS sessions FROM gone`,
        [siteId, visitorId],
      );
      return row!;
    },
    // A session still going at the cutoff stays: its recent events are kept, so is the session they
    // belong to. Oldest first, as SQLite walks its (site_id, started_at) index; every collector's
    // retention shares the chunks, and a session being recorded is left for the next pass.
    async deleteSessionsBefore(siteId, cutoff, limit) {
      const row = await sql.row<{ n: number }>(
        `WITH chosen AS MATERIALIZED (
           SELECT session_id FROM sessions WHERE site_id = $1 AND started_at < $2 AND last_seen < $2
           ORDER BY started_at, session_id COLLATE "C" LIMIT $3 FOR UPDATE SKIP LOCKED
         ),
         gone AS (DELETE FROM sessions s USING chosen c WHERE s.site_id = $1 AND s.session_id = c.session_id RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [siteId, cutoff, limit],
      );
      return row!.n;
    },
  };
}
