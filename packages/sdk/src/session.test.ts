import { beforeEach, describe, expect, test } from 'vitest';
import { campaignOf, touchSession, type Arrival } from './session';
import type { Store } from './storage';

/** A store shared by "tabs", like localStorage. */
function memoryStore(): Store {
  const values = new Map<string, string>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value), del: (key) => void values.delete(key) };
}

const minute = 60_000;
const timeout = 30 * minute;
const site = 'https://shop.example/';
const arrive = (url: string, referrer = ''): Arrival => ({ url, referrer });

describe('sessions under a fake clock', () => {
  let store: Store;
  let clock: number;
  const touch = (arrival?: Arrival, timeoutMs = timeout) => touchSession(store, clock, timeoutMs, arrival);

  beforeEach(() => {
    store = memoryStore();
    clock = Date.UTC(2030, 0, 1, 12);
  });

  test('activity keeps one session; 30 minutes idle start a new one', () => {
    const first = touch(arrive(site));
    clock += 29 * minute;
    expect(touch()).toBe(first);
    clock += 30 * minute; // idle exactly the timeout: still the same session
    expect(touch()).toBe(first);
    clock += 30 * minute + 1;
    const second = touch();
    expect(second).not.toBe(first);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('the timeout is configurable', () => {
    const first = touch(arrive(site), 5 * minute);
    clock += 4 * minute;
    expect(touch(undefined, 5 * minute)).toBe(first);
    clock += 5 * minute + 1;
    expect(touch(undefined, 5 * minute)).not.toBe(first);
  });

  test('arriving with another campaign starts a new session', () => {
    const direct = touch(arrive(site));
    clock += minute;
    const google = touch(arrive(site + '?utm_source=google&utm_campaign=spring'));
    expect(google).not.toBe(direct);
    clock += minute;
    // The same campaign again (another ad click, another tab): same session.
    expect(touch(arrive(site + 'p/1?utm_source=google&utm_campaign=spring&utm_term=x'))).toBe(google);
    clock += minute;
    expect(touch(arrive(site + '?utm_source=google&utm_campaign=summer'))).not.toBe(google);
  });

  test('click ids count as campaigns: gclid and yclid', () => {
    const first = touch(arrive(site));
    clock += minute;
    const gclid = touch(arrive(site + '?gclid=abc'));
    expect(gclid).not.toBe(first);
    clock += minute;
    expect(touch(arrive(site + '?yclid=123'))).not.toBe(gclid);
  });

  test('arriving without a campaign keeps the campaign session', () => {
    const ad = touch(arrive(site + '?utm_source=newsletter'));
    clock += minute;
    expect(touch(arrive(site + 'cart', site))).toBe(ad);
    clock += minute;
    expect(touch(arrive(site + 'cart'))).toBe(ad);
  });

  test("arriving from another site's page starts a new session", () => {
    const first = touch(arrive(site));
    clock += minute;
    expect(touch(arrive(site + 'p/2', 'https://www.google.com/search?q=x'))).not.toBe(first);
  });

  test('a same-site referrer, a reload and later events on the page keep the session', () => {
    const first = touch(arrive(site, 'https://www.google.com/'));
    clock += minute;
    expect(touch(arrive(site + 'p/3', site))).toBe(first);
    clock += minute;
    // A reload (or back/forward) is not an arrival: the tracker passes none, though the old referrer is still there.
    expect(touch()).toBe(first);
    clock += 10 * minute;
    expect(touch()).toBe(first);
  });

  test('tabs share the session through storage', () => {
    const tabA = touch(arrive(site));
    clock += 20 * minute;
    const tabB = touchSession(store, clock, timeout, arrive(site + 'other', site));
    expect(tabB).toBe(tabA);
    // Tab B's activity keeps tab A's session alive too.
    clock += 20 * minute;
    expect(touch()).toBe(tabA);
  });

  test('a broken stored session is replaced, not thrown', () => {
    store.set('s', '{not json');
    expect(touch()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('campaignOf', () => {
  test('joins utm_source, utm_campaign, gclid and yclid', () => {
    expect(campaignOf('https://a.example/?utm_source=g&utm_medium=cpc&utm_campaign=c&gclid=x')).toBe('g,c,x,');
    expect(campaignOf('https://a.example/?q=1')).toBe(',,,');
  });
});
