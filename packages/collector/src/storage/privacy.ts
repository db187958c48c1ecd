// Personal data as stored: everything of one person found, exported and deleted, and raw data past its retention.
import type { Db } from './database.js';
import { bytesToUuid } from './events.js';

/** An event as a person's export gives it: every stored column but the row number and site. */
export type ExportedEvent = Record<string, unknown>;

export interface EventCursor {
  ts: number;
  seq: number;
}

const retentionKey = 'retention_days';

export function privacyStatements(db: Db) {
  // By browser through the timeline index, in chunks: a person with a million events is many short transactions.
  const deleteVisitorEvents = db.prepare<[number, string, number]>(
    'DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE site_id = ? AND visitor_id = ? LIMIT ?)',
  );
  const visitorEvents = db.prepare<[number, string, number, number, number, number], Record<string, unknown> & { seq: number; ts: number }>(
    `SELECT * FROM events WHERE site_id = ? AND visitor_id = ? AND (ts > ? OR (ts = ? AND seq > ?)) ORDER BY ts, seq LIMIT ?`,
  );
  const visitorSessions = db.prepare<[number, string], Record<string, unknown>>(
    // Named, as SQLite would otherwise walk all of the site's sessions by start time to save a sort of a handful.
    'SELECT * FROM sessions INDEXED BY sessions_visitor WHERE site_id = ? AND visitor_id = ? ORDER BY started_at',
  );
  const visitorRow = db.prepare<[number, string], Record<string, unknown>>('SELECT * FROM visitors WHERE site_id = ? AND visitor_id = ?');
  const attempts = db.prepare<[number], { funnelId: number; step: number; startedAt: number; lastAt: number; source: string; device: string }>(
    `SELECT funnel_id AS funnelId, step, started_at AS startedAt, last_at AS lastAt, source, device
     FROM funnel_progress WHERE profile_id = ? ORDER BY funnel_id`,
  );
  const byVisitor = [
    db.prepare<[number, string]>('DELETE FROM sessions INDEXED BY sessions_visitor WHERE site_id = ? AND visitor_id = ?'),
    db.prepare<[number, string]>('DELETE FROM visitors WHERE site_id = ? AND visitor_id = ?'),
    db.prepare<[number, string]>('DELETE FROM profile_visitors WHERE site_id = ? AND visitor_id = ?'),
  ];
  // Every table keyed by profile; the profile row itself goes last, by the caller's order.
  const byProfile = [
    'score_history',
    'profile_daily_points',
    'lifecycle_changes',
    'segment_members',
    'segment_changes',
    'profile_counters',
    'funnel_progress',
  ].map((table) => db.prepare<[number]>(`DELETE FROM ${table} WHERE profile_id = ?`));
  const dropProfile = db.prepare<[number]>('DELETE FROM profiles WHERE id = ?');

  const getRetention = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const putRetention = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
  const clearRetention = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  const deleteEventsBefore = db.prepare<[number, number, number]>(
    'DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE site_id = ? AND ts < ? LIMIT ?)',
  );
  // A session still going at the cutoff stays: its recent events are kept, so is the session they belong to.
  const deleteSessionsBefore = db.prepare<[number, number, number, number, number]>(
    `DELETE FROM sessions WHERE site_id = ? AND session_id IN
       (SELECT session_id FROM sessions WHERE site_id = ? AND started_at < ? AND last_seen < ? LIMIT ?)`,
  );

  return {
    /** Deletes up to `limit` of a browser's events; says how many went. */
    deleteVisitorEvents(siteId: number, visitorId: string, limit: number): number {
      return deleteVisitorEvents.run(siteId, visitorId, limit).changes;
    },
    /** A page of a browser's events in time order after `after`, as an export gives them. */
    visitorEventsAfter(siteId: number, visitorId: string, after: EventCursor, limit: number): { events: ExportedEvent[]; next: EventCursor | null } {
      const rows = visitorEvents.all(siteId, visitorId, after.ts, after.ts, after.seq, limit);
      const last = rows.at(-1);
      return {
        events: rows.map(({ seq: _seq, site_id: _site, id, props, traits, ...rest }) => ({
          id: bytesToUuid(id as Buffer),
          ...rest,
          props: props === null ? null : JSON.parse(props as string),
          traits: traits === null ? null : JSON.parse(traits as string),
        })),
        next: rows.length === limit && last ? { ts: last.ts, seq: last.seq } : null,
      };
    },
    visitorSessions(siteId: number, visitorId: string): Record<string, unknown>[] {
      return visitorSessions.all(siteId, visitorId).map(({ site_id: _site, ...rest }) => rest);
    },
    visitorRecord(siteId: number, visitorId: string): Record<string, unknown> | undefined {
      const row = visitorRow.get(siteId, visitorId);
      if (!row) return undefined;
      const { site_id: _site, ...rest } = row;
      return rest;
    },
    funnelAttemptsOf(profileId: number) {
      return attempts.all(profileId);
    },
    /** A browser's sessions, visitor row and link to its person. */
    dropVisitor(siteId: number, visitorId: string): { sessions: number } {
      const [sessions, ...rest] = byVisitor;
      const dropped = sessions!.run(siteId, visitorId).changes;
      for (const statement of rest) statement.run(siteId, visitorId);
      return { sessions: dropped };
    },
    /** Everything keyed by the profile, then the profile itself. */
    dropProfileRows(profileId: number): void {
      for (const statement of byProfile) statement.run(profileId);
      dropProfile.run(profileId);
    },
    /** Days raw events and sessions are kept, collector-wide; null keeps them for ever. */
    retentionDays(): number | null {
      const value = getRetention.get(retentionKey)?.value;
      return value === undefined ? null : Number(value);
    },
    setRetentionDays(days: number | null): void {
      if (days === null) clearRetention.run(retentionKey);
      else putRetention.run(retentionKey, String(days));
    },
    /** Deletes up to `limit` of a site's events from before `cutoff`; says how many went. */
    deleteEventsBefore(siteId: number, cutoff: number, limit: number): number {
      return deleteEventsBefore.run(siteId, cutoff, limit).changes;
    },
    /** Deletes up to `limit` of a site's sessions that ended before `cutoff`; says how many went. */
    deleteSessionsBefore(siteId: number, cutoff: number, limit: number): number {
      return deleteSessionsBefore.run(siteId, siteId, cutoff, cutoff, limit).changes;
    },
  };
}
