// What every `pulse` command shares: the usage error (exit code 2) and a store opened for one command.
import type { Config } from './config.js';
import { openStore, type Store } from './storage/store.js';

export class UsageError extends Error {}

/** Runs fn with the store open, closing it when fn (and what it awaits) is done. */
export async function withStore<T>(settings: Config, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(settings.db, { synchronous: settings.synchronous });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
