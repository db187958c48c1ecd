// The raw event log on PostgreSQL: one row per accepted event, deduplicated by the client's event id even when collectors insert it at once, read in time order per site or per browser.
import type { Sql } from './sql.js';
import { lockCopiesVersion } from './copies-version.js';
import type { Copies } from './copies.js';
import type { EventCursor, StoredEventSummary } from '../../model/event.js';
import type { ReplayedEvent } from '../../model/funnel.js';
import type { EventStore, ExportedEvent, ExportedEventRow } from '../events.js';
import { exportColumns } from '../export-columns.js';
import { contextOf } from '../event-context.js';
import { bytesToUuid, uuidToBytes } from '../uuid-bytes.js';
import { contextIds } from './event-context.js';
import { splitUrl, urlParts } from '../../model/urls.js';

/** What each event keeps of its own (the rest of its row is its context's), with its type as sent in an array. */
const columns = [
  ['id', 'bytea'], ['site_id', 'bigint'], ['type', 'text'], ['name', 'text'], ['ts', 'bigint'], ['client_ts', 'bigint'],
  ['received_at', 'bigint'], ['visitor_id', 'text'], ['session_id', 'text'], ['user_id', 'text'], ['context_id', 'bigint'],
  ['page', 'text'], ['title', 'text'], ['referrer', 'text'], ['props', 'text'], ['traits', 'text'],
] as const;
const names = columns.map(([name]) => name).join(', ');

// One statement for a batch of any size: one array per column, so its text (and its prepared plan)
// never changes. Rows are numbered in the batch's order, as SQLite numbers them (equal times replay
// in seq order), and inserted in id order, so two batches sharing ids lock them in the same order
// and cannot deadlock; a copy later in the batch (ord) comes after the first and is skipped. The seq
// column's identity sequence is named by PostgreSQL's rule (table_column_seq), resolved once per
// statement; looked up per row it cost a fifth of the insert.
const insertEvents = `
  INSERT INTO events (seq, ${names})
  SELECT seq, ${names} FROM (
    SELECT nextval('events_seq_seq') AS seq, e.*
    FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY AS e(${names}, ord)
  ) numbered
  ORDER BY id, ord
  ON CONFLICT (site_id, id) DO NOTHING RETURNING id`;

const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));

const summaryColumns = `encode(id, 'hex') AS id, type, name, ts, visitor_id AS "visitorId", session_id AS "sessionId", url, props`;
/** The path is not stored: it is the URL's, parsed (and cached) as ingest parsed it. */
const pathOf = (url: string | null) => urlParts(url)?.path ?? null;
const summary = (e: Omit<StoredEventSummary, 'path'>): StoredEventSummary => ({ ...e, path: pathOf(e.url), props: e.props && JSON.parse(e.props as unknown as string) });
const parsed = (text: unknown) => (text === null ? null : JSON.parse(text as string));

export function pgEvents(sql: Sql, copies: Copies): EventStore {
  const contextIdsOf = contextIds(sql, copies);
  const count = async (text: string, values: unknown[]) => (await sql.row<{ n: number }>(text, values))!.n;

  return {
    async since(siteId, fromTs, afterSeq, untilSeq, limit) {
      const rows = await sql.rows<{ seq: number; name: string; ts: number; visitorId: string; props: string | null }>(
        `SELECT seq, name, ts, visitor_id AS "visitorId", props FROM events
         WHERE seq > $1 AND seq <= $2 AND site_id = $3 AND ts >= $4 ORDER BY seq LIMIT $5`,
        [afterSeq, untilSeq, siteId, fromTs, limit],
      );
      return rows.map((row) => ({ ...row, props: parsed(row.props) as Record<string, unknown> | null }));
    },
    async insert(rows) {
      if (rows.length === 0) return [];
      const ids = rows.map((e) => uuidToBytes(e.id));
      const urls = rows.map((e) => (e.url === null ? null : splitUrl(e.url)));
      const contexts = await contextIdsOf(rows.map((e, i) => ({ siteId: e.siteId, ...contextOf(urls[i]?.origin ?? null, e) })));
      const values = [
        ids, rows.map((e) => e.siteId), rows.map((e) => e.type), rows.map((e) => e.name), rows.map((e) => e.ts), rows.map((e) => e.clientTs),
        rows.map((e) => e.receivedAt), rows.map((e) => e.visitorId), rows.map((e) => e.sessionId), rows.map((e) => e.userId), contexts,
        urls.map((url) => url && url.page), rows.map((e) => e.title), rows.map((e) => e.referrer), rows.map((e) => json(e.props)), rows.map((e) => json(e.traits)),
      ];
      const stored = new Set((await sql.rows<{ id: Buffer }>(insertEvents, values)).map((row) => row.id.toString('hex')));
      // A stored id stands for the first row that has it: a copy later in the batch is a duplicate.
      return rows.filter((_, i) => stored.delete(ids[i]!.toString('hex')));
    },
    async count(siteId) {
      return count('SELECT count(*) AS n FROM events WHERE site_id = $1', [siteId]);
    },
    async has(siteId, id) {
      return (await sql.row('SELECT 1 FROM events WHERE site_id = $1 AND id = $2', [siteId, uuidToBytes(id)])) !== undefined;
    },
    // In time order, then insertion order for equal times: the order a person did things in.
    async forReplay(siteId, after, limit) {
      const { ts, seq } = after ?? { ts: Number.MIN_SAFE_INTEGER, seq: 0 };
      return sql.rows<ReplayedEvent>(
        `SELECT seq, name, ts, visitor_id AS "visitorId", device, props FROM events_full
         WHERE site_id = $1 AND ts >= $2 AND (ts > $2 OR seq > $3) ORDER BY ts, seq LIMIT $4`,
        [siteId, ts, seq, limit],
      );
    },
    async firstTs(siteId) {
      return (await sql.row<{ ts: number | null }>('SELECT min(ts) AS ts FROM events WHERE site_id = $1', [siteId]))!.ts;
    },
    async exportPage(siteId, from, to, after, limit) {
      return sql.rows<ExportedEventRow>(
        `SELECT ${exportColumns} FROM events_full WHERE site_id = $1 AND ts >= $2 AND (ts > $2 OR seq > $3) AND ts < $4
         ORDER BY ts, seq LIMIT $5`,
        [siteId, after?.ts ?? from, after?.seq ?? -1, to, limit],
      );
    },
    // Each visitor's newest through its own timeline, then merged: equal times go by visitor as
    // SQLite's stable sort of the visitors' lists leaves them (byte order of the id, newest row first).
    async recentOfPeople(siteId, profileIds, limit) {
      const rows = await sql.rows<StoredEventSummary & { seq: number; profileId: number }>(
        `SELECT v.profile_id AS "profileId", e.* FROM profile_visitors v CROSS JOIN LATERAL (
           SELECT ${summaryColumns}, seq FROM events_full WHERE site_id = $1 AND visitor_id = v.visitor_id ORDER BY ts DESC, seq DESC LIMIT $3
         ) e
         WHERE v.site_id = $1 AND v.profile_id = ANY($2) ORDER BY v.profile_id, e.ts DESC, v.visitor_id COLLATE "C", e.seq DESC`,
        [siteId, profileIds, limit],
      );
      const newest = new Map(profileIds.map((id) => [id, [] as StoredEventSummary[]]));
      for (const { seq: _seq, profileId, ...e } of rows) {
        const events = newest.get(profileId)!;
        if (events.length < limit) events.push(summary(e));
      }
      return newest;
    },
    async writingsOfVisitors(siteId, visitorIds, limit) {
      const rows = await sql.rows<StoredEventSummary & { seq: number }>(
        `SELECT e.* FROM unnest($2::text[]) WITH ORDINALITY v(id, n) CROSS JOIN LATERAL (
           SELECT ${summaryColumns}, seq FROM events_full WHERE site_id = $1 AND visitor_id = v.id AND name IN ('review', 'comment')
           ORDER BY ts DESC, seq DESC LIMIT $3
         ) e ORDER BY v.n, e.ts DESC, e.seq DESC`,
        [siteId, visitorIds, limit],
      );
      return rows.map(({ seq: _seq, ...e }) => summary(e));
    },
    async writingCountsOfVisitors(siteId, visitorIds) {
      const rows = await sql.rows<{ visitor_id: string; n: number }>(
        "SELECT visitor_id, count(*) AS n FROM events WHERE site_id = $1 AND visitor_id = ANY($2) AND name IN ('review', 'comment') GROUP BY visitor_id",
        [siteId, visitorIds],
      );
      return new Map(rows.map((row) => [row.visitor_id, row.n]));
    },
    async countInSession(siteId, visitorId, sessionId, name, since) {
      return count(
        'SELECT count(*) AS n FROM events WHERE site_id = $1 AND visitor_id = $2 AND ts >= $3 AND session_id = $4 AND name = $5',
        [siteId, visitorId, since, sessionId, name],
      );
    },
    // In chunks, oldest first (SQLite's walk of the timeline index): a person with a million events is
    // many short transactions. Rows another collector is deleting are left to it rather than waited for.
    async deleteOfVisitor(siteId, visitorId, limit) {
      return count(
        `WITH chosen AS MATERIALIZED (SELECT seq FROM events WHERE site_id = $1 AND visitor_id = $2 ORDER BY ts, seq LIMIT $3 FOR UPDATE SKIP LOCKED),
           gone AS (DELETE FROM events e USING chosen c WHERE e.site_id = $1 AND e.seq = c.seq RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [siteId, visitorId, limit],
      );
    },
    async ofVisitorAfter(siteId, visitorId, after, limit) {
      const rows = await sql.rows<Record<string, unknown> & { seq: number; ts: number }>(
        'SELECT * FROM events_full WHERE site_id = $1 AND visitor_id = $2 AND (ts > $3 OR (ts = $3 AND seq > $4)) ORDER BY ts, seq LIMIT $5',
        [siteId, visitorId, after.ts, after.seq, limit],
      );
      const last = rows.at(-1);
      return {
        events: rows.map(({ seq: _seq, site_id: _site, id, props, traits, ...rest }): ExportedEvent => ({
          id: bytesToUuid(id as Buffer),
          ...rest,
          path: pathOf(rest.url as string | null),
          props: parsed(props),
          traits: parsed(traits),
        })),
        next: rows.length === limit && last ? ({ ts: last.ts, seq: last.seq } satisfies EventCursor) : null,
      };
    },
    // Oldest first, as SQLite walks its (site_id, ts) index; every collector's retention shares the chunks.
    async deleteBefore(siteId, cutoff, limit) {
      return count(
        `WITH chosen AS MATERIALIZED (SELECT seq FROM events WHERE site_id = $1 AND ts < $2 ORDER BY ts, seq LIMIT $3 FOR UPDATE SKIP LOCKED),
           gone AS (DELETE FROM events e USING chosen c WHERE e.site_id = $1 AND e.seq = c.seq RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [siteId, cutoff, limit],
      );
    },
    // A mark that later events go after, with N collectors too: once the copies' version row is taken,
    // every batch that decided by the copies before this change has committed (store.ts holds the row
    // at commit), so its events are below the mark; the batches after it see the change.
    async lastSeq() {
      await sql.rows(lockCopiesVersion, []);
      return count('SELECT coalesce(max(seq), 0) AS n FROM events', []);
    },
    async datasetSize() {
      return (await sql.row<{ events: number; profiles: number }>(
        'SELECT coalesce((SELECT max(seq) FROM events), 0) AS events, coalesce((SELECT max(id) FROM profiles), 0) AS profiles',
      ))!;
    },
  };
}
