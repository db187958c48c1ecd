// Call tracking in real Chromium against the real collector: the demo shop's phone number swapped for the session's own, on a desktop and on a phone.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { newContext, useBrowserAndCollector } from './harness';

const setup = useBrowserAndCollector();
const screenshots = fileURLToPath(new URL('../test-results/', import.meta.url));

/** The pool this test sets up: the number the page prints, and what the session is shown instead (+7 495 700-00-NN). */
const published = '+7 (495) 123-45-67';
const pooled = /^\+7 \(495\) 700-00-\d\d$/;

/**
 * The demo shop's home page with a sales block in the pool's numbers: text in two formats, a tel:
 * link, an element the pool's selector names, and a line the site keeps as it is. It is served from
 * the site's own origin, the shop's files and p.js from the collector's (a <base>), as a site that
 * pastes the tag is; `tag` is added to the script tag (data-consent="required", say).
 */
function salesPage(shop: string, collector: string, tag = ''): string {
  return shop
    .replace('<head>', `<head>\n<base href="${collector}/demo/">`)
    .replace('data-site="demo"', `data-site="demo" ${tag}`)
    .replace(
      '<main id="main">',
      `<main id="main">
  <section class="container" id="sales" style="padding-top:24px">
    <h2>Talk to our Moscow team</h2>
    <p>Sales: <strong id="text">${published}</strong> · toll-free <span id="trunk">8 495 123 45 67</span></p>
    <p><a id="tel" href="tel:+74951234567">Call sales</a> · <span class="phone" id="selector">ask for a callback</span></p>
    <p id="kept" data-pulse-no-swap>Head office: ${published}</p>
  </section>`,
    );
}

/** The site: its pages at /sales.html and /sales-2.html, and /consent.html whose tag asks for consent first. */
let site = '';
let server: Server | undefined;

const viewports: [string, BrowserContextOptions][] = [
  ['desktop', { viewport: { width: 1280, height: 900 } }],
  [
    'phone',
    {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    },
  ],
];

beforeAll(async () => {
  const collector = setup.collector();
  // Enough numbers that every session of these tests gets one of its own.
  const numbers = Array.from({ length: 30 }, (_, i) => `+74957000${String(i + 1).padStart(3, '0')}`);
  const response = await fetch(`${collector.url}/api/v1/sites/demo/call-pools`, {
    method: 'POST',
    headers: { authorization: `Bearer ${collector.token('write')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Sales', default_number: '+74951234567', published_number: '+74951234567', selector: '.phone', numbers, hold_minutes: 15 }),
  });
  expect(response.status, await response.clone().text()).toBe(201);

  const shop = await (await fetch(`${collector.url}/demo/index.html`)).text();
  const pages: Record<string, string> = {
    '/sales.html': salesPage(shop, collector.url),
    '/sales-2.html': salesPage(shop, collector.url),
    '/consent.html': salesPage(shop, collector.url, 'data-consent="required"'),
  };
  server = createServer((request, reply) => {
    const page = pages[request.url!];
    reply.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

/** Requests the context makes whose path ends with `suffix`. */
function requestsTo(context: BrowserContext, suffix: string): string[] {
  const seen: string[] = [];
  context.on('request', (request) => void (new URL(request.url()).pathname.endsWith(suffix) && seen.push(request.url())));
  return seen;
}

const text = (page: Page, selector: string) => page.locator(selector).textContent();
/** Waits until the sales number shows one of the pool's. */
const swapped = (page: Page) => page.waitForFunction(() => document.querySelector('#text')?.textContent?.startsWith('+7 (495) 700'));

/**
 * The text of the sales number in each frame of every page, with the frame's time and whether p.js
 * had run by then: a requestAnimationFrame callback runs just before its frame is drawn.
 */
async function recordFrames(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const frames: Frame[] = [];
    const host = window as unknown as { numberFrames: Frame[]; pulse?: { state?: unknown } };
    host.numberFrames = frames;
    const sample = (time: number) => {
      frames.push([time, document.querySelector('#text')?.textContent ?? null, !!host.pulse?.state]);
      if (frames.length < 300) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}

type Frame = [time: number, text: string | null, trackerRunning: boolean];

/**
 * The frames the page has shown, from its first paint: frames before it are drawn to nobody. The
 * frame painted first is the last whose callback ran before the first-paint time, so it counts too.
 */
async function shownFrames(page: Page): Promise<Frame[]> {
  const { frames, paint } = await page.evaluate(() => ({
    frames: (window as unknown as { numberFrames: Frame[] }).numberFrames,
    paint: performance.getEntriesByName('first-paint')[0]?.startTime ?? 0,
  }));
  const first = frames.filter(([time]) => time <= paint).length - 1;
  return frames.slice(Math.max(first, 0));
}

describe.each(viewports)('call tracking on a %s', (name, device) => {
  it("shows the session's own number in text, tel: links and the pool's elements, also in content added later, and leaves marked content alone", async () => {
    const context = await newContext(setup.browser(), device);
    const chunks = requestsTo(context, '/p-calls.js');
    const page = await context.newPage();
    await page.goto(`${site}/sales.html`);
    await swapped(page);
    const shown = (await text(page, '#text'))!;
    expect(shown).toMatch(pooled);
    const e164 = '+' + shown.replace(/\D/g, '');
    const [area, first, second, third] = [e164.slice(2, 5), e164.slice(5, 8), e164.slice(8, 10), e164.slice(10)];
    expect(await text(page, '#trunk')).toBe(`8 ${area} ${first} ${second} ${third}`);
    expect(await page.getAttribute('#tel', 'href')).toBe(`tel:${e164}`);
    expect(await text(page, '#selector')).toBe(e164);
    expect(await text(page, '#kept')).toBe(`Head office: ${published}`);

    await page.evaluate(() =>
      document.querySelector('#sales')!.insertAdjacentHTML(
        'beforeend',
        '<p id="late">Evenings: 8 (495) 123-45-67, <a id="late-tel" href="tel:84951234567">+7 495 1234567</a></p>',
      ),
    );
    await page.waitForFunction((expected) => document.querySelector('#late')?.textContent == expected, `Evenings: 8 (${area}) ${first}-${second}-${third}, +7 ${area} ${first}${second}${third}`);
    expect(await page.getAttribute('#late-tel', 'href')).toBe(`tel:${e164}`);

    // Its own writes do not set the observer off again: the block is at rest.
    const changes = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          const observer = new MutationObserver((records) => (count += records.length));
          observer.observe(document.querySelector('#sales')!, { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => (observer.disconnect(), resolve(count)), 500);
        }),
    );
    expect(changes).toBe(0);
    expect(chunks).toHaveLength(1);

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}calls-${name}.png` });
    await context.close();
  });

  it('shows the same number on the next page of the session from its first frames, before the collector answers', async () => {
    const context = await newContext(setup.browser(), device);
    await recordFrames(context);
    const numbers = requestsTo(context, '/v1/numbers');
    const page = await context.newPage();
    await page.goto(`${site}/sales.html`);
    await swapped(page);
    const shown = await text(page, '#text');
    const firstPage = (await shownFrames(page)).filter(([, number]) => number == published).length;

    await page.goto(`${site}/sales-2.html`);
    await swapped(page);
    await page.waitForTimeout(500);
    const frames = await shownFrames(page);
    const original = frames.filter(([, number]) => number == published);
    console.log(
      `${name}: painted frames that showed the site's own number: first page ${firstPage}, second page ${original.length} of ${frames.length}` +
        ` (in ${original.filter(([, , running]) => !running).length} of them p.js itself had not run yet)`,
    );
    expect(await text(page, '#text')).toBe(shown);
    // Frames drawn before the async p.js ran are the browser's to schedule, not the chunk's (on two busy
    // cores, one or two of them now and then): from the moment Pulse runs, at most one frame shows the old number.
    expect(original.filter(([, , running]) => running).length).toBeLessThanOrEqual(1);
    // The second page asked too, to renew: it did not wait for the answer to show the number.
    expect(numbers).toHaveLength(2);
    await context.close();
  });

  it("with consent required and not given, asks for nothing and keeps the site's number; consent(true) swaps it", async () => {
    const context = await newContext(setup.browser(), device);
    const numbers = requestsTo(context, '/v1/numbers');
    const page = await context.newPage();
    await page.goto(`${site}/consent.html`);
    await page.waitForFunction(() => typeof (window as unknown as { pulse?: { state?: unknown } }).pulse?.state === 'function');
    await page.waitForTimeout(1500);
    expect(numbers).toHaveLength(0);
    expect(await text(page, '#text')).toBe(published);

    await page.evaluate(() => (window as unknown as { pulse: { consent(yes: boolean): void } }).pulse.consent(true));
    await swapped(page);
    expect(await text(page, '#text')).toMatch(pooled);
    expect(numbers).toHaveLength(1);
    await context.close();
  });
});
