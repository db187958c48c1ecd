// The Calls page in Chromium: a pool set up from its form, calls reported with their sources (hostile ones as text), pool health, and the page on desktop and phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, personUserAgent } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';

const password = 'calls page password';
const hostile = '<img src=x onerror=alert(1)>';

let browser: Browser;
let collector: TestCollector;

const askNumber = async (session: string, source: string) => {
  const response = await fetch(`${collector.url}/v1/numbers`, {
    method: 'POST',
    headers: { 'user-agent': personUserAgent },
    body: JSON.stringify({ site: 'test', visitor_id: `v-${session}`, session_id: session, context: { url: `http://localhost/sofas?utm_source=${encodeURIComponent(source)}&utm_campaign=winter` } }),
  });
  return (await response.json()).numbers[0].number as string;
};
const report = (call: Record<string, unknown>) =>
  fetch(`${collector.url}/api/v1/sites/test/calls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ caller_number: '+79165550102', started_at: Date.now(), duration_s: 125, answered: true, ...call }),
  });

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('calls page', () => {
  it('sets a pool up from its form, refusing a bad number by name', async () => {
    const tab = await signedInTab(browser, collector.url, password, '/stats/calls');
    expect(await tab.page.textContent('h2:has-text("Set up call tracking")')).toBeTruthy();
    const form = tab.page.locator('#pool-new form');
    await form.locator('input[name=name]').fill('Sales');
    await form.locator('input[name=default_number]').fill('+7 495 123-45-67');
    await form.locator('input[name=published_number]').fill('+7 495 123-45-67');
    await form.locator('textarea[name=numbers]').fill('+7 495 700-00-01\n+7 495 700-00-02\ncall us');
    await form.locator('button[type=submit]').click();
    expect(await tab.page.textContent('.error')).toMatch(/numbers\[2\]/);
    // What was typed stays, to be corrected.
    expect(await tab.page.locator('#pool-new textarea[name=numbers]').inputValue()).toContain('call us');
    await tab.page.locator('#pool-new textarea[name=numbers]').fill('+7 495 700-00-01\n+7 495 700-00-02');
    await tab.page.locator('#pool-new button[type=submit]').click();
    expect(await tab.page.textContent('.notice')).toBe('Pool added.');
    expect(await tab.page.textContent('[data-pool] [data-size]')).toBe('2');

    const statics = tab.page.locator('#static-numbers form.call-static');
    await statics.locator('input[name=number]').fill('+7 495 800-00-00');
    await statics.locator('input[name=source]').fill('print');
    await statics.locator('button[type=submit]').click();
    expect(await tab.page.textContent('#static-numbers table')).toContain('+74958000000');

    const widget = tab.page.locator('#callback-widget form');
    await widget.locator('input[name=enabled]').check();
    await widget.locator('input[name=min_product_views]').fill('3');
    await widget.locator('input[name=title]').fill('Questions? We call you');
    await widget.locator('button[type=submit]').click();
    expect(await tab.page.textContent('.notice')).toBe('Callback widget saved.');
    const saved = await fetch(`${collector.url}/api/v1/sites/test/callback-widget`, { headers: { authorization: `Bearer ${collector.adminToken}` } });
    expect(await saved.json()).toMatchObject({ enabled: true, min_product_views: 3, title: 'Questions? We call you', on_phones: false });
    expect(tab.dialogs).toEqual([]);
    await tab.page.close();
  });

  it('reports calls by source and person, hostile sources as text, callers masked', async () => {
    const first = await askNumber('s-1', 'yandex');
    const second = await askNumber('s-2', hostile);
    await askNumber('s-3', 'google');
    expect((await report({ call_id: 'c-1', called_number: first })).status).toBe(201);
    expect((await report({ call_id: 'c-2', called_number: second, caller_number: '+79035550177', answered: false, duration_s: 0 })).status).toBe(201);
    expect((await report({ call_id: 'c-3', called_number: '+74958000000', caller_number: '+79995550100' })).status).toBe(201);

    const tab = await signedInTab(browser, collector.url, password, '/stats/calls');
    const metric = (label: string) => tab.page.locator('.metric', { hasText: label }).locator('.metric-value').first().textContent();
    expect(await metric('Calls')).toBe('3');
    expect(await metric('Missed')).toBe('1');
    // Three visits asked and the pool has two numbers: one was shown the default, and the page says so.
    expect(await tab.page.textContent('[data-pool] [data-ran-out]')).toMatch(/^33\.3% of the sessions that asked this week found no number free/);
    const rows = tab.page.locator('table.calls tbody tr');
    expect(await rows.count()).toBe(3);
    const text = await tab.page.textContent('table.calls');
    expect(text).toContain('••• 02');
    expect(text).toContain('••• 77');
    expect(text).not.toContain('5550102');
    expect(await tab.page.locator('table.bars', { hasText: hostile }).count()).toBeGreaterThan(0);
    expect(await tab.page.locator('img[src=x]').count()).toBe(0);
    // The visit's call links to its person, whose timeline shows the call.
    await rows.filter({ hasText: 'yandex' }).locator('a', { hasText: 'person' }).click();
    await tab.page.waitForLoadState('load');
    expect(new URL(tab.page.url()).pathname).toMatch(/^\/stats\/leads\/\d+$/);
    expect(await tab.page.locator('.event-name', { hasText: /^call$/ }).count()).toBe(1);
    expect(tab.dialogs).toEqual([]);
    await tab.page.close();
  });

  it('looks right on desktop and phone', async () => {
    for (const [name, viewport] of viewports) {
      const tab = await signedInTab(browser, collector.url, password, '/stats/calls', viewport);
      expect(await tab.page.locator('table.calls tbody tr').count()).toBe(3);
      const overflow = await tab.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
      await tab.screenshot(`calls-${name}`);
      expect(tab.dialogs).toEqual([]);
      await tab.page.close();
    }
  });
});
