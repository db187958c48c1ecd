// The Webhooks page in Chromium: each endpoint's totals, its failures and deliveries, with hostile URLs and segment names shown as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { uuidv7, wireEvent } from '../src/testing/events.js';
import { exponentialBackoff } from '../src/jobs/delivery.js';

const password = 'webhooks page password';
const hostile = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>'];
const day = 86_400_000;

let browser: Browser;
let collector: TestCollector;
let receiver: Server;
let zedId = 0;
let up: { id: number; url: string };
let down: { id: number; url: string };

const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${collector.url}/api/v1/sites/test${path}`, {
    method,
    headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return response.json();
};
const event = (visitor: string, name: string, ago = 0) => {
  const ts = Date.now() - ago;
  return collector.post({ site: 'test', events: [wireEvent({ id: uuidv7(ts), type: 'track', name, ts, visitor_id: visitor, session_id: `s-${visitor}-${ago}` })] });
};
const endpointOf = async (id: number) => (await collector.store.webhooks.list(1)).find((e) => e.id === id)!;
async function until(test: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 15_000;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  // Short waits and a give-up after 3 s instead of three days, so that every state shows within seconds.
  collector = await startTestCollector(undefined, { adminPassword: password }, { webhookSchedule: { retryDelay: exponentialBackoff(20, 200), pollMs: 20, giveUpAfterMs: 3_000 } });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => res.writeHead(req.url!.startsWith('/down') || JSON.parse(body).profile.id === zedId ? 503 : 204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await admin('POST', '/segments', { name: hostile[0], rules: { lifecycle: ['passive'] } });
  const buyers = await admin('POST', '/segments', { name: hostile[1], rules: { event: 'purchase', withinDays: 30, count: { gte: 1 } } });
  up = await admin('POST', '/webhooks', { url: `${base}/hooks/${hostile[1]}?q=${hostile[0]}` });
  // Group changes, and entries into the second segment only.
  down = await admin('POST', '/webhooks', { url: `${base}/down/${hostile[0]}`, events: ['segment.entered', 'group.changed'], segments: [buyers.id] });

  await event('zed', 'page', 10 * day); // new → passive, into the first segment: refused until given up
  zedId = (await collector.store.profiles.ofVisitor(1, 'zed'))!.id;
  await event('ann', 'page', 10 * day);
  await event('ann', 'purchase'); // passive → active, out of the first segment, into the second
  await event('bob', 'page');
  await event('bob', 'purchase');
  // The endpoint that is down is turned off once each person's first change was refused: the rest wait, paused.
  await until(async () => (await collector.store.webhooks.troubled(1, down.id, 10)).length === 3);
  await admin('PATCH', `/webhooks/${down.id}`, { enabled: false });
  await until(async () => (await endpointOf(up.id)).pending === 0);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks page', () => {
  it("shows each endpoint's totals, failures and deliveries, with hostile URLs and names as text", async () => {
    expect(await endpointOf(up.id)).toMatchObject({ delivered: 6, failed: 2, pending: 0 });
    expect(await endpointOf(down.id)).toMatchObject({ delivered: 0, failed: 0, pending: 5, enabled: false });
    for (const [name, viewport] of viewports) {
      const tab = await signedInTab(browser, collector.url, password, '/stats/webhooks', viewport);
      const { page } = tab;
      const upCard = page.locator(`#webhook-${up.id}`);
      const downCard = page.locator(`#webhook-${down.id}`);
      expect(await upCard.locator('.hook-url').textContent()).toBe(up.url);
      expect(await downCard.locator('.hook-url').textContent()).toBe(down.url);
      expect(await upCard.locator('[data-delivered]').textContent()).toBe('6');
      expect(await upCard.locator('[data-pending]').textContent()).toBe('0');
      expect(await upCard.locator('[data-failed]').textContent()).toBe('2');
      expect(await downCard.locator('[data-pending]').textContent()).toBe('5');
      expect(await upCard.locator('[data-segments]').textContent()).toBe(' · every segment');
      expect(await downCard.locator('[data-segments]').textContent()).toBe(` · segments ${hostile[1]} only`);
      expect(await downCard.locator('.hook-off').textContent()).toBe('Off');

      // Zed's two changes failed for good; the six others were delivered with the receiver's 204.
      const failures = upCard.locator('.hooks').first().locator('tbody tr');
      expect(await failures.count()).toBe(2);
      expect(await failures.locator('.answer').allTextContents()).toEqual(['HTTP 503', 'HTTP 503']);
      expect(await failures.locator('.when').last().textContent()).toBe('gave up');
      const deliveries = upCard.locator('.hooks').last().locator('tbody tr');
      expect(await deliveries.count()).toBe(6);
      expect(new Set(await deliveries.locator('.answer').allTextContents())).toEqual(new Set(['HTTP 204']));
      const about = await upCard.locator('.hook-about').allTextContents();
      for (const text of hostile) expect(about).toContain(text);
      expect(about).toContain('passive → active');
      // The paused endpoint's heads wait for it to be turned on again.
      expect(new Set(await downCard.locator('.when:last-child').allTextContents())).toEqual(new Set(['paused']));

      expect(await page.locator('img[src=x]').count()).toBe(0);
      expect(await page.locator('main script').count()).toBe(0);
      expect(tab.dialogs).toEqual([]);
      await tab.screenshot(`webhooks-${name}`);
      await page.close();
    }
  });

  it('says when an endpoint is on hold after rounds without a 2xx, and until when', async () => {
    // Two failed rounds, as the delivery worker records them, holding the endpoint for an hour.
    const until = Date.now() + 3_600_000;
    await collector.store.transaction(async (tx) => {
      for (const _ of [1, 2]) await tx.webhooks.round(1, up.id, false);
      tx.webhooks.hold(1, up.id, until);
    });
    const tab = await signedInTab(browser, collector.url, password, '/stats/webhooks');
    expect(await tab.page.locator(`#webhook-${up.id} [data-held]`).textContent()).toContain('No 2xx in 2 rounds of attempts in a row');
    expect(await tab.page.locator(`#webhook-${down.id} [data-held]`).count()).toBe(0);
    await tab.screenshot('webhooks-held-desktop');
    await tab.page.close();
  });
});
