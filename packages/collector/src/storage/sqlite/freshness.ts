// Tells a connection's copies of what rarely changes (sites, segments, funnels, endpoints, models, definitions) that another connection committed.
import type { Db } from './database.js';

export interface Freshness {
  /** Registers a copy to clear when another connection has committed. */
  onChange(clear: () => void): void;
  /** Clears every copy if another connection committed since the last look (SQLite moves data_version then); looks once per synchronous turn. */
  check(): void;
  /** Clears every copy, as when a transaction that may have changed them was rolled back. */
  clear(): void;
  /**
   * Runs fn inside a write transaction, looking once at its start: while this connection holds the
   * write lock no other can commit, so the copies stay true until it ends.
   */
  within<T>(fn: () => T | Promise<T>): Promise<T>;
  /** A per-site copy read with `load` on first use and kept until this or another connection changes it. */
  perSite<T>(load: (siteId: number) => T): SiteCopy<T>;
}

export interface SiteCopy<T> {
  get(siteId: number): T;
  /** Drops one site's copy after this connection changed it. */
  forget(siteId: number): void;
  /** Drops every site's copy after this connection changed one, passing `result` through. */
  changed<R>(result: R): R;
}

export function freshness(db: Db): Freshness {
  // Prepared once: db.pragma() would compile the statement again at every look.
  const version = db.prepare('PRAGMA data_version').pluck();
  let seen = version.get() as number;
  const copies: (() => void)[] = [];
  let holding = false;
  let lookedThisTurn = false;
  const clearAll = () => {
    for (const clear of copies) clear();
  };
  const look = () => {
    const now = version.get() as number;
    if (now === seen) return;
    seen = now;
    clearAll();
  };
  return {
    onChange(clear) {
      copies.push(clear);
    },
    check() {
      if (holding || lookedThisTurn) return;
      // One look per synchronous turn: a browser read asks several copies, each look is a statement,
      // and another connection's commit within the turn is the same as one landing just after it.
      lookedThisTurn = true;
      queueMicrotask(() => (lookedThisTurn = false));
      look();
    },
    clear: clearAll,
    async within(fn) {
      // Always a look of its own: the write lock is held from here, so what it sees stays true.
      look();
      holding = true;
      try {
        return await fn();
      } finally {
        holding = false;
      }
    },
    perSite<T>(load: (siteId: number) => T): SiteCopy<T> {
      const copy = new Map<number, T>();
      copies.push(() => copy.clear());
      return {
        get: (siteId) => {
          this.check();
          if (!copy.has(siteId)) copy.set(siteId, load(siteId));
          return copy.get(siteId)!;
        },
        forget: (siteId) => copy.delete(siteId),
        changed: (result) => (copy.clear(), result),
      };
    },
  };
}
