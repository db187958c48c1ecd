// The Overview page in Chromium: the landing page's numbers and lists of what was sent, hostile strings as text, its range links and a bad range refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { openTab, signIn, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { iphoneSafari, wireEvent } from '../src/testing/events.js';

const password = 'correct horse battery';
const img = '<img src=x onerror=alert(1)>';
const script = '"><script>alert(1)</script>';
const minute = 60_000;

let browser: Browser;
let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  const now = Date.now();
  const page = (visitor: string, session: string, ts: number, url: string, referrer = '') =>
    wireEvent({ visitor_id: visitor, session_id: session, ts, url, referrer });
  const post = async (events: unknown[], headers?: Record<string, string>) =>
    expect((await collector.post({ site: 'test', events }, headers)).json).toMatchObject({ accepted: events.length, rejected: [] });
  // As a browser sends them: location.href and document.referrer, percent-encoded.
  const href = (url: string) => new URL(url).href;
  // Ana, twice: a campaign visit of two pages and a signup (3 min), then a bounce on a hostile path from a hostile referrer.
  await post([
    page('ana', 'a1', now - 10 * minute, `http://localhost/?utm_source=newsletter&utm_campaign=${encodeURIComponent(img)}`),
    page('ana', 'a1', now - 8 * minute, 'http://localhost/pricing'),
    wireEvent({ type: 'track', name: 'signup', visitor_id: 'ana', session_id: 'a1', ts: now - 7 * minute }),
  ]);
  await post([page('ana', 'a2', now - 6 * minute, href(`http://localhost/${img}`), href(`https://news.example/${script}`))]);
  // Ben on a phone: a bounce from a hostile campaign.
  await post([page('ben', 'b1', now - 5 * minute, `http://localhost/?utm_source=${encodeURIComponent(script)}&utm_campaign=${encodeURIComponent(script)}`)], {
    'user-agent': iphoneSafari,
  });
  // Cy from a search engine: three pages in 2 minutes, the last one sent in a later batch.
  await post([page('cy', 'c1', now - 5 * minute, 'http://localhost/', 'https://search.example/?q=pulse'), page('cy', 'c1', now - 4 * minute, 'http://localhost/pricing')]);
  await post([page('cy', 'c1', now - 3 * minute, 'http://localhost/docs')]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

const listRows = (page: Page, title: string) => page.locator('section.card', { has: page.locator('h2', { hasText: title }) }).locator('tbody tr').allTextContents();

describe('overview page', () => {
  it('is the landing page and shows the numbers of what was sent, hostile strings as text, with no script run', async () => {
    for (const [name, viewport] of viewports) {
      const { page, dialogs, screenshot } = await openTab(browser, viewport);
      await signIn(page, collector.url, password);
      expect(new URL(page.url()).pathname).toBe('/stats/overview');
      const metric = (label: string) =>
        page.locator('.metric', { has: page.getByText(label, { exact: true }) }).locator('.metric-value').textContent();
      expect(await metric('Visitors')).toBe('3');
      expect(await metric('Sessions')).toBe('4');
      expect(await metric('Pageviews')).toBe('7');
      expect(await metric('Events')).toBe('8');
      expect(await metric('Bounce rate')).toBe('50%');
      // (3 min + 0 + 0 + 2 min) / 4 sessions.
      expect(await metric('Session length')).toBe('1m 15s');

      expect(await listRows(page, 'Top pages')).toEqual(['/3', '/pricing2', `/${img}1`, '/docs1']);
      expect(await listRows(page, 'Sources')).toEqual([`${script}1`, 'news.example1', 'newsletter1', 'search.example1']);
      expect(await listRows(page, 'Referrers')).toEqual(['news.example1', 'search.example1']);
      expect(await listRows(page, 'UTM campaigns')).toEqual([`${script}1`, `${img}1`]);
      expect(await listRows(page, 'Devices')).toEqual(['Desktop3', 'Phone1']);
      expect(await listRows(page, 'Browsers')).toEqual(['Chrome3', 'Mobile Safari1']);
      // The hostile strings are text, not markup: no element was made from them.
      expect(await page.locator('.bar-label', { hasText: img }).count()).toBe(2);
      expect(await page.locator('.bar-label', { hasText: script }).count()).toBe(2);
      expect(await page.locator('main img, main script').count()).toBe(0);

      await page.waitForSelector('.chart canvas');
      await screenshot(`overview-${name}`);
      expect(dialogs).toEqual([]);
      await page.close();
    }
  });

  it('charts one day by hour and refuses a bad custom range with a 400 naming the field', async () => {
    const { page } = await openTab(browser);
    await signIn(page, collector.url, password);
    await page.click('.ranges a:has-text("Today")');
    expect(new URL(page.url()).searchParams.get('range')).toBe('today');
    expect(await page.textContent('.card h2')).toBe('Sessions and pageviews per hour');
    await page.waitForSelector('.chart canvas');
    const bad = await page.goto(`${collector.url}/stats/overview?range=custom&from=2026-02-10&to=2026-01-01`);
    expect(bad!.status()).toBe(400);
    expect(await page.textContent('body')).toContain('must not be before from');
    await page.close();
  });
});
