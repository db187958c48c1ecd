// Opening a PostgreSQL database: numbers come back as numbers, and a URL that does not work fails without showing its password.
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshPulsePostgres, type PulsePostgres } from '../../testing/postgres.js';
import { DatabaseOpenError } from '../database-error.js';
import { openPool } from './database.js';

describe('a PostgreSQL pool', () => {
  let db: PulsePostgres | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('opens a migrated database', async () => {
    db = await freshPulsePostgres();
    expect((await db.pool.query("SELECT to_regclass('events') IS NOT NULL AS present")).rows).toEqual([{ present: true }]);
  });

  it('gives BIGINT back as a number', async () => {
    db = await freshPulsePostgres();
    await db.pool.query("INSERT INTO sites (key, created_at) VALUES ('shop', 1767225600000)");
    const { rows } = await db.pool.query('SELECT id, created_at, count(*) OVER () AS sites FROM sites');
    expect(rows).toEqual([{ id: 1, created_at: 1767225600000, sites: 1 }]);
  });

  it('refuses a BIGINT a number cannot hold exactly', async () => {
    db = await freshPulsePostgres();
    await expect(db.pool.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(RangeError);
  });

  it("leaves other pools' BIGINT as pg's strings", async () => {
    db = await freshPulsePostgres();
    const other = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      expect((await other.query('SELECT 1::bigint AS n')).rows).toEqual([{ n: '1' }]);
    } finally {
      await other.end();
    }
  });

  it('fails to open a server that is not there with DatabaseOpenError, naming the URL without its password', async () => {
    const error = await openPool('postgres://pulse:s3cret-pw@127.0.0.1:1/pulse').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toContain('postgres://pulse@127.0.0.1:1/pulse');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('fails to open a database that does not exist the same way', async () => {
    const url = new URL(inject('postgresUrl'));
    url.password = 's3cret-pw';
    url.pathname = '/no_such_database';
    const error = await openPool(url.toString()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(/no_such_database.*does not exist/);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
