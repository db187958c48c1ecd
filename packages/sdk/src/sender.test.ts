// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createQueue, type Entry, type Queue } from './queue';
import { createSender } from './sender';
import { uuidv7 } from './ids';

const url = 'https://collector.example/v1/events';
let dbCount = 0;
let clock = Date.UTC(2030, 0, 1);
const now = () => clock;

/** Posted bodies, parsed; `answer` decides each response. */
function stubCollector(answer: (events: { n: number }[]) => number | Promise<number>) {
  const posted: { n: number }[][] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const events = JSON.parse(init.body as string).events;
    posted.push(events);
    const status = await answer(events);
    if (!status) throw new TypeError('Failed to fetch');
    return new Response('{}', { status });
  });
  vi.stubGlobal('fetch', fetch);
  return { posted, fetch };
}

function stubNavigator(values: Record<string, unknown>) {
  for (const [key, value] of Object.entries(values)) Object.defineProperty(navigator, key, { value, configurable: true });
}

/** Web Locks, as much as the sender uses: exclusive by name, ifAvailable gives null when taken. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    async request(name: string, _options: { ifAvailable: boolean }, work: (lock: object | null) => unknown) {
      if (held.has(name)) return work(null);
      held.add(name);
      try {
        return await work({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

async function queueWith(count: number, name = `sender-test-${++dbCount}`): Promise<Queue> {
  const queue = createQueue(name);
  queue._open(true);
  for (let n = 0; n < count; n++) {
    const id = uuidv7(clock);
    await queue._add([id, JSON.stringify({ id, n }), clock] as Entry);
  }
  return queue;
}

const sentNumbers = (posted: { n: number }[][]) => posted.flat().map((event) => event.n);

beforeEach(() => stubNavigator({ locks: undefined, onLine: true, sendBeacon: vi.fn(() => true) }));
afterEach(() => {
  vi.unstubAllGlobals();
  for (const key of ['locks', 'onLine', 'sendBeacon']) delete (navigator as unknown as Record<string, unknown>)[key];
});

describe('flush', () => {
  test('an event leaves the queue only once the collector answered 200', async () => {
    const queue = await queueWith(3);
    const collector = stubCollector(() => 200);
    await createSender('demo', url, queue, now, () => {}, () => {})._flush();
    expect(sentNumbers(collector.posted)).toEqual([0, 1, 2]);
    expect(await queue._read(clock)).toEqual([]);
  });

  test("hands the text of each 200 answer on, and of no other", async () => {
    const queue = await queueWith(2);
    // A 413 first: the two halves then go out one by one.
    const statuses = [413, 200, 200];
    vi.stubGlobal('fetch', async () => {
      const status = statuses.shift()!;
      return new Response(`{"status":${status}}`, { status });
    });
    const answered = vi.fn();
    await createSender('demo', url, queue, now, () => {}, answered)._flush();
    expect(answered.mock.calls).toEqual([['{"status":200}'], ['{"status":200}']]);
  });

  test('keeps events on 5xx and network errors, and retries with backoff', async () => {
    const queue = await queueWith(2);
    let status = 503;
    const collector = stubCollector(() => status);
    const sender = createSender('demo', url, queue, now, () => {}, () => {});
    await sender._flush();
    expect((await queue._read(clock)).length).toBe(2);
    // Within the backoff a tick does nothing; after it, the retry goes out.
    clock += 1000;
    await sender._flush();
    expect(collector.fetch).toHaveBeenCalledTimes(1);
    status = 0;
    clock += 3000;
    await sender._flush();
    expect(collector.fetch).toHaveBeenCalledTimes(2);
    expect((await queue._read(clock)).length).toBe(2);
    // The second failure waits longer: 3 to 6 s.
    clock += 2900;
    await sender._flush();
    expect(collector.fetch).toHaveBeenCalledTimes(2);
    status = 200;
    clock += 3200;
    await sender._flush();
    expect(collector.fetch).toHaveBeenCalledTimes(3);
    expect(await queue._read(clock)).toEqual([]);
  });

  test('an explicit flush does not wait for the backoff', async () => {
    const queue = await queueWith(1);
    let status = 500;
    const collector = stubCollector(() => status);
    const sender = createSender('demo', url, queue, now, () => {}, () => {});
    await sender._flush();
    status = 200;
    await sender._flush(true);
    expect(collector.fetch).toHaveBeenCalledTimes(2);
    expect(await queue._read(clock)).toEqual([]);
  });

  test('drops events the collector refuses for good (400, 403, 404): retrying cannot help', async () => {
    for (const status of [400, 403, 404]) {
      const queue = await queueWith(2);
      const collector = stubCollector(() => status);
      const sender = createSender('demo', url, queue, now, () => {}, () => {});
      await sender._flush();
      expect(await queue._read(clock)).toEqual([]);
      await sender._flush();
      expect(collector.fetch).toHaveBeenCalledTimes(1);
    }
  });

  test('on 413 splits the batch and retries the halves; a single event too large is dropped', async () => {
    const queue = await queueWith(7);
    // This collector takes at most 2 events a body, and never event 5.
    const collector = stubCollector((events) => (events.length > 2 || events.some((event) => event.n == 5) ? 413 : 200));
    await createSender('demo', url, queue, now, () => {}, () => {})._flush();
    const stored = collector.posted.filter((events) => events.length <= 2 && !events.some((event) => event.n == 5));
    expect(sentNumbers(stored)).toEqual([0, 1, 2, 3, 4, 6]);
    expect(await queue._read(clock)).toEqual([]);
  });

  test('tabs of one site never send the same events at once (Web Locks)', async () => {
    stubNavigator({ locks: fakeLocks() });
    const name = `sender-test-${++dbCount}`;
    const queue = await queueWith(5, name);
    const otherTab = createQueue(name);
    otherTab._open(true);
    const collector = stubCollector(() => new Promise((resolve) => setTimeout(() => resolve(200), 20)));
    const tabs = [createSender('demo', url, queue, now, () => {}, () => {}), createSender('demo', url, otherTab, now, () => {}, () => {})];
    await Promise.all([tabs[0]!._flush(), tabs[1]!._flush(), tabs[0]!._flush(), tabs[1]!._flush()]);
    expect(sentNumbers(collector.posted).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(await queue._read(clock)).toEqual([]);
  });

  test('never rejects', async () => {
    const queue = await queueWith(1);
    queue._read = () => Promise.reject(new Error('boom'));
    stubCollector(() => 200);
    await expect(createSender('demo', url, queue, now, () => {}, () => {})._flush(true)).resolves.not.toThrow();
  });
});

describe('beacon', () => {
  test("hands this tab's unsent events to sendBeacon as text, and keeps them until an answer confirms them", async () => {
    const queue = await queueWith(2);
    createSender('demo', url, queue, now, () => {}, () => {})._beacon();
    const sendBeacon = navigator.sendBeacon as ReturnType<typeof vi.fn>;
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    const [target, body] = sendBeacon.mock.calls[0]!;
    expect(target).toBe(url);
    expect(typeof body).toBe('string');
    expect(JSON.parse(body).events.map((event: { n: number }) => event.n)).toEqual([0, 1]);
    // A beacon dropped with the page it left loses nothing: the next run sends the events again.
    expect(queue._pending().length).toBe(2);
    expect((await queue._read(clock)).length).toBe(2);
  });

  test('splits beacons at 64 KiB', async () => {
    const queue = createQueue(`sender-test-${++dbCount}`);
    queue._open(true);
    for (let n = 0; n < 4; n++) {
      const id = uuidv7(clock);
      await queue._add([id, JSON.stringify({ id, n, pad: 'x'.repeat(30_000) }), clock]);
    }
    createSender('demo', url, queue, now, () => {}, () => {})._beacon();
    const bodies = (navigator.sendBeacon as ReturnType<typeof vi.fn>).mock.calls.map((call) => call[1] as string);
    expect(bodies.length).toBe(2);
    for (const body of bodies) expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(65_536);
  });

  test('without sendBeacon, falls back to fetch with keepalive', async () => {
    stubNavigator({ sendBeacon: undefined });
    const queue = await queueWith(1);
    const collector = stubCollector(() => 200);
    createSender('demo', url, queue, now, () => {}, () => {})._beacon();
    await vi.waitFor(() => expect(collector.fetch).toHaveBeenCalledTimes(1));
    expect(collector.fetch.mock.calls[0]![1]).toMatchObject({ keepalive: true });
  });
});
