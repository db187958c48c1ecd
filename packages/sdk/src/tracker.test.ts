// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { createTracker } from './tracker';
import type { Options } from './config';
import { freshSite, setVisibility, stubCollector, tick, usePageLifecycle } from './test-support/page';

let clock: number;
const now = () => clock;
let site: string;
const start = (options: Partial<Options> = {}) => createTracker({ site, endpoint: 'https://collector.example', ...options }, now);

usePageLifecycle();
beforeEach(() => {
  setVisibility('visible');
  history.replaceState(null, '', 'https://shop.example/');
  clock = Date.UTC(2030, 0, 1, 12);
  site = freshSite();
});

describe('events', () => {
  test('a pageview on start, then each call as an event in the wire format, with context', async () => {
    const collector = stubCollector();
    document.title = 'Catalog';
    const tracker = start();
    tracker.track('add_to_cart', { product_id: 'p1', price: 9.5 });
    await tracker.flush();
    const [page, track] = collector.events(site);
    expect(collector.bodies[0]!.url).toBe('https://collector.example/v1/events');
    expect(page).toMatchObject({ type: 'page', ts: clock });
    expect(page!.name).toBeUndefined();
    expect(track).toMatchObject({ type: 'track', name: 'add_to_cart', props: { product_id: 'p1', price: 9.5 } });
    expect(track!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(track!.visitor_id).toBe(page!.visitor_id);
    expect(track!.session_id).toBe(page!.session_id);
    expect(track!.context).toEqual({
      url: 'https://shop.example/',
      title: 'Catalog',
      referrer: '',
      screen: { width: screen.width, height: screen.height },
      language: navigator.language,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });

  test('identify sends an identify event with traits; later events carry the user id', async () => {
    const collector = stubCollector();
    const tracker = start();
    tracker.identify('user-42', { plan: 'pro' });
    tracker.track('signup');
    tracker.identify('not\nan id'); // refused: the collector would reject every later event
    tracker.track('checkout_start');
    await tracker.flush();
    const [, identify, signup, checkout] = collector.events(site);
    expect(identify).toMatchObject({ type: 'identify', user_id: 'user-42', traits: { plan: 'pro' } });
    expect(signup!.user_id).toBe('user-42');
    expect(checkout!.user_id).toBe('user-42');
    expect(collector.events(site)).toHaveLength(4);
  });

  test('reset() forgets the visitor: new visitor and session ids, no user id', async () => {
    const collector = stubCollector();
    const tracker = start();
    tracker.identify('user-7');
    tracker.reset();
    tracker.track('after_logout');
    await tracker.flush();
    const events = collector.events(site);
    const [before, after] = [events[0]!, events.at(-1)!];
    expect(after.visitor_id).not.toBe(before.visitor_id);
    expect(after.session_id).not.toBe(before.session_id);
    expect(after.user_id).toBeUndefined();
  });

  test('the visitor id is first-party and kept across page loads', async () => {
    const collector = stubCollector();
    const first = start();
    const visitor = localStorage.getItem('pulse_v');
    expect(visitor).toMatch(/^[0-9a-f-]{36}$/);
    clock += 60_000;
    const second = start();
    await first.flush();
    await second.flush();
    expect(new Set(collector.events(site).map((event) => event.visitor_id))).toEqual(new Set([visitor]));
  });

  test('first touch: the landing page, referrer and campaign, kept per visitor', async () => {
    history.replaceState(null, '', 'https://shop.example/landing?utm_source=mail&utm_medium=email&utm_campaign=june');
    stubCollector();
    const tracker = start();
    history.replaceState(null, '', 'https://shop.example/other');
    start();
    expect(tracker.firstTouch()).toEqual({
      landing: 'https://shop.example/landing?utm_source=mail&utm_medium=email&utm_campaign=june',
      referrer: '',
      utm_source: 'mail',
      utm_medium: 'email',
      utm_campaign: 'june',
      ts: clock,
    });
    tracker.reset();
    expect(tracker.firstTouch()).toBeNull();
  });

  test('works without IndexedDB: events wait in memory and go out, with no error', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const collector = stubCollector();
    const tracker = start();
    tracker.track('no_idb');
    await tracker.flush();
    expect(collector.events(site).map((event) => event.name ?? event.type)).toEqual(['page', 'no_idb']);
  });

  test('never throws into the page, whatever it is called with', async () => {
    stubCollector();
    const tracker = start();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const calls = () => {
      tracker.track(undefined as unknown as string);
      tracker.track('x', circular);
      tracker.page('nope' as never);
      tracker.identify(42 as unknown as string);
      tracker.consent('maybe' as unknown as boolean);
      tracker.reset();
    };
    expect(calls).not.toThrow();
    await expect(tracker.flush()).resolves.toBeUndefined();
  });
});

describe('automatic pageviews', () => {
  const pages = (collector: ReturnType<typeof stubCollector>) =>
    collector.events(site).filter((event) => event.type == 'page').map((event) => event.context.url);

  test('SPA navigations count once per URL: pushState, replaceState, popstate', async () => {
    const collector = stubCollector();
    const tracker = start();
    history.pushState(null, '', '/catalog');
    await tick();
    history.pushState(null, '', '/catalog'); // the same URL again
    await tick();
    history.replaceState(null, '', '/catalog?sort=price');
    await tick();
    history.pushState(null, '', '/catalog?sort=price#reviews'); // only the hash: not a page
    await tick();
    history.replaceState(null, '', '/product/1');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await tick();
    await tracker.flush();
    expect(pages(collector)).toEqual([
      'https://shop.example/',
      'https://shop.example/catalog',
      'https://shop.example/catalog?sort=price',
      'https://shop.example/product/1',
    ]);
  });

  test('hash changes count where data-hash is on', async () => {
    const collector = stubCollector();
    const tracker = start({ hash: 'on' });
    history.replaceState(null, '', '/#/cart');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await tick();
    window.dispatchEvent(new HashChangeEvent('hashchange')); // no change: no page
    await tick();
    await tracker.flush();
    expect(pages(collector)).toEqual(['https://shop.example/', 'https://shop.example/#/cart']);
  });

  test('with spa off only the page load counts', async () => {
    const collector = stubCollector();
    const tracker = start({ spa: 'off' });
    history.pushState(null, '', '/catalog');
    await tick();
    await tracker.flush();
    expect(pages(collector)).toEqual(['https://shop.example/']);
  });
});

describe('engaged time', () => {
  test('the visible time of a page is sent as "engagement" when the page is hidden, with a beacon', async () => {
    const collector = stubCollector();
    start();
    clock += 12_000;
    setVisibility('hidden');
    clock += 60_000; // hidden: not engaged
    setVisibility('visible');
    clock += 3_000;
    setVisibility('hidden');
    // The second beacon carries the first one's event again (no answer confirmed it): the collector stores an id once.
    const engagement = [...new Map(collector.events(site).filter((event) => event.name == 'engagement').map((event) => [event.id, event])).values()];
    expect(engagement.map((event) => event.props)).toEqual([
      { engaged_ms: 12_000, path: '/' },
      { engaged_ms: 3_000, path: '/' },
    ]);
    expect(collector.bodies.filter((body) => body.site == site).every((body) => body.via == 'beacon')).toBe(true);
  });

  test('an SPA navigation reports the time spent on the page left', async () => {
    const collector = stubCollector();
    const tracker = start();
    clock += 5_000;
    history.pushState(null, '', '/catalog');
    await tick();
    await tracker.flush();
    const [, engagement, page] = collector.events(site);
    expect(engagement).toMatchObject({ name: 'engagement', props: { engaged_ms: 5_000, path: '/' } });
    expect(page).toMatchObject({ type: 'page', context: { url: 'https://shop.example/catalog' } });
  });

  test('an event tracked right before the page closes goes out with the pagehide beacon', () => {
    const collector = stubCollector();
    const tracker = start();
    tracker.track('last_click');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(collector.events(site).map((event) => event.name ?? event.type)).toEqual(['page', 'last_click']);
  });
});
