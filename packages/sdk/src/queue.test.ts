// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createStore, entries, type UseStore } from 'idb-keyval';
import { createQueue, queueLimits, type Entry } from './queue';
import { uuidv7 } from './ids';

const day = 86_400_000;
const now = Date.UTC(2030, 5, 1);
let dbCount = 0;
const freshName = () => `pulse-test-${++dbCount}`;
const event = (ts: number, n = 0): Entry => {
  const id = uuidv7(ts);
  return [id, JSON.stringify({ id, n }), ts];
};
const ids = (items: Entry[]) => items.map((item) => item[0]);

describe('the queue in IndexedDB', () => {
  test('writes each event to IndexedDB when it is added, before anything sends it', async () => {
    const name = freshName();
    const queue = createQueue(name);
    queue._open(true);
    const added = event(now);
    await queue._add(added);
    // Read straight from IndexedDB, as the next page or another tab would.
    expect(await entries(createStore(name, 'events'))).toEqual([[added[0], added]]);
  });

  test('keeps events across page loads, oldest first, until they are removed', async () => {
    const name = freshName();
    const page1 = createQueue(name);
    page1._open(true);
    const items = [event(now, 1), event(now + 1, 2), event(now + 2, 3)];
    for (const item of items) void page1._add(item);
    const page2 = createQueue(name);
    page2._open(true);
    expect(await page2._read(now + 10)).toEqual(items);
    await page2._remove([items[1]!]);
    expect(ids(await createQueue(name)._read(now))).toEqual([]); // closed: this tab's memory only
    const page3 = createQueue(name);
    page3._open(true);
    expect(ids(await page3._read(now + 10))).toEqual([items[0]![0], items[2]![0]]);
  });

  test('tabs adding at the same time lose nothing (one record per event, no read-modify-write)', async () => {
    const name = freshName();
    const tabs = [createQueue(name), createQueue(name), createQueue(name)];
    for (const tab of tabs) tab._open(true);
    const added = tabs.flatMap((tab, t) => Array.from({ length: 20 }, (_, i) => event(now + i, t)));
    await Promise.all(added.map((item, i) => tabs[i % 3]!._add(item)));
    expect((await tabs[0]!._read(now + 100)).length).toBe(60);
  });

  test('bounds the count: past 1,000 the oldest are dropped', async () => {
    const name = freshName();
    const queue = createQueue(name);
    queue._open(true);
    const items = Array.from({ length: queueLimits.count + 25 }, (_, i) => event(now + i));
    await Promise.all(items.map((item) => queue._add(item)));
    const kept = await queue._read(now + 2000);
    expect(kept.length).toBe(queueLimits.count);
    expect(kept[0]).toEqual(items[25]);
    expect(kept.at(-1)).toEqual(items.at(-1));
    // The dropped ones are gone from IndexedDB too.
    await vi.waitFor(async () => expect(await entries(createStore(name, 'events'))).toHaveLength(queueLimits.count));
  });

  test('bounds the age: events older than 7 days are dropped', async () => {
    const name = freshName();
    const queue = createQueue(name);
    queue._open(true);
    const old = [event(now - 9 * day), event(now - 7 * day - 1)];
    const recent = [event(now - 7 * day + 1000), event(now - day)];
    for (const item of [...old, ...recent]) await queue._add(item);
    expect(await queue._read(now)).toEqual(recent);
    await vi.waitFor(async () => expect((await entries(createStore(name, 'events'))).map((entry) => entry[1])).toEqual(recent));
  });

  test("forgets this tab's events once another tab has sent them, so its last beacon skips them", async () => {
    const name = freshName();
    const tabA = createQueue(name);
    const tabB = createQueue(name);
    tabA._open(true);
    tabB._open(true);
    const mine = [event(now, 1), event(now + 1, 2)];
    for (const item of mine) await tabA._add(item);
    expect(ids(tabA._pending())).toEqual(ids(mine));
    // Tab B sends and removes the first one.
    await tabB._remove([mine[0]!]);
    await tabA._read(now + 5);
    expect(ids(tabA._pending())).toEqual([mine[1]![0]]);
  });

  test('clear() empties IndexedDB and memory', async () => {
    const name = freshName();
    const queue = createQueue(name);
    queue._open(true);
    await queue._add(event(now));
    await queue._clear();
    expect(queue._pending()).toEqual([]);
    expect(await entries(createStore(name, 'events'))).toEqual([]);
  });
});

describe('without IndexedDB', () => {
  afterEach(() => vi.unstubAllGlobals());

  test('falls back to memory, without an error, when IndexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const queue = createQueue(freshName());
    queue._open(true);
    const items = [event(now, 1), event(now + 1, 2)];
    for (const item of items) await queue._add(item);
    expect(await queue._read(now + 5)).toEqual(items);
    await queue._remove([items[0]!]);
    expect(await queue._read(now + 5)).toEqual([items[1]]);
  });

  test('falls back to memory, without an error, when IndexedDB is blocked', async () => {
    const blocked = { open: () => { throw new DOMException('The user denied permission.', 'SecurityError'); } };
    vi.stubGlobal('indexedDB', blocked);
    const queue = createQueue(freshName());
    queue._open(true);
    const item = event(now);
    await expect(queue._add(item)).resolves.toBeUndefined();
    expect(await queue._read(now + 5)).toEqual([item]);
    expect(queue._pending()).toEqual([item]);
  });

  test('falls back to memory when opening fails later, asynchronously (private mode)', async () => {
    const failing = {
      open() {
        const request = {} as IDBOpenDBRequest & { error: DOMException };
        setTimeout(() => {
          request.error = new DOMException('A mutation operation was attempted', 'InvalidStateError');
          request.onerror?.(new Event('error'));
        });
        return request;
      },
    };
    vi.stubGlobal('indexedDB', failing);
    const queue = createQueue(freshName());
    queue._open(true);
    const items = [event(now, 1), event(now + 1, 2)];
    for (const item of items) await queue._add(item);
    expect(await queue._read(now + 5)).toEqual(items);
  });

  test('a write that fails (quota) keeps the event in memory rather than losing it', async () => {
    const name = freshName();
    const real = createStore(name, 'events');
    const quotaExceeded: UseStore = (mode, callback) =>
      mode == 'readwrite' ? Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')) : real(mode, callback);
    const queue = createQueue(name, () => quotaExceeded);
    queue._open(true);
    const item = event(now);
    await queue._add(item);
    expect(await queue._read(now + 5)).toEqual([item]);
  });

  test('bounds memory the same way', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const queue = createQueue(freshName());
    queue._open(true);
    for (let i = 0; i < queueLimits.count + 3; i++) await queue._add(event(now + i));
    expect((await queue._read(now + 2000)).length).toBe(queueLimits.count);
    expect(queue._pending()).toHaveLength(queueLimits.count);
  });

  test('before storing is allowed (no consent yet) nothing reaches IndexedDB', async () => {
    const name = freshName();
    const queue = createQueue(name);
    await queue._add(event(now));
    const databases = await indexedDB.databases();
    expect(databases.map((db) => db.name)).not.toContain(name);
  });
});
