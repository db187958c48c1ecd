// For tests of PostgreSQL groups: a transaction on a connection of its own, as another collector's would be, held open (to run two at once) or run start to end.
import type pg from 'pg';
import { transactionSql, type Sql } from '../storage/postgres/sql.js';

export interface OpenTransaction<G> {
  sql: Sql;
  /** What `make` built on the transaction's Sql: the group the test speaks to. */
  group: G;
  /** Sends the queued writes and commits; a failed write fails it. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export function openTransaction(pool: pg.Pool): Promise<OpenTransaction<Sql>>;
export function openTransaction<G>(pool: pg.Pool, make: (sql: Sql) => G): Promise<OpenTransaction<G>>;
export async function openTransaction(pool: pg.Pool, make: (sql: Sql) => unknown = (sql) => sql): Promise<OpenTransaction<unknown>> {
  const client = await pool.connect();
  await client.query('BEGIN');
  const sql = transactionSql(client);
  const end = async (finish: () => Promise<unknown>) => {
    try {
      await finish();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    sql,
    group: make(sql),
    commit: () => end(async () => (await sql.settle(), client.query('COMMIT'))),
    rollback: () => end(() => client.query('ROLLBACK')),
  };
}

/** Runs fn in one transaction and commits it, or rolls it back when fn or a write of it fails. */
export async function inTransaction<T>(pool: pg.Pool, fn: (sql: Sql) => Promise<T> | T): Promise<T> {
  const tx = await openTransaction(pool);
  let result: T;
  try {
    result = await fn(tx.sql);
  } catch (error) {
    await tx.rollback();
    throw error;
  }
  await tx.commit();
  return result;
}

/** Resolves once some statement waits for another transaction's lock. */
export async function someoneWaits(pool: pg.Pool): Promise<void> {
  for (;;) {
    const { rows } = await pool.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
