// What every `pulse` command shares: the usage error (exit code 2) and a store opened for one command.
import type { Config } from './config.js';
import type { Store } from './storage/store.js';
import { openBackend } from './storage/open.js';

export class UsageError extends Error {}

/** Runs fn with the store open, closing it when fn (and what it awaits) is done. */
export async function withStore<T>(settings: Config, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = await openBackend(settings.db, { synchronous: settings.synchronous, connections: 2 });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
