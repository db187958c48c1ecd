// The raw event log: one row per accepted event, deduplicated by the client's event id, read in time order per site or per browser.
import type { Db } from './database.js';
import type { EventCursor, EventRow, StoredEventSummary } from '../../model/event.js';
import type { ReplayedEvent } from '../../model/funnel.js';
import { exportColumns } from '../export-columns.js';
import type { EventStore, ExportedEvent, ExportedEventRow } from '../events.js';
import { contextColumns, contextOf } from '../event-context.js';
import type { Freshness } from './freshness.js';
import { splitUrl, urlParts } from '../../model/urls.js';
import { bytesToUuid, uuidToBytes } from '../uuid-bytes.js';

/** What each event keeps of its own: the rest of its row is its context's. */
const columns = [
  'id', 'site_id', 'type', 'name', 'ts', 'client_ts', 'received_at', 'visitor_id', 'session_id', 'user_id', 'context_id',
  'page', 'title', 'referrer', 'props', 'traits',
] as const;
/** Rows per INSERT statement: a batch is cut into these, largest first, so a few prepared statements serve every size. */
const chunkSizes = [64, 16, 4, 1] as const;
/** Contexts remembered by key: a site has far fewer than events, and a miss is one indexed read. */
const rememberedContexts = 50_000;

const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));

const summaryColumns = 'lower(hex(id)) AS id, type, name, ts, visitor_id AS visitorId, session_id AS sessionId, url, props';
/** The path is not stored: it is the URL's, parsed (and cached) as ingest parsed it. */
const pathOf = (url: string | null) => urlParts(url)?.path ?? null;
const summary = (e: Omit<StoredEventSummary, 'path'>): StoredEventSummary => ({ ...e, path: pathOf(e.url), props: e.props && JSON.parse(e.props as unknown as string) });

export function sqliteEvents(db: Db, fresh: Freshness): EventStore {
  const statements = new Map<number, Awaited<ReturnType<typeof prepareInsert>>>();
  const prepareInsert = (rows: number) =>
    db
      .prepare<unknown[], Buffer>(
        `INSERT INTO events (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}
         ON CONFLICT (site_id, id) DO NOTHING RETURNING id`,
      )
      .pluck();
  const insertOf = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) statements.set(rows, (statement = prepareInsert(rows)));
    return statement;
  };
  const findContext = db.prepare<[number, string], number>('SELECT id FROM event_contexts WHERE site_id = ? AND key = ?').pluck();
  const insertContext = db
    .prepare<unknown[], number>(
      `INSERT INTO event_contexts (site_id, key, ${contextColumns.join(', ')}) VALUES (${['site_id', 'key', ...contextColumns].map(() => '?').join(', ')}) RETURNING id`,
    )
    .pluck();
  // Ids made in a transaction that is rolled back are gone: a rollback clears what is remembered.
  const contexts = new Map<string, number>();
  fresh.onChange(() => contexts.clear());
  const contextIdOf = (e: EventRow, origin: string | null): number => {
    const { key, values } = contextOf(origin, e);
    const remembered = `${e.siteId}:${key}`;
    let id = contexts.get(remembered);
    if (id === undefined) {
      id = findContext.get(e.siteId, key) ?? insertContext.get(e.siteId, key, ...values)!;
      if (contexts.size >= rememberedContexts) contexts.clear();
      contexts.set(remembered, id);
    }
    return id;
  };
  const valuesOf = (e: EventRow, id: Buffer): unknown[] => {
    const url = e.url === null ? null : splitUrl(e.url);
    return [
      id, e.siteId, e.type, e.name, e.ts, e.clientTs, e.receivedAt, e.visitorId, e.sessionId, e.userId,
      contextIdOf(e, url && url.origin), url && url.page, e.title, e.referrer, json(e.props), json(e.traits),
    ];
  };
  const countForSite = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM events WHERE site_id = ?');
  const hasId = db.prepare<[number, Buffer]>('SELECT 1 FROM events WHERE site_id = ? AND id = ?');

  const since = db.prepare<[number, number, number, number, number], { seq: number; name: string; ts: number; visitorId: string; props: string | null }>(
    `SELECT seq, name, ts, visitor_id AS visitorId, props FROM events
     WHERE seq > ? AND seq <= ? AND site_id = ? AND ts >= ? ORDER BY seq LIMIT ?`,
  );

  // In time order, then insertion order for equal times: the order a person did things in.
  const replay = db.prepare<[number, number, number, number, number], ReplayedEvent>(
    `SELECT seq, name, ts, visitor_id AS visitorId, device, props FROM events_full
     WHERE site_id = ? AND ts >= ? AND (ts > ? OR seq > ?) ORDER BY ts, seq LIMIT ?`,
  );
  const firstTs = db.prepare<[number], { ts: number | null }>('SELECT min(ts) AS ts FROM events WHERE site_id = ?');
  // The index events_site_ts holds (site_id, ts) and then seq (the rowid), so (ts, seq) is its order:
  // each page is one range seek, however deep into the export.
  const exportPage = db.prepare<{ siteId: number; ts: number; seq: number; to: number; limit: number }, ExportedEventRow>(
    `SELECT ${exportColumns} FROM events_full WHERE site_id = @siteId AND ts >= @ts AND (ts > @ts OR seq > @seq) AND ts < @to
     ORDER BY ts, seq LIMIT @limit`,
  );
  const visitorsOf = db.prepare<[number, number], { visitor_id: string }>(
    'SELECT visitor_id FROM profile_visitors WHERE site_id = ? AND profile_id = ? ORDER BY visitor_id',
  );
  // One visitor at a time: with an IN list SQLite walks the whole site's events by time instead.
  const recentOfVisitor = db.prepare<[number, string, number], StoredEventSummary>(
    `SELECT ${summaryColumns} FROM events_full WHERE site_id = ? AND visitor_id = ? ORDER BY ts DESC, seq DESC LIMIT ?`,
  );
  // The name test repeats the partial index's condition, which is what lets SQLite use it.
  const writings = db.prepare<[number, string, number], StoredEventSummary>(
    `SELECT ${summaryColumns} FROM events_full WHERE site_id = ? AND visitor_id = ? AND name IN ('review', 'comment') ORDER BY ts DESC, seq DESC LIMIT ?`,
  );
  const writingCount = db.prepare<[number, string], { n: number }>(
    "SELECT count(*) AS n FROM events WHERE site_id = ? AND visitor_id = ? AND name IN ('review', 'comment')",
  );
  // Through the browser's timeline index from `since`: a session is a short stretch of it.
  const inSession = db.prepare<[number, string, number, string, string], { n: number }>(
    'SELECT count(*) AS n FROM events WHERE site_id = ? AND visitor_id = ? AND ts >= ? AND session_id = ? AND name = ?',
  );
  // By browser through the timeline index, in chunks: a person with a million events is many short transactions.
  const deleteOfVisitor = db.prepare<[number, string, number]>(
    'DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE site_id = ? AND visitor_id = ? LIMIT ?)',
  );
  const ofVisitorAfter = db.prepare<[number, string, number, number, number, number], Record<string, unknown> & { seq: number; ts: number }>(
    `SELECT * FROM events_full WHERE site_id = ? AND visitor_id = ? AND (ts > ? OR (ts = ? AND seq > ?)) ORDER BY ts, seq LIMIT ?`,
  );
  const deleteBefore = db.prepare<[number, number, number]>(
    'DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE site_id = ? AND ts < ? LIMIT ?)',
  );
  const maxSeq = db.prepare<[], { n: number | null }>('SELECT max(seq) AS n FROM events');
  const maxProfile = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM profiles');

  return {
    async since(siteId: number, fromTs: number, afterSeq: number, untilSeq: number, limit: number) {
      return since.all(afterSeq, untilSeq, siteId, fromTs, limit).map((row) => ({ ...row, props: row.props === null ? null : (JSON.parse(row.props) as Record<string, unknown>) }));
    },
    /**
     * Stores each event unless one with its id is stored already (or comes earlier in the same
     * batch); returns those that were new. Many rows to a statement: a batch costs a few statements, not one per event.
     */
    async insert(rows: readonly EventRow[]): Promise<EventRow[]> {
      const ids = rows.map((e) => uuidToBytes(e.id));
      const stored = new Set<string>();
      for (let from = 0; from < rows.length; ) {
        const size = chunkSizes.find((n) => n <= rows.length - from)!;
        const values = [];
        for (let i = from; i < from + size; i++) values.push(...valuesOf(rows[i]!, ids[i]!));
        for (const id of insertOf(size).all(...values)) stored.add(id.toString('hex'));
        from += size;
      }
      // A stored id stands for the first row that has it: a copy later in the batch is a duplicate.
      return rows.filter((_, i) => stored.delete(ids[i]!.toString('hex')));
    },
    async count(siteId: number): Promise<number> {
      return countForSite.get(siteId)!.n;
    },
    async has(siteId: number, id: string): Promise<boolean> {
      return hasId.get(siteId, uuidToBytes(id)) !== undefined;
    },
    /** A page of a site's events after (ts, seq), in time order: what a funnel replay reads. */
    async forReplay(siteId: number, after: EventCursor | null, limit: number): Promise<ReplayedEvent[]> {
      const { ts, seq } = after ?? { ts: Number.MIN_SAFE_INTEGER, seq: 0 };
      return replay.all(siteId, ts, ts, seq, limit);
    },
    async firstTs(siteId: number): Promise<number | null> {
      return firstTs.get(siteId)!.ts;
    },
    /** Up to `limit` events of a site with from <= ts < to, after the cursor. */
    async exportPage(siteId: number, from: number, to: number, after: EventCursor | null, limit: number): Promise<ExportedEventRow[]> {
      return exportPage.all({ siteId, ts: after?.ts ?? from, seq: after?.seq ?? -1, to, limit });
    },
    /** The newest events of all of a profile's visitors. */
    async recentOfPeople(siteId: number, profileIds: readonly number[], limit: number): Promise<Map<number, StoredEventSummary[]>> {
      return new Map(
        profileIds.map((profileId) => {
          const newest = visitorsOf.all(siteId, profileId).flatMap((v) => recentOfVisitor.all(siteId, v.visitor_id, limit));
          // A stable sort: events of one visitor in the same millisecond keep their order of arrival.
          newest.sort((a, b) => b.ts - a.ts);
          return [profileId, newest.slice(0, limit).map(summary)];
        }),
      );
    },
    async writingsOfVisitors(siteId: number, visitorIds: readonly string[], limit: number): Promise<StoredEventSummary[]> {
      return visitorIds.flatMap((visitorId) => writings.all(siteId, visitorId, limit).map(summary));
    },
    async writingCountsOfVisitors(siteId: number, visitorIds: readonly string[]): Promise<Map<string, number>> {
      return new Map(visitorIds.map((visitorId) => [visitorId, writingCount.get(siteId, visitorId)!.n] as const).filter(([, n]) => n > 0));
    },
    async countInSession(siteId: number, visitorId: string, sessionId: string, name: string, since: number): Promise<number> {
      return inSession.get(siteId, visitorId, since, sessionId, name)!.n;
    },
    /** Deletes up to `limit` of a browser's events; says how many went. */
    async deleteOfVisitor(siteId: number, visitorId: string, limit: number): Promise<number> {
      return deleteOfVisitor.run(siteId, visitorId, limit).changes;
    },
    /** A page of a browser's events in time order after `after`, as an export gives them. */
    async ofVisitorAfter(siteId: number, visitorId: string, after: EventCursor, limit: number): Promise<{ events: ExportedEvent[]; next: EventCursor | null }> {
      const rows = ofVisitorAfter.all(siteId, visitorId, after.ts, after.ts, after.seq, limit);
      const last = rows.at(-1);
      return {
        events: rows.map(({ seq: _seq, site_id: _site, id, props, traits, ...rest }) => ({
          id: bytesToUuid(id as Buffer),
          ...rest,
          path: pathOf(rest.url as string | null),
          props: props === null ? null : JSON.parse(props as string),
          traits: traits === null ? null : JSON.parse(traits as string),
        })),
        next: rows.length === limit && last ? { ts: last.ts, seq: last.seq } : null,
      };
    },
    /** Deletes up to `limit` of a site's events from before `cutoff`; says how many went. */
    async deleteBefore(siteId: number, cutoff: number, limit: number): Promise<number> {
      return deleteBefore.run(siteId, cutoff, limit).changes;
    },
    /** Events and profiles ever stored (deletions are not subtracted: good enough to say a data set's scale). */
    async datasetSize(): Promise<{ events: number; profiles: number }> {
      return { events: maxSeq.get()!.n ?? 0, profiles: maxProfile.get()!.n ?? 0 };
    },
    async lastSeq(): Promise<number> {
      return maxSeq.get()!.n ?? 0;
    },
  };
}
