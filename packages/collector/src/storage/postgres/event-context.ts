// The ids of events' contexts on PostgreSQL: found or made in one statement for a batch, safely when collectors make the same context at once.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import { contextColumns } from '../event-context.js';

/** A context as a batch needs it: its site, its key, and the values its key joins. */
export interface WantedContext {
  siteId: number;
  key: string;
  values: (string | null)[];
}

/** Contexts remembered by key: a site has far fewer than events, and a miss is one statement for the batch. */
const rememberedContexts = 50_000;

const wantedColumns = ['site_id', 'key', ...contextColumns];
const wanted = `unnest($1::bigint[], ${wantedColumns.slice(1).map((_, i) => `$${i + 2}::text[]`).join(', ')}) WITH ORDINALITY AS w(${wantedColumns.join(', ')}, ord)`;
// On md5(key) as well as key: the unique index is on md5(key), and the lookup must use it.
const sameContext = 'c.site_id = w.site_id AND md5(c.key) = md5(w.key) AND c.key = w.key';

// A context another collector is making at the same time is waited for, then skipped as a conflict;
// the read beside the insert shares the insert's snapshot and misses it, so it is read again by a
// statement of its own.
const findOrMake = `
  WITH w AS (SELECT * FROM ${wanted}),
  made AS (
    INSERT INTO event_contexts (${wantedColumns.join(', ')}) SELECT ${wantedColumns.join(', ')} FROM w ORDER BY ord
    ON CONFLICT (site_id, md5(key)) DO NOTHING RETURNING id, site_id, key
  )
  SELECT id, site_id, key, true AS made FROM made
  UNION ALL
  SELECT c.id, c.site_id, c.key, false FROM w JOIN event_contexts c ON ${sameContext}`;
const find = `SELECT c.id, c.site_id, c.key, false AS made FROM unnest($1::bigint[], $2::text[]) AS w(site_id, key) JOIN event_contexts c ON ${sameContext}`;

type Found = { id: number; site_id: number; key: string; made: boolean };

/**
 * The context ids of a transaction's events. Ids committed before it are the store's to share; ids it
 * made stay its own, as a rollback takes them back (a later transaction finds them committed).
 */
export function contextIds(sql: Sql, copies: Copies) {
  const committed = copies.map<string, number>('events.contexts');
  const made = new Map<string, number>();
  const remember = (map: Map<string, number>, name: string, id: number) => {
    if (map.size >= rememberedContexts) map.clear();
    map.set(name, id);
  };
  const nameOf = (siteId: number, key: string) => `${siteId}:${key}`;

  /** The id of each context, in order. */
  return async function idsOf(contexts: readonly WantedContext[]): Promise<number[]> {
    const ids = new Map<string, number>();
    const missing = new Map<string, WantedContext>();
    for (const context of contexts) {
      const name = nameOf(context.siteId, context.key);
      const id = made.get(name) ?? committed.get(name);
      if (id !== undefined) ids.set(name, id);
      else missing.set(name, context);
    }
    if (missing.size > 0) {
      // In one order everywhere, so two batches making the same contexts cannot wait on each other.
      const wanted = [...missing.values()].sort((a, b) => a.siteId - b.siteId || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const columns = wantedColumns.map((_, i) => wanted.map((c) => (i === 0 ? c.siteId : i === 1 ? c.key : c.values[i - 2])));
      const take = (found: Found[]) => {
        for (const f of found) {
          const name = nameOf(f.site_id, f.key);
          ids.set(name, f.id);
          remember(f.made ? made : committed, name, f.id);
        }
      };
      take(await sql.rows<Found>(findOrMake, columns));
      const late = wanted.filter((c) => !ids.has(nameOf(c.siteId, c.key)));
      if (late.length > 0) take(await sql.rows<Found>(find, [late.map((c) => c.siteId), late.map((c) => c.key)]));
    }
    return contexts.map((c) => {
      const id = ids.get(nameOf(c.siteId, c.key));
      if (id === undefined) throw new Error(`event context of site ${c.siteId} neither found nor made`);
      return id;
    });
  };
}
