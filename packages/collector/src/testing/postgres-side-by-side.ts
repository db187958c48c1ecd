// For tests of PostgreSQL groups: a fresh PostgreSQL database beside a SQLite one (the reference), and transactions held open on connections of their own.
import type pg from 'pg';
import { openDatabase, type Db } from '../storage/sqlite/database.js';
import { freshPulsePostgres, type PulsePostgres } from './postgres.js';
import { CopyShelf, type Copies } from '../storage/postgres/copies.js';
import { poolSql, transactionSql, type Sql, type TransactionSql } from '../storage/postgres/sql.js';

export interface SideBySide {
  pg: PulsePostgres;
  /** The pool's Sql: writes outside any transaction. */
  sql: Sql;
  copies: Copies;
  /** A migrated SQLite database in memory, for the SQLite group to answer the same calls. */
  db: Db;
  /** A transaction on a connection of its own, left open for the test to interleave with another. */
  begin(): Promise<OpenTransaction>;
  /** Resolves once a connection to this database waits for a lock: another transaction's, held open by the test. */
  blocked(): Promise<void>;
  /** Ends what a failed test left open, then drops both databases. */
  close(): Promise<void>;
}

export interface OpenTransaction {
  client: pg.PoolClient;
  sql: TransactionSql;
  /** Statements sent since BEGIN: round trips, as a read waits for its answer. */
  readonly statements: number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function sideBySide(): Promise<SideBySide> {
  const pg = await freshPulsePostgres();
  const db = openDatabase(':memory:');
  const open = new Set<pg.PoolClient>();
  return {
    pg,
    sql: poolSql(pg.pool),
    copies: new CopyShelf().view(() => {}),
    db,
    async begin() {
      const client = await pg.pool.connect();
      open.add(client);
      await client.query('BEGIN');
      let statements = 0;
      const query = client.query.bind(client);
      client.query = ((...args: Parameters<typeof query>) => (statements++, query(...args))) as typeof query;
      const sql = transactionSql(client);
      const end = async (command: 'COMMIT' | 'ROLLBACK') => {
        open.delete(client);
        try {
          if (command === 'COMMIT') await sql.settle();
          await query(command);
          client.release();
        } catch (error) {
          // A connection whose transaction failed half-way is not given back to the pool.
          client.release(true);
          throw error;
        }
      };
      return {
        client,
        sql,
        get statements() {
          return statements;
        },
        commit: () => end('COMMIT'),
        rollback: () => end('ROLLBACK'),
      };
    },
    async blocked() {
      const waiting = "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
      while ((await pg.pool.query<{ n: number }>(waiting)).rows[0]!.n === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    async close() {
      // A connection still waiting on a lock is cut, not awaited.
      for (const client of open) client.release(true);
      db.close();
      await pg.close();
    },
  };
}
