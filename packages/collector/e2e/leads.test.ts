// The Leads pages in Chromium: people ranked by their points, a person's page with timeline, traits and score chart, what they wrote as text, on a phone too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { iphoneSafari, wireEvent } from '../src/testing/events.js';

const password = 'correct horse battery';
const adminToken = 'leads-admin-token-0123456789';
const hostileText = '<img src=x onerror=alert(1)>';
const hostileName = 'Ann "><script>alert(1)</script>';
const day = 86_400_000;

let browser: Browser;
let collector: TestCollector;
const ids: Record<string, number> = {};

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password, adminToken });
  for (const [name, points] of [['purchase', 20], ['review', 3], ['add_to_cart', 5]] as const) {
    const answer = await fetch(`${collector.url}/api/v1/sites/test/definitions/${name}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ points }),
    });
    expect(answer.status).toBe(200);
  }
  const now = Date.now();
  const event = (visitor: string, extra: Record<string, unknown>) => wireEvent({ visitor_id: visitor, session_id: `s-${visitor}`, ts: now, ...extra });
  const track = (visitor: string, name: string, props?: Record<string, unknown>, ts = now) => event(visitor, { type: 'track', name, props, ts });
  // A month ago: a buyer who has not been back since (passive; 21 points halved four times).
  const old = now - 30 * day - 3600_000;
  await collector.post({ site: 'test', events: [event('old', { ts: old, url: 'http://localhost/shop' }), track('old', 'purchase', { value: 40 }, old)] });
  await collector.post({
    site: 'test',
    events: [
      event('ann', { url: 'http://localhost/?utm_source=newsletter' }),
      event('ann', { type: 'identify', user_id: 'ann-1', traits: { name: hostileName, email: 'ann@example.com', plan: hostileText } }),
      track('ann', 'purchase', { value: 99 }),
      track('ann', 'review', { product_id: 'p1', rating: 1, text: hostileText }),
    ],
  });
  await collector.post({ site: 'test', events: [event('ben', {}), track('ben', 'add_to_cart', { product_id: 'p2' })] });
  await collector.post({ site: 'test', events: [event('cy', {}), event('cy', { url: 'http://localhost/pricing' })] }, { 'user-agent': iphoneSafari });
  for (const visitor of ['ann', 'ben', 'cy', 'old']) ids[visitor] = (await collector.store.profiles.ofVisitor(1, visitor))!.id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

/** A tab signed in on the Leads list. */
const signedIn = (viewport?: { width: number; height: number }) => signedInTab(browser, collector.url, password, '/stats/leads', viewport);

const rows = (page: Page) =>
  page.$$eval('table.leads tbody tr', (trs) =>
    trs.map((tr) => [tr.querySelector('.person')!.textContent, tr.querySelector('.score')!.textContent!.trim(), tr.querySelector('.badge')!.textContent]),
  );

describe('the leads pages', () => {
  it('ranks people by the points they earned and shows what they wrote as text', async () => {
    const { page, dialogs, screenshot } = await signedIn();
    expect(await rows(page)).toEqual([
      [hostileName, '24', 'New'],
      [`Anonymous #${ids.ben}`, '6', 'New'],
      [`Anonymous #${ids.cy}`, '2', 'New'],
      [`Anonymous #${ids.old}`, '1.3', 'Passive'],
    ]);
    const ann = page.locator('table.leads tbody tr').first();
    expect(await ann.locator('blockquote').textContent()).toBe(hostileText);
    expect(await ann.locator('.stars').getAttribute('aria-label')).toBe('1 of 5 stars');
    expect(await ann.locator('.recent li').allTextContents()).toEqual(['review just now', 'purchase just now', 'identify just now']);
    expect(await page.locator('table.leads tbody tr', { hasText: `#${ids.cy}` }).locator('.who').textContent()).toContain('phone');
    // The hostile strings stayed text: no element was made from them.
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.textContent('.note')).toContain('halved after every 7 idle days');
    await screenshot('leads-desktop');

    // The group filter is a GET form: choosing submits it (a button does without JS).
    await Promise.all([page.waitForURL(/group=passive/), page.selectOption('select[name=group]', 'passive')]);
    expect(await rows(page)).toEqual([[`Anonymous #${ids.old}`, '1.3', 'Passive']]);
    await page.goto(`${collector.url}/stats/leads?group=new`);
    expect((await rows(page)).map((r) => r[0])).toEqual([hostileName, `Anonymous #${ids.ben}`, `Anonymous #${ids.cy}`]);
    expect((await page.goto(`${collector.url}/stats/leads?group=vip`))!.status()).toBe(400);
    expect(await page.textContent('body')).toContain('group:');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("opens a person's page: score, timeline, traits and the score chart", async () => {
    const { page, dialogs, screenshot } = await signedIn();
    await Promise.all([page.waitForURL(`**/stats/leads/${ids.ann}?*`), page.click(`a.person:text-is(${JSON.stringify(hostileName)})`)]);
    expect(await page.textContent('h1')).toBe(hostileName);
    expect(await page.textContent('[data-score]')).toBe('24');
    const timeline = page.locator('section', { has: page.locator('h2', { hasText: 'Timeline' }) });
    expect(await timeline.locator('.session-head').count()).toBe(1);
    expect(await timeline.locator('.session-head .sub').textContent()).toContain('from newsletter');
    const events = await timeline.locator('.events > li').evaluateAll((lis) =>
      lis.map((li) => [li.querySelector('.event-name')!.textContent, li.querySelector('.points')?.textContent ?? '']),
    );
    expect(events).toEqual([
      ['page', '+1'],
      ['identify', ''],
      ['purchase', '+20'],
      ['review', '+3'],
    ]);
    expect(await timeline.locator('blockquote').textContent()).toBe(hostileText);
    const traits = await page.$$eval('table.traits tr', (trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]));
    expect(traits).toEqual([
      ['name', hostileName],
      ['email', 'ann@example.com'],
      ['plan', hostileText],
    ]);
    await page.waitForSelector('.chart canvas');
    expect(await page.locator('main img, main script').count()).toBe(0);
    await screenshot('leads-profile-desktop');

    const passive = await page.goto(`${collector.url}/stats/leads/${ids.old}`);
    expect(passive!.status()).toBe(200);
    expect(await page.textContent('.person-head .badge')).toBe('Passive');
    expect((await page.goto(`${collector.url}/stats/leads/987654`))!.status()).toBe(404);
    expect(await page.textContent('main')).toContain('There is no person #987654');
    expect((await page.goto(`${collector.url}/stats/leads/%3Cb%3E`))!.status()).toBe(404);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('fits a phone: the list and the profile page', async () => {
    const { page, dialogs, screenshot } = await signedIn(viewports[1][1]);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await screenshot('leads-phone');
    await page.goto(`${collector.url}/stats/leads/${ids.ann}`);
    await page.waitForSelector('.chart canvas');
    expect(await overflow()).toBe(0);
    await screenshot('leads-profile-phone');
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
