// The persistent event queue: one IndexedDB record per event through idb-keyval, memory where IndexedDB is missing or fails.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { attempt } from './storage';

/**
 * An event as queued: id, JSON text and time, stored as one record under the id. UUIDv7 keys keep
 * IndexedDB in time order, and one record per event means no read-modify-write: tabs that add
 * and remove at the same time cannot lose each other's events.
 */
export type Entry = [id: string, json: string, ts: number];

export const queueLimits = { count: 1000, ageMs: 7 * 86_400_000 };

// Members starting with _ are private to the SDK: the script-tag build mangles their names.
export interface Queue {
  /** Keeps an event: in IndexedDB, where there is one, before anything tries to send it. */
  _add(entry: Entry): Promise<void>;
  /**
   * Every queued event, oldest first: those in IndexedDB (all tabs') or, without it, this tab's.
   * What is past the bounds (beyond the newest 1,000, or older than 7 days at `now`) is dropped.
   */
  _read(now: number): Promise<Entry[]>;
  /** This tab's unsent events, at hand without waiting for IndexedDB: for a last beacon. */
  _pending(): Entry[];
  _remove(entries: Entry[]): Promise<void>;
  _clear(): Promise<void>;
  /** Opens IndexedDB once storing is allowed (after consent); closed, the queue lives in memory. */
  _open(on: boolean): void;
}

/** A queue in the IndexedDB database `name`; `open` is swapped in tests. */
export function createQueue(name: string, open = (): UseStore => createStore(name, 'events')): Queue {
  // This tab's unsent events: kept until sent, or until a read shows another tab sent them.
  const own = new Map<string, Entry>();
  let db: UseStore | null = null;
  // Async so that a synchronous throw (indexedDB.open in a sandboxed frame) is caught like the rest.
  const write = async (work: (store: IDBObjectStore) => void) => {
    try {
      await db?.('readwrite', (store) => (work(store), promisifyRequest(store.transaction)));
    } catch {
      // Any IndexedDB failure (missing, blocked, private mode, quota) turns the queue to memory, quietly.
      db = null;
    }
  };

  const queue: Queue = {
    _add(entry) {
      own.set(entry[0], entry);
      return write((store) => store.put(entry, entry[0]));
    },
    async _read(now) {
      const mine = queue._pending();
      let items = mine;
      try {
        if (db) {
          // Writes started before this read are in it: IndexedDB runs the transactions of a store in order.
          items = await db('readonly', (store) => promisifyRequest(store.getAll() as IDBRequest<Entry[]>));
          // Unless a write failed meanwhile, this tab's events missing from the store were sent by another tab.
          if (db != null) for (const [id] of mine) items.some((item) => item[0] == id) || own.delete(id);
        }
      } catch {
        db = null;
      }
      const kept = items.slice(-queueLimits.count).filter((item) => now - item[2] < queueLimits.ageMs);
      if (kept.length < items.length) void queue._remove(items.filter((item) => !kept.includes(item)));
      return kept;
    },
    _pending: () => [...own.values()],
    _remove(entries) {
      for (const [id] of entries) own.delete(id);
      return write((store) => entries.forEach(([id]) => store.delete(id)));
    },
    _clear() {
      own.clear();
      return write((store) => store.clear());
    },
    _open(on) {
      db = on && attempt(() => indexedDB) ? open() : null;
    },
  };
  return queue;
}
