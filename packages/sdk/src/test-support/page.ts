// Test helpers: a collector stubbed at fetch/sendBeacon, and page state (visibility, privacy signals) set at will.
import { afterEach, beforeEach, vi } from 'vitest';

export interface WireEvent {
  id: string;
  type: 'page' | 'track' | 'identify';
  name?: string;
  ts: number;
  visitor_id: string;
  session_id: string;
  user_id?: string;
  props?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context: Record<string, unknown> & { url: string };
}

/** Stubs fetch and sendBeacon; `events(site)` lists what reached the collector for a site, in order. */
export function stubCollector(status = 200) {
  const bodies: { url: string; site: string; events: WireEvent[]; via: 'fetch' | 'beacon' }[] = [];
  const record = (url: string, body: string, via: 'fetch' | 'beacon') => {
    const parsed = JSON.parse(body);
    bodies.push({ url, site: parsed.site, events: parsed.events, via });
  };
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    record(url, init.body as string, 'fetch');
    return new Response('{"accepted":1,"duplicates":0,"rejected":[],"dropped":0}', { status });
  });
  const sendBeacon = vi.fn((url: string, body: string) => (record(url, body, 'beacon'), true));
  vi.stubGlobal('fetch', fetch);
  setNavigator({ sendBeacon });
  return {
    fetch,
    sendBeacon,
    bodies,
    events: (site: string) => bodies.filter((body) => body.site == site).flatMap((body) => body.events),
  };
}

export function setNavigator(values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) Object.defineProperty(navigator, key, { value, configurable: true });
}

export function resetNavigator(): void {
  for (const key of ['sendBeacon', 'globalPrivacyControl', 'doNotTrack', 'locks', 'onLine']) {
    delete (navigator as unknown as Record<string, unknown>)[key];
  }
}

export function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  Object.defineProperty(document, 'hidden', { value: state == 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

export function clearStorage(): void {
  localStorage.clear();
  for (const cookie of document.cookie.split('; ')) if (cookie) document.cookie = `${cookie.split('=')[0]}=;max-age=0;path=/`;
}

let siteCount = 0;
/** A site key of its own for each test: the tracker's IndexedDB database is named after it. */
export const freshSite = () => `test-site-${++siteCount}`;

export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Trackers of finished tests still listen to the page: when happy-dom closes it they beacon.
 * Called last in afterEach, this keeps those beacons and fetches off the real network.
 */
export function silenceNetwork(): void {
  vi.stubGlobal('fetch', async () => new Response(null, { status: 503 }));
  setNavigator({ sendBeacon: () => true });
}

/**
 * For a test file that starts trackers: a clean page before each test (storage, navigator, timers)
 * and, after it, the history API unpatched and the network silenced.
 */
export function usePageLifecycle(): void {
  const { pushState, replaceState } = history;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval'] });
    clearStorage();
    resetNavigator();
  });
  afterEach(() => {
    Object.assign(history, { pushState, replaceState });
    vi.unstubAllGlobals();
    vi.useRealTimers();
    silenceNetwork();
  });
}
