// @vitest-environment happy-dom
// p-calls.js as it runs beside p.js: a real tracker as window.pulse, the collector stubbed at fetch.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Options } from './config';
import { keepNumbers, type NumbersAnswer } from './numbers';
import { freshSite, setNavigator, setVisibility, tick, usePageLifecycle } from './test-support/page';
import { createTracker, type ScriptTracker } from './tracker';

const host = window as unknown as { pulse?: ScriptTracker & { swapNumbers(): void } };
const answer: NumbersAnswer = {
  numbers: [{ pool: 1, published: '+74951234567', selector: null, number: '+74957000001' }],
  renew_s: 50,
};
const shown = () => document.querySelector('#phone')!.textContent;

/**
 * The collector: events are accepted, /v1/numbers answers `numbers` (a status and body, or a
 * promise of them); the bodies of the number requests, in order.
 */
function collector(numbers: () => [number, unknown] | Promise<[number, unknown]> = () => [200, answer]) {
  const asked: Record<string, string>[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (!url.endsWith('/v1/numbers')) return new Response('{"accepted":1,"duplicates":0,"rejected":[],"dropped":0}');
    asked.push(JSON.parse(init.body as string));
    const [status, body] = await numbers();
    return new Response(JSON.stringify(body), { status });
  });
  // A hidden page beacons its events: kept off the network too.
  setNavigator({ sendBeacon: () => true });
  return asked;
}

/** A page opened on a fake clock, with the collector answering as `numbers` says; the number requests. */
async function openOnClock(numbers?: Parameters<typeof collector>[0], before?: () => void) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
  const asked = collector(numbers);
  await openPage({}, before);
  await vi.advanceTimersByTimeAsync(0);
  return asked;
}

/** A page of the site with its number and p.js's tracker on it; `before` runs before p-calls.js is loaded. */
async function openPage(options: Partial<Options> = {}, before = () => {}) {
  document.body.innerHTML = '<p>Sales: <span id="phone">+7 (495) 123-45-67</span></p>';
  host.pulse = createTracker({ site, endpoint: 'https://collector.example', ...options }) as ScriptTracker & { swapNumbers(): void };
  before();
  vi.resetModules();
  await import('./calls');
}

let site: string;
usePageLifecycle();
beforeEach(() => {
  site = freshSite();
  sessionStorage.clear();
  setVisibility('visible');
});
// The chunk of a finished test stops watching the page.
afterEach(() => host.pulse?.consent(false));

describe('p-calls.js', () => {
  test("asks for the session's numbers and shows them; swapNumbers() rescans at once", async () => {
    const asked = collector();
    await openPage();
    await vi.waitFor(() => expect(shown()).toBe('+7 (495) 700-00-01'));
    const [options, , store] = host.pulse!.state();
    expect(asked).toEqual([expect.objectContaining({ site: options.site, visitor_id: store.get('v'), session_id: JSON.parse(store.get('s')!).i })]);
    document.body.insertAdjacentHTML('beforeend', '<p id="spa">8 495 123 45 67</p>');
    host.pulse!.swapNumbers();
    expect(document.querySelector('#spa')!.textContent).toBe('8 495 700 00 01');
  });

  test('with consent required and not given, asks nothing and swaps nothing; consent(true) starts it', async () => {
    const asked = collector();
    await openPage({ consent: 'required' });
    await tick();
    expect(asked).toHaveLength(0);
    expect(shown()).toBe('+7 (495) 123-45-67');
    host.pulse!.consent(true);
    await vi.waitFor(() => expect(shown()).toBe('+7 (495) 700-00-01'));
    expect(asked).toHaveLength(1);
  });

  test('a later page of the session shows the numbers the session was given before the collector answers', async () => {
    const asked = collector(() => new Promise(() => {}));
    // An earlier page of this session was given the answer.
    await openPage({}, () => keepNumbers(JSON.parse(host.pulse!.state()[2].get('s')!).i, answer));
    expect(shown()).toBe('+7 (495) 700-00-01');
    expect(asked).toHaveLength(1);
  });

  test("another session's numbers are not shown", async () => {
    collector(() => new Promise(() => {}));
    await openPage({}, () => keepNumbers('another-session', answer));
    await tick();
    expect(shown()).toBe('+7 (495) 123-45-67');
  });

  test('a refusal (4xx) swaps nothing, forgets what the session was given and asks no more', async () => {
    const asked = await openOnClock(() => [404, { error: "site: no site has the key 'x'", field: 'site' }], () => keepNumbers('another-session', answer));
    expect(asked).toHaveLength(1);
    expect(shown()).toBe('+7 (495) 123-45-67');
    expect(sessionStorage.getItem('pulse_numbers')).toBeNull();
    await vi.advanceTimersByTimeAsync(answer.renew_s * 1000 * 3);
    expect(asked).toHaveLength(1);
  });

  test('renews every renew_s seconds while the page is seen, and once it is seen again', async () => {
    const asked = await openOnClock();
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(answer.renew_s * 1000);
    expect(asked).toHaveLength(2);
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(answer.renew_s * 1000 * 3);
    expect(asked).toHaveLength(2);
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toHaveLength(3);
  });

  test('consent(false) stops asking and forgets the numbers kept for the session', async () => {
    const asked = await openOnClock();
    expect(sessionStorage.getItem('pulse_numbers')).not.toBeNull();
    host.pulse!.consent(false);
    expect(sessionStorage.getItem('pulse_numbers')).toBeNull();
    await vi.advanceTimersByTimeAsync(answer.renew_s * 1000 * 3);
    expect(asked).toHaveLength(1);
  });
});
