// The PostgreSQL store: the groups over a bounded pool, transactions on a connection of their own, retried when PostgreSQL chose them to fail.
import type pg from 'pg';
import type { Store } from '../store.js';
import { CopyShelf } from './copies.js';
import { pgGroups } from './groups.js';
import { poolSql, transactionSql } from './sql.js';
import { migratePostgres, openPool } from './database.js';
import { announceCopies, copiesChannel, holdCopiesVersion, readCopiesVersion, staleVersion } from './copies-version.js';

export interface PgStoreOptions {
  /** Connections at most in this store's pool. */
  connections?: number;
  /** Hears what went wrong in the background (the notice listener). */
  log?: (message: string) => void;
}

// Serialization failures, deadlocks and a unique key taken by a racing insert: the same work again,
// a moment later, goes through. Bounded, so a real conflict still surfaces.
// And a transaction whose copies went stale before it could commit, or whose connection was lost
// before it asked to commit (below).
const staleCopies = 'pulse-stale-copies';
const connectionLost = 'pulse-connection-lost';
const retried = new Set(['40001', '40P01', '23505', staleCopies, connectionLost]);
/** A server going away (shutdown, a terminated backend, a failover) or a broken socket. */
const isConnectionLoss = (code: string | undefined) => code !== undefined && (code.startsWith('08') || code.startsWith('57P0'));
const attempts = 5;

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
    let committing = false;
    // A checked-out connection that drops says so as an event, besides failing its query; unheard, it
    // would end the thread (the writer's, taking ingest with it until a restart).
    let lost: Error | undefined;
    const onLost = (error: Error) => (lost = error);
    client.on('error', onLost);
    try {
      // One round trip to begin and read the copies' version, one to check it (or move it) and commit:
      // on PostgreSQL a writer's group costs its round trips more than its statements.
      const [, opened] = (await client.query(`BEGIN; ${readCopiesVersion}`)) as unknown as pg.QueryResult<{ value: string }>[];
      const begun = opened!.rows[0]?.value;
      catchUp(begun);
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
      committing = true;
      if (changed) {
        const [announced] = (await client.query(`${announceCopies}; COMMIT`)) as unknown as pg.QueryResult<{ value: string }>[];
        seenVersion = announced!.rows[0]!.value;
      } else {
        await client.query(`${holdCopiesVersion(begun === undefined ? 'NULL' : client.escapeLiteral(begun))}; COMMIT`).catch((error: { code?: string }) => {
          // Decided by copies another collector changed meanwhile (a segment's new counter, a funnel,
          // points): as SQLite's one writer would have run it after that change, it runs again after it.
          throw error.code === staleVersion ? Object.assign(new Error('what this collector copies changed during the transaction'), { code: staleCopies }) : error;
        });
      }
      // Reads through the pool may have filled copies from before this commit meanwhile.
      if (changed) shelf.clearAll();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      shelf.clearAll();
      // Lost before COMMIT went out, the transaction surely ended undone: it runs again on another
      // connection. Lost during the COMMIT, nobody knows whether it landed, so it fails as it is (a
      // batch's sender retries, and its event ids are stored once either way).
      if ((lost || isConnectionLoss((error as { code?: string }).code)) && !committing) {
        throw Object.assign(new Error(`the connection to PostgreSQL was lost: ${(lost ?? (error as Error)).message}`), { code: connectionLost });
      }
      throw error;
    } finally {
      client.off('error', onLost);
      // A broken connection is closed rather than handed to the next transaction.
      client.release(lost);
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
    await next.query(`LISTEN ${copiesChannel}`);
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
