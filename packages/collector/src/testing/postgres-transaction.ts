// A PostgreSQL transaction a test holds open (to run two at once) or runs start to end, through the Sql a group speaks.
import type pg from 'pg';
import { transactionSql, type Sql } from '../storage/postgres/sql.js';

export interface OpenTransaction {
  sql: Sql;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function openTransaction(pool: pg.Pool): Promise<OpenTransaction> {
  const client = await pool.connect();
  await client.query('BEGIN');
  const sql = transactionSql(client);
  const end = async (how: 'COMMIT' | 'ROLLBACK') => {
    try {
      if (how === 'COMMIT') await sql.settle();
      await client.query(how);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return { sql, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
}

/** Runs fn in one transaction and commits it, or rolls it back when fn or a write of it fails. */
export async function inTransaction<T>(pool: pg.Pool, fn: (sql: Sql) => Promise<T>): Promise<T> {
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
