// The Clusters page in Chromium: a refit from its button, clusters described in words (hostile category names as text), numbers as sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

const password = 'clusters page password';
const hostile = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>'];

let browser: Browser;
let collector: TestCollector;

const track = (visitor: string, name: string, props: Record<string, unknown>) =>
  wireEvent({ type: 'track', name, visitor_id: visitor, session_id: `s-${visitor}`, props });

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  // Three kinds of twelve people: buyers of the first hostile category, browsers of the second, one-look readers of books.
  for (let i = 0; i < 12; i++) {
    const buyer = `buyer-${i}`;
    const browsing = `browser-${i}`;
    const reader = `reader-${i}`;
    const events = [
      ...Array.from({ length: 6 }, () => track(buyer, 'product_view', { category: hostile[0] })),
      track(buyer, 'purchase', { value: 500, items: [{ category: hostile[0] }] }),
      ...Array.from({ length: 4 }, () => track(browsing, 'product_view', { category: hostile[1] })),
      track(reader, 'product_view', { category: 'books' }),
    ];
    expect((await collector.post({ site: 'test', events })).json.accepted).toBe(events.length);
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('clusters page', () => {
  it('refits from its button and shows each cluster in words, with hostile names as text', async () => {
    const tab = await signedInTab(browser, collector.url, password, '/stats/clusters');
    expect(await tab.page.textContent('.empty')).toMatch(/No clusters yet/);
    await tab.page.selectOption('select[name=k]', '3');
    await tab.page.click('button:has-text("Refit now")');
    expect(await tab.page.textContent('.notice')).toMatch(/Refit started/);
    // The refit runs in the background: the model is saved first, then everyone is placed in passes.
    // Reload until the table is there and holds everyone.
    const placed = async () => (await tab.page.locator('table.clusters tbody tr td:nth-child(4)').allTextContents()).reduce((sum, text) => sum + Number(text.replace('People', '')), 0);
    for (let i = 0; i < 50 && (await placed()) < 36; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tab.page.reload();
    }
    const rows = tab.page.locator('table.clusters tbody tr');
    expect(await rows.count()).toBe(3);
    const people = await tab.page.locator('table.clusters tbody tr td:nth-child(4)').allTextContents();
    expect(people.map((text) => Number(text.replace('People', '')))).toEqual([12, 12, 12]);
    for (const name of hostile) expect(await tab.page.locator('.chip', { hasText: name }).count()).toBe(1);
    const buyers = tab.page.locator('tr', { has: tab.page.locator('.chip', { hasText: hostile[0] }) });
    expect(await buyers.locator('.badge').textContent()).toBe('High');
    expect(await buyers.locator('td:nth-child(6)').textContent()).toBe('Conversion100.0%');
    expect(await tab.page.locator('select[name=k]').inputValue()).toBe('3');
    expect(tab.dialogs).toEqual([]);
    await tab.page.close();
  });

  it('refuses a bad k naming the field', async () => {
    const tab = await signedInTab(browser, collector.url, password, '/stats/clusters');
    const csrf = await tab.page.locator('input[name=_csrf]').first().inputValue();
    const status = await tab.page.evaluate(async (token) => {
      const response = await fetch('/stats/clusters/fit', { method: 'POST', body: new URLSearchParams({ _csrf: token, k: '99' }) });
      return { status: response.status, text: await response.text() };
    }, csrf);
    expect(status.status).toBe(400);
    expect(status.text).toMatch(/k: must be at most 12/);
    await tab.page.close();
  });

  it('looks right on desktop and phone', async () => {
    for (const [name, viewport] of viewports) {
      const tab = await signedInTab(browser, collector.url, password, '/stats/clusters', viewport);
      expect(await tab.page.locator('table.clusters tbody tr').count()).toBe(3);
      const overflow = await tab.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
      await tab.screenshot(`clusters-${name}`);
      expect(tab.dialogs).toEqual([]);
      await tab.page.close();
    }
  });
});
