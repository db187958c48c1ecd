// Sessions and visitors, kept current at ingest from per-batch summaries of their events.
import type { Db } from './database.js';
import type { VisitStore } from '../visits.js';
import type { Session, SessionShape, SessionSummary, VisitChange, Visitor } from '../../model/visit.js';

const shapeColumns = `site_id AS siteId, started_at AS startedAt, last_seen AS lastSeen, pageviews,
  referrer_host AS referrerHost, utm_source AS utmSource, utm_campaign AS utmCampaign, device, browser, os, country, city`;

// Late events (queued offline) may be older than what is stored: the first-touch fields follow
// whichever side has the earlier time and the latest-state fields the later one.
/** `column = …` for each column, taking the incoming value when `incomingWins` holds. */
const takeWhen = (incomingWins: string, columns: string[]) =>
  columns.map((column) => `${column} = CASE WHEN ${incomingWins} THEN excluded.${column} ELSE ${column} END,`).join('\n    ');
const sessionUpsert = `
  INSERT INTO sessions (site_id, session_id, visitor_id, started_at, last_seen, events, pageviews,
    landing_page, exit_page, referrer_host, utm_source, utm_medium, utm_campaign,
    device, browser, os, country, city)
  VALUES (@siteId, @sessionId, @visitorId, @firstTs, @lastTs, @events, @pageviews,
    @firstPath, @lastPath, @referrerHost, @utmSource, @utmMedium, @utmCampaign,
    @device, @browser, @os, @country, @city)
  ON CONFLICT (site_id, session_id) DO UPDATE SET
    ${takeWhen('excluded.started_at < started_at', ['landing_page', 'referrer_host', 'utm_source', 'utm_medium', 'utm_campaign'])}
    ${takeWhen('excluded.last_seen >= last_seen', ['exit_page'])}
    started_at = min(started_at, excluded.started_at),
    last_seen = max(last_seen, excluded.last_seen),
    events = events + excluded.events,
    pageviews = pageviews + excluded.pageviews
  RETURNING ${shapeColumns}`;

const visitorUpsert = `
  INSERT INTO visitors (site_id, visitor_id, user_id, first_seen, last_seen, sessions, events,
    landing_page, first_referrer_host, first_utm_source, first_utm_medium, first_utm_campaign,
    device, browser, os, country, city)
  VALUES (@siteId, @visitorId, @userId, @firstTs, @lastTs, @newSessions, @events,
    @firstPath, @referrerHost, @utmSource, @utmMedium, @utmCampaign,
    @device, @browser, @os, @country, @city)
  ON CONFLICT (site_id, visitor_id) DO UPDATE SET
    ${takeWhen('excluded.first_seen < first_seen', ['landing_page', 'first_referrer_host', 'first_utm_source', 'first_utm_medium', 'first_utm_campaign'])}
    user_id = coalesce(excluded.user_id, user_id),
    ${takeWhen('excluded.last_seen >= last_seen', ['device', 'browser', 'os', 'country', 'city'])}
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen),
    sessions = sessions + excluded.sessions,
    events = events + excluded.events`;

export function sqliteVisits(db: Db): VisitStore {
  const upsertSession = db.prepare(sessionUpsert);
  const upsertVisitor = db.prepare(visitorUpsert);
  const shape = db.prepare<[number, string], SessionShape>(`SELECT ${shapeColumns} FROM sessions WHERE site_id = ? AND session_id = ?`);
  const session = db.prepare<[number, string]>(
    `SELECT site_id AS siteId, session_id AS sessionId, visitor_id AS visitorId, started_at AS startedAt,
       last_seen AS lastSeen, events, pageviews, landing_page AS landingPage, exit_page AS exitPage,
       referrer_host AS referrerHost, utm_source AS utmSource, utm_medium AS utmMedium,
       utm_campaign AS utmCampaign, device, browser, os, country, city
     FROM sessions WHERE site_id = ? AND session_id = ?`,
  );
  const visitor = db.prepare<[number, string]>(
    `SELECT site_id AS siteId, visitor_id AS visitorId, user_id AS userId, first_seen AS firstSeen,
       last_seen AS lastSeen, sessions, events, landing_page AS landingPage,
       first_referrer_host AS firstReferrerHost, first_utm_source AS firstUtmSource,
       first_utm_medium AS firstUtmMedium, first_utm_campaign AS firstUtmCampaign,
       device, browser, os, country, city
     FROM visitors WHERE site_id = ? AND visitor_id = ?`,
  );

  const sessionsOfVisitor = db.prepare<[number, string], Record<string, unknown>>(
    // Named, as SQLite would otherwise walk all of the site's sessions by start time to save a sort of a handful.
    'SELECT * FROM sessions INDEXED BY sessions_visitor WHERE site_id = ? AND visitor_id = ? ORDER BY started_at',
  );
  const visitorRow = db.prepare<[number, string], Record<string, unknown>>('SELECT * FROM visitors WHERE site_id = ? AND visitor_id = ?');
  const dropSessions = db.prepare<[number, string]>('DELETE FROM sessions INDEXED BY sessions_visitor WHERE site_id = ? AND visitor_id = ?');
  const dropVisitor = db.prepare<[number, string]>('DELETE FROM visitors WHERE site_id = ? AND visitor_id = ?');
  // A session still going at the cutoff stays: its recent events are kept, so is the session they belong to.
  const deleteSessionsBefore = db.prepare<[number, number, number, number, number]>(
    `DELETE FROM sessions WHERE site_id = ? AND session_id IN
       (SELECT session_id FROM sessions WHERE site_id = ? AND started_at < ? AND last_seen < ? LIMIT ?)`,
  );
  const withoutSite = ({ site_id: _site, ...rest }: Record<string, unknown>) => rest;

  return {
    /**
     * Applies a batch's summary of one session and its visitor. Says what the session was before
     * (the upsert can only return it after), so the traffic rollups can move by the difference.
     */
    async record(s: SessionSummary): Promise<VisitChange> {
      const before = shape.get(s.siteId, s.sessionId);
      const after = upsertSession.get(s) as SessionShape;
      upsertVisitor.run({ ...s, newSessions: before ? 0 : 1 });
      return { before, after };
    },
    async session(siteId: number, sessionId: string): Promise<Session | undefined> {
      return session.get(siteId, sessionId) as Session | undefined;
    },
    async visitor(siteId: number, visitorId: string): Promise<Visitor | undefined> {
      return visitor.get(siteId, visitorId) as Visitor | undefined;
    },
    async visitors(siteId: number, visitorIds: readonly string[]): Promise<Map<string, Visitor>> {
      return new Map(visitorIds.flatMap((id) => {
        const found = visitor.get(siteId, id) as Visitor | undefined;
        return found ? [[id, found]] : [];
      }));
    },
    /** A browser's sessions as stored, for a person's export. */
    async sessionsOfVisitor(siteId: number, visitorId: string): Promise<Record<string, unknown>[]> {
      return sessionsOfVisitor.all(siteId, visitorId).map(withoutSite);
    },
    /** A browser's visitor row as stored, for a person's export. */
    async visitorRecord(siteId: number, visitorId: string): Promise<Record<string, unknown> | undefined> {
      const row = visitorRow.get(siteId, visitorId);
      return row && withoutSite(row);
    },
    /** A browser's sessions and visitor row; says how many sessions went. */
    async dropVisitor(siteId: number, visitorId: string): Promise<{ sessions: number }> {
      const sessions = dropSessions.run(siteId, visitorId).changes;
      dropVisitor.run(siteId, visitorId);
      return { sessions };
    },
    /** Deletes up to `limit` of a site's sessions that ended before `cutoff`; says how many went. */
    async deleteSessionsBefore(siteId: number, cutoff: number, limit: number): Promise<number> {
      return deleteSessionsBefore.run(siteId, siteId, cutoff, cutoff, limit).changes;
    },
  };
}
