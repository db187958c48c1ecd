// Opens the SQLite file with the pragmas Pulse relies on and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseOpenError } from '../database-error.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/** 'normal' survives a killed process (the WAL is in the OS's hands); 'full' also survives power loss. */
export type Synchronous = 'normal' | 'full';

export { DatabaseOpenError };

export interface DatabaseOptions {
  synchronous?: Synchronous;
  /** Off when a checkpointer thread does the checkpoints (see checkpointer.ts). */
  autoCheckpoint?: boolean;
}

export function openDatabase(path: string, { synchronous = 'normal', autoCheckpoint = true }: DatabaseOptions = {}): Db {
  let db: Db;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new DatabaseOpenError(`cannot open database at ${path}: ${(error as Error).message}`);
  }
  db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
  // 64 MiB of pages kept per connection instead of SQLite's 2 MiB: the writer's working set (the
  // indexes of events, profiles and counters it touches) is larger, and a page read back is a syscall.
  db.pragma('cache_size = -65536');
  // A CLI command writing while the server runs waits for the writer instead of failing.
  db.pragma('busy_timeout = 5000');
  if (!autoCheckpoint) db.pragma('wal_autocheckpoint = 0');
  db.pragma('foreign_keys = OFF');
  migrate(db);
  db.pragma('foreign_keys = ON');
  return db;
}

// The version is read inside the write lock, so a CLI command and a starting server never both migrate.
// Foreign keys are off meanwhile, as SQLite's own procedure for rebuilding a table asks (a dropped
// parent would cascade into its children), and checked before the commit instead.
function migrate(db: Db): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (broken.length > 0) throw new Error(`migrating left ${broken[0]!.table} rows pointing at missing ${broken[0]!.parent} rows`);
  }).immediate();
}
