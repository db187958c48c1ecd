// For tests of PostgreSQL groups: a group on a transaction of its own, committed or rolled back when the test says, as the store runs a writer's command.
import type pg from 'pg';
import { transactionSql, type Sql } from '../storage/postgres/sql.js';

export interface OpenTransaction<G> {
  group: G;
  /** Sends the queued writes and commits; a failed write fails it. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function openTransaction<G>(pool: pg.Pool, make: (sql: Sql) => G): Promise<OpenTransaction<G>> {
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
    group: make(sql),
    commit: () => end(async () => (await sql.settle(), client.query('COMMIT'))),
    rollback: () => end(() => client.query('ROLLBACK')),
  };
}

/** Runs fn on a group inside one transaction and commits what it did. */
export async function inTransaction<G, T>(pool: pg.Pool, make: (sql: Sql) => G, fn: (group: G) => Promise<T> | T): Promise<T> {
  const tx = await openTransaction(pool, make);
  let result: T;
  try {
    result = await fn(tx.group);
  } catch (error) {
    await tx.rollback();
    throw error;
  }
  await tx.commit();
  return result;
}
