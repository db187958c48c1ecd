// What every `pulse` command shares: the usage error (exit code 2) and a store opened for one command.
import type { Config } from './config.js';
import { openStore, type Store } from './storage/store.js';

export class UsageError extends Error {}

export function withStore<T>(settings: Config, fn: (store: Store) => T): T {
  const store = openStore(settings.db, { synchronous: settings.synchronous });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
