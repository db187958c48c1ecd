import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium, personUserAgent } from './browser.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

let browser: Browser;
let collector: TestCollector;
let pages: Server;
let pagePort: number;

beforeAll(async () => {
  collector = await startTestCollector([{ key: 'site', domains: ['127.0.0.1'] }]);
  pages = createServer((_, res) => res.end('<!doctype html><title>A customer site</title>'));
  await new Promise<void>((done) => pages.listen(0, '127.0.0.1', done));
  pagePort = (pages.address() as AddressInfo).port;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  pages?.close();
  await collector?.close();
});

/** Opens a page on the given host of the page server and sends one event each way from it. */
async function sendFrom(host: string) {
  const page = await browser.newPage({ userAgent: personUserAgent });
  await page.goto(`http://${host}:${pagePort}/`);
  const viaFetch = wireEvent({ url: `http://${host}:${pagePort}/` });
  const viaBeacon = wireEvent({ url: `http://${host}:${pagePort}/` });
  const outcome = await page.evaluate(
    async ({ endpoint, viaFetch, viaBeacon }) => {
      let fetched: unknown;
      try {
        // application/json makes Chromium send a CORS preflight first.
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ site: 'site', events: [viaFetch] }),
        });
        fetched = await response.json();
      } catch (error) {
        fetched = `blocked: ${(error as Error).name}`;
      }
      const beaconQueued = navigator.sendBeacon(endpoint, JSON.stringify({ site: 'site', events: [viaBeacon] }));
      return { fetched, beaconQueued };
    },
    { endpoint: `${collector.url}/v1/events`, viaFetch, viaBeacon },
  );
  await page.close();
  return { ...outcome, viaFetch, viaBeacon };
}

async function eventually(check: () => Promise<boolean>, ms = 3_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('ingest from a real browser', () => {
  it('takes fetch (with preflight) and sendBeacon from a registered origin', async () => {
    const { fetched, beaconQueued, viaFetch, viaBeacon } = await sendFrom('127.0.0.1');
    expect(fetched).toEqual({ accepted: 1, duplicates: 0, rejected: [], dropped: 0 });
    expect(beaconQueued).toBe(true);
    expect(await collector.store.events.has(1, viaFetch.id)).toBe(true);
    expect(await eventually(() => collector.store.events.has(1, viaBeacon.id))).toBe(true);
  });

  it('refuses both from an origin the site did not register', async () => {
    const { fetched, beaconQueued, viaFetch, viaBeacon } = await sendFrom('localhost');
    expect(fetched).toBe('blocked: TypeError');
    expect(beaconQueued).toBe(true);
    expect(await eventually(() => collector.store.events.has(1, viaBeacon.id), 1_000)).toBe(false);
    expect(await collector.store.events.has(1, viaFetch.id)).toBe(false);
  });
});
