// Opens a bounded pool on a PostgreSQL database and brings its schema up to date, safely when several collectors start at once.
import pg from 'pg';
import { DatabaseOpenError } from '../database-error.js';
import { withoutPassword } from '../database-name.js';
import { migrations } from './migrations.js';

export interface PoolOptions {
  /** Connections at most; a query beyond them waits for one to be free. */
  max?: number;
}

// 'pulse' in ASCII: the advisory lock every collector takes to migrate, whatever else uses advisory locks.
const migrationLock = 0x70756c7365;
const int8 = 20;

/** Connects once, so a wrong URL or a server that is down fails at start rather than at the first request. */
export async function openPool(url: string, { max = 10 }: PoolOptions = {}): Promise<pg.Pool> {
  // Every integer column is BIGINT (times in ms, counts, ids), and pg returns BIGINT as a string by
  // default; these are all far below 2^53, and one that is not fails loudly instead of rounding.
  // The parser is this pool's, so other users of pg in the process keep theirs.
  const types = new pg.TypeOverrides();
  types.setTypeParser(int8, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} does not fit a JavaScript number`);
    return value;
  });
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new DatabaseOpenError(`cannot open database at ${withoutPassword(url)}: ${hidePassword(url, (error as Error).message)}`);
  }
  return pool;
}

// One transaction under one lock: a second collector waits for the first to finish, then finds nothing left to do.
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${migrationLock})`);
    // The version in a single row (SQLite keeps it in PRAGMA user_version).
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
      version BIGINT NOT NULL
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    const pending = migrations.filter((migration) => migration.version > current);
    for (const migration of pending) await client.query(migration.sql);
    if (pending.length > 0) {
      await client.query('INSERT INTO schema_version (version) VALUES ($1) ON CONFLICT (one) DO UPDATE SET version = excluded.version', [
        pending.at(-1)!.version,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}


// A driver's message may quote what it was given: the password is cut from it too.
function hidePassword(url: string, message: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message;
  }
  return password ? message.replaceAll(password, '***') : message;
}
