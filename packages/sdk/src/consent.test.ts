// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createStore, entries } from 'idb-keyval';
import { initialConsent } from './consent';
import { createTracker } from './tracker';
import type { Options } from './config';
import { freshSite, setNavigator, stubCollector, usePageLifecycle } from './test-support/page';

let site: string;
const start = (options: Partial<Options> = {}) => createTracker({ site, endpoint: 'https://collector.example', ...options });
const databases = async () => (await indexedDB.databases()).map((db) => db.name);

usePageLifecycle();
beforeEach(() => {
  site = freshSite();
});

describe('initialConsent', () => {
  const browser = (signals: Record<string, unknown>) => signals as unknown as Navigator;

  test('a recorded choice wins', () => {
    expect(initialConsent('1', { site, consent: 'required' }, browser({ globalPrivacyControl: true }))).toBe(true);
    expect(initialConsent('0', { site }, browser({}))).toBe(false);
  });

  test('Global Privacy Control and Do Not Track count as a refusal by default, unless turned off', () => {
    expect(initialConsent(null, { site }, browser({ globalPrivacyControl: true }))).toBe(false);
    expect(initialConsent(null, { site }, browser({ doNotTrack: '1' }))).toBe(false);
    expect(initialConsent(null, { site, respectDnt: 'off' }, browser({ globalPrivacyControl: true, doNotTrack: '1' }))).toBe(true);
    expect(initialConsent(null, { site }, browser({ doNotTrack: '0' }))).toBe(true);
  });

  test('a site that requires consent starts without it', () => {
    expect(initialConsent(null, { site, consent: 'required' }, browser({}))).toBe(false);
    expect(initialConsent(null, { site }, browser({}))).toBe(true);
  });
});

describe('consent required', () => {
  test('nothing is stored (no localStorage, no cookie, no IndexedDB) or sent until consent(true)', async () => {
    const collector = stubCollector();
    const tracker = start({ consent: 'required' });
    tracker.track('add_to_cart');
    tracker.identify('user-1');
    history.pushState(null, '', '/catalog');
    await new Promise((resolve) => setTimeout(resolve, 0));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await tracker.flush();
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    expect(await databases()).not.toContain('pulse-' + site);
    expect(collector.fetch).not.toHaveBeenCalled();
    expect(collector.sendBeacon).not.toHaveBeenCalled();

    tracker.consent(true);
    await tracker.flush();
    // The page the visitor consented on is counted; what happened before consent is not.
    expect(collector.events(site).map((event) => [event.type, event.context.url])).toEqual([['page', 'https://shop.example/catalog']]);
    expect(localStorage.getItem('pulse_c')).toBe('1');
    expect(localStorage.getItem('pulse_v')).toBe(collector.events(site)[0]!.visitor_id);
    history.replaceState(null, '', '/');
  });

  test('consent given on an earlier page holds on the next', async () => {
    const collector = stubCollector();
    const first = start({ consent: 'required' });
    first.consent(true);
    await first.flush();
    const next = start({ consent: 'required' });
    await next.flush();
    expect(collector.events(site).filter((event) => event.type == 'page')).toHaveLength(2);
  });
});

describe('consent(false)', () => {
  test('clears the queue and the ids, and stops tracking, on this page and the next', async () => {
    const collector = stubCollector(503); // the collector is down: events wait in the queue
    const tracker = start();
    tracker.identify('user-9');
    tracker.track('viewed');
    await tracker.flush();
    expect((await entries(createStore('pulse-' + site, 'events'))).length).toBe(3);

    tracker.consent(false);
    tracker.track('after_refusal');
    await tracker.flush();
    expect(await entries(createStore('pulse-' + site, 'events'))).toEqual([]);
    for (const key of ['v', 's', 'u', 'f']) expect(localStorage.getItem('pulse_' + key)).toBeNull();
    expect(localStorage.getItem('pulse_c')).toBe('0');

    collector.fetch.mockClear();
    const next = start();
    next.track('next_page');
    await next.flush();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(collector.fetch).not.toHaveBeenCalled();
    expect(collector.events(site).some((event) => event.name == 'after_refusal' || event.name == 'next_page')).toBe(false);
  });
});

describe('privacy signals', () => {
  test('with Global Privacy Control on, nothing is stored or sent', async () => {
    setNavigator({ globalPrivacyControl: true });
    const collector = stubCollector();
    const tracker = start();
    tracker.track('x');
    await tracker.flush();
    expect(collector.fetch).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
  });

  test('with Do Not Track on and respectDnt off, tracking goes on', async () => {
    setNavigator({ doNotTrack: '1' });
    const collector = stubCollector();
    const tracker = start({ respectDnt: 'off' });
    await tracker.flush();
    expect(collector.events(site)).toHaveLength(1);
  });
});
