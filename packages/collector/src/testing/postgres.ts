// A fresh PostgreSQL database for one test, copied from the run's migrated template (postgres-setup.ts) and dropped by close().
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterEach, inject } from 'vitest';
import { openPool, type PoolOptions } from '../storage/postgres/database.js';
import { createDatabase, dropDatabase } from '../storage/postgres/local-cluster.js';

export interface PulsePostgres {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface FreshOptions extends PoolOptions {
  /** false: an empty database, for the tests of migrating itself. */
  migrated?: boolean;
}

/** A new database on the run's cluster, migrated (a copy of the template) unless told otherwise: its name and URL. */
export async function newDatabase(migrated = true): Promise<{ name: string; url: string }> {
  const name = `pulse_${randomUUID().replaceAll('-', '')}`;
  return { name, url: await createDatabase(inject('postgresUrl'), name, migrated ? { template: inject('postgresTemplate') } : {}) };
}

export async function freshPulsePostgres({ migrated = true, ...poolOptions }: FreshOptions = {}): Promise<PulsePostgres> {
  const server = inject('postgresUrl');
  const { name, url } = await newDatabase(migrated);
  const pool = await openPool(url, poolOptions);
  return {
    url,
    pool,
    close: async () => {
      await pool.end();
      await dropDatabase(server, name);
    },
  };
}

/** freshPulsePostgres for tests that open several databases: each is dropped when its test ends. */
export function freshPerTest(): (options?: FreshOptions) => Promise<PulsePostgres> {
  const opened: PulsePostgres[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });
  return async (options) => {
    const db = await freshPulsePostgres(options);
    opened.push(db);
    return db;
  };
}
