// Opens the store a --db value names: a SQLite file by default, PostgreSQL for a postgres:// URL.
import { openStore, startCheckpointer, type Store } from './store.js';
import type { DatabaseOptions } from './sqlite/database.js';
import { isPostgres } from './backend-kind.js';

export interface BackendOptions extends DatabaseOptions {
  /** PostgreSQL: connections at most in this process's pool. */
  connections?: number;
  log?: (message: string) => void;
}

export async function openBackend(db: string, { connections, log, ...sqlite }: BackendOptions = {}): Promise<Store> {
  if (!isPostgres(db)) return openStore(db, sqlite);
  // Loaded only when asked for: a SQLite collector never loads pg.
  const { openPgStore } = await import('./postgres/store.js');
  return openPgStore(db, { connections, log });
}

/** SQLite's checkpoints run on a thread of their own; PostgreSQL checkpoints itself. */
export function startBackendCheckpointer(db: string, log: (message: string) => void): { stop(): Promise<void> } {
  if (isPostgres(db)) return { stop: async () => {} };
  return startCheckpointer(db, log);
}
