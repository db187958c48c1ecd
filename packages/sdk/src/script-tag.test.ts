// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { freshSite, stubCollector, usePageLifecycle } from './test-support/page';

/** The one-line stub of the README, verbatim: it queues calls made before p.js has loaded. */
export const stub =
  "window.pulse=window.pulse||{q:[]};['track','page','identify','consent','reset','flush','on','slot','profile'].forEach(function(m){pulse[m]=pulse[m]||function(){pulse.q.push([m,[].slice.call(arguments)])}})";

const host = window as unknown as { pulse?: Record<string, (...args: unknown[]) => unknown> & { q?: unknown[] } };
let site: string;

/** Runs p.js's entry as the browser would: with document.currentScript set to its tag. */
async function loadScript(attributes: Record<string, string>, src = 'https://collector.example/p.js') {
  const script = document.createElement('script');
  script.src = src;
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
  vi.resetModules();
  await import('./script-tag');
  Object.defineProperty(document, 'currentScript', { value: null, configurable: true });
}

usePageLifecycle();
beforeEach(() => {
  delete host.pulse;
  site = freshSite();
});

describe('the script tag', () => {
  test('replays the calls queued by the stub in order, then installs window.pulse', async () => {
    const collector = stubCollector();
    new Function(stub)();
    host.pulse!.track!('first', { n: 1 });
    host.pulse!.identify!('user-1');
    host.pulse!.track!('second', { n: 2 });
    expect(host.pulse!.q).toHaveLength(3);
    await loadScript({ 'data-site': site });
    expect(host.pulse!.q).toBeUndefined();
    host.pulse!.track!('third');
    await host.pulse!.flush!();
    const events = collector.events(site);
    expect(events.map((event) => event.name ?? event.type)).toEqual(['page', 'first', 'identify', 'second', 'third']);
    expect(events.map((event) => event.user_id)).toEqual([undefined, undefined, 'user-1', 'user-1', 'user-1']);
    // Calls made in one millisecond keep their order in the queue too: ids are monotonic.
    expect(events.map((event) => event.id)).toEqual(events.map((event) => event.id).sort());
  });

  test("posts to the script's own origin unless data-endpoint says otherwise", async () => {
    const collector = stubCollector();
    await loadScript({ 'data-site': site }, 'https://stats.example:8443/p.js?v=1');
    await host.pulse!.flush!();
    expect(collector.bodies[0]!.url).toBe('https://stats.example:8443/v1/events');

    delete host.pulse;
    const other = freshSite();
    await loadScript({ 'data-site': other, 'data-endpoint': 'https://eu.collector.example/' });
    await host.pulse!.flush!();
    expect(collector.bodies.at(-1)!.url).toBe('https://eu.collector.example/v1/events');
  });

  test('data-consent="required": nothing is sent before consent(true)', async () => {
    const collector = stubCollector();
    await loadScript({ 'data-site': site, 'data-consent': 'required' });
    await host.pulse!.flush!();
    expect(collector.fetch).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    host.pulse!.consent!(true);
    await host.pulse!.flush!();
    expect(collector.events(site).map((event) => event.type)).toEqual(['page']);
  });

  test('data-spa="off", data-hash="on" and data-session-timeout are read', async () => {
    const collector = stubCollector();
    await loadScript({ 'data-site': site, 'data-spa': 'off' });
    history.pushState(null, '', '/elsewhere');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await host.pulse!.flush!();
    expect(collector.events(site).filter((event) => event.type == 'page')).toHaveLength(1);
    history.replaceState(null, '', '/');
  });

  test('does nothing without data-site, and a second copy of p.js does not start a second tracker', async () => {
    stubCollector();
    await loadScript({});
    expect(host.pulse).toBeUndefined();
    await loadScript({ 'data-site': site });
    const first = host.pulse;
    await loadScript({ 'data-site': site });
    expect(host.pulse).toBe(first);
  });
});
