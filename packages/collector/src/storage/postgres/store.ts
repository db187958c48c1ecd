// The PostgreSQL store: the groups over a bounded pool, transactions on a connection of their own, retried when PostgreSQL chose them to fail.
import type pg from 'pg';
import type { Store } from '../store.js';
import { CopyShelf } from './copies.js';
import { pgGroups } from './groups.js';
import { poolSql, transactionSql } from './sql.js';
import { migratePostgres, openPool } from './database.js';

export interface PgStoreOptions {
  /** Connections at most in this store's pool. */
  connections?: number;
  /** Hears what went wrong in the background (the notice listener). */
  log?: (message: string) => void;
}

// Serialization failures, deadlocks and a unique key taken by a racing insert: the same work again,
// a moment later, goes through. Bounded, so a real conflict still surfaces.
const retried = new Set(['40001', '40P01', '23505']);
const attempts = 5;
const channel = 'pulse_copies';
const versionKey = 'copies_version';
// One statement: the version moves and every collector hears of it when this commits.
export const announceCopies = `WITH bumped AS (
  INSERT INTO settings (key, value) VALUES ('${versionKey}', '1')
  ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text RETURNING value
) SELECT value, pg_notify('${channel}', value) FROM bumped`;

export async function openPgStore(url: string, { connections = 10, log = () => {} }: PgStoreOptions = {}): Promise<Store> {
  const pool = await openPool(url, { max: connections });
  // An idle connection the server dropped (a restart, a failover) is pg's to replace; unheard, it would end the process.
  pool.on('error', (error) => log(`PostgreSQL connection lost: ${error.message}`));
  await migratePostgres(pool);
  const shelf = new CopyShelf();
  // Another collector's commit that changed copies is announced on the channel; this one's own
  // transactions also look at the version as they begin, so a notice arriving late costs nothing.
  let seenVersion: string | undefined;
  const catchUp = (mark: string | undefined) => {
    if (mark === seenVersion) return;
    shelf.clearAll();
    seenVersion = mark;
  };
  const listener = await listen(pool, shelf, catchUp, log);
  const rootSql = poolSql(pool);
  // A change outside any transaction (a site saved by the CLI) is announced the same way, after it.
  const groups = pgGroups(rootSql, shelf.view(() => rootSql.run(announceCopies)));
  let open = 0;
  let closed = false;

  async function attempt<T>(fn: (tx: Store) => T | Promise<T>): Promise<T> {
    const client = await pool.connect();
    let changed = false;
    try {
      await client.query('BEGIN');
      catchUp((await client.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [versionKey])).rows[0]?.value);
      const sql = transactionSql(client);
      const tx: Store = {
        ...pgGroups(sql, shelf.view(() => (changed = true))),
        transaction: () => Promise.reject(new Error('a transaction cannot begin inside another')),
        copiesMark: () => seenVersion,
        catchUp,
        close: () => Promise.reject(new Error('a transaction does not close the store')),
      };
      const result = await fn(tx);
      await sql.settle();
      if (changed) seenVersion = (await client.query<{ value: string }>(announceCopies)).rows[0]!.value;
      await client.query('COMMIT');
      // Reads through the pool may have filled copies from before this commit meanwhile.
      if (changed) shelf.clearAll();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      shelf.clearAll();
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    ...groups,
    async transaction<T>(fn: (tx: Store) => T | Promise<T>): Promise<T> {
      if (closed) throw new Error('the store is closed');
      open += 1;
      try {
        for (let tries = 1; ; tries++) {
          try {
            return await attempt(fn);
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (tries >= attempts || code === undefined || !retried.has(code)) throw error;
            // A little jitter, so two collectors that collided do not collide again in step.
            await new Promise((resolve) => setTimeout(resolve, tries * 5 + Math.random() * 10));
          }
        }
      } finally {
        open -= 1;
      }
    },
    copiesMark: () => seenVersion,
    catchUp,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      while (open > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await rootSql.settle().catch((error: Error) => log(`a write outside a transaction failed: ${error.message}`));
      await listener.end();
      await pool.end();
    },
  };
}

/**
 * A connection of its own that LISTENs, outside the pool, so notices arrive while the pool is busy.
 * Lost, it is opened again each second until it is back, and copies are dropped then, as notices may have been missed meanwhile.
 */
async function listen(pool: pg.Pool, shelf: CopyShelf, catchUp: (mark: string | undefined) => void, log: (message: string) => void): Promise<{ end(): Promise<void> }> {
  const { Client } = (await import('pg')).default;
  let client: pg.Client | undefined;
  let ended = false;
  const retry = () => {
    if (!ended) setTimeout(() => void connect().catch((error: Error) => (log(`PostgreSQL notice listener: ${error.message}`), retry())), 1_000).unref();
  };
  const connect = async () => {
    const next = new Client({ ...pool.options });
    next.on('notification', (notice) => catchUp(notice.payload));
    next.on('error', (error) => {
      log(`PostgreSQL notice listener lost: ${error.message}; connecting again`);
      shelf.clearAll();
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      retry();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    shelf.clearAll();
  };
  await connect();
  return {
    async end() {
      ended = true;
      await client?.end().catch(() => {});
    },
  };
}
