// The database a test runs on: a temporary SQLite file, or in the postgres project a fresh PostgreSQL database copied from the run's template.
import { openBackend } from '../storage/open.js';
import type { Store } from '../storage/store.js';
import { newDatabase } from './postgres.js';
import { tempDbPath } from './events.js';

/** Which backend this test file runs on: the postgres project sets it (vitest.config.ts). */
export const testBackend = (): 'sqlite' | 'postgres' => (process.env.PULSE_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite');

const opened: Store[] = [];

/** A new, empty, migrated database: its --db value. */
export async function testDb(): Promise<string> {
  if (testBackend() === 'sqlite') return tempDbPath();
  return (await newDatabase()).url;
}

/** A store on `db` (a new database when none is given), closed when the test file ends. */
export async function testStore(db?: string): Promise<Store> {
  const store = await openBackend(db ?? (await testDb()), { connections: 4 });
  opened.push(store);
  return store;
}

/** Closes what the file's tests left open; a store closed already is closed again harmlessly. */
export async function closeTestStores(): Promise<void> {
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
}
