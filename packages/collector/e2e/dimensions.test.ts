// A person's "Who they are" card in Chromium: age band, gender, education, work and study, community types with the dominant one, the circle's types; hostile names as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

const password = 'dimensions page password';
const hostile = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>'];

let browser: Browser;
let collector: TestCollector;
let ann: number;

const identify = (visitor: string, traits: Record<string, unknown>) =>
  collector.post({ site: 'test', events: [wireEvent({ type: 'identify', visitor_id: visitor, session_id: `s-${visitor}`, user_id: visitor, traits })] });

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  await identify('bob', { communities: [{ id: 1, name: 'Runners', type: 'interest_group' }, { id: 2, name: 'Film buffs', type: 'thematic' }] });
  await identify('cat', { communities: [{ id: 3, name: 'Jazz nights', type: 'interest_group' }, { id: 4, type: 'event' }] });
  const answer = await identify('ann', {
    name: 'Ann',
    // Thirty on this year's first day: 25–34 all year.
    birth_date: `${new Date().getUTCFullYear() - 30}-01-01`,
    gender: 'female',
    education: 'master',
    work: hostile[0],
    study: 'Oslo University',
    communities: [
      { id: 10, name: hostile[0], type: 'business' },
      { id: 11, name: hostile[1], type: 'business' },
      { id: 12, name: 'Acme Tools', type: 'business' },
      { id: 13, name: 'Nordic Brands Club', type: 'brand' },
      { id: 14, type: 'public_page' },
    ],
    contacts: ['bob', 'cat', 'nobody-yet'],
  });
  expect(answer.json).toMatchObject({ accepted: 1, rejected: [] });
  expect(answer.json.ignored).toBeUndefined();
  ann = (await collector.store.profiles.ofVisitor(1, 'ann'))!.id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

const typeRows = (page: Page, part: string) =>
  page.$$eval(`.who-${part} table.types tbody tr`, (trs) =>
    trs.map((tr) => [
      tr.querySelector('.bar-label')!.textContent,
      tr.querySelectorAll('td.num')[0]!.textContent,
      tr.querySelectorAll('td.num')[1]!.textContent,
      tr.classList.contains('dominant'),
    ]),
  );

describe('the Who they are card', () => {
  for (const [size, viewport] of viewports) {
    it(`shows the person's dimensions and their circle (${size})`, async () => {
      const { page, dialogs, screenshot } = await signedInTab(browser, collector.url, password, `/stats/leads/${ann}`, viewport);
      const card = page.locator('section.who-card');
      expect(await card.locator('h2').textContent()).toBe('Who they are');
      const facts = Object.fromEntries(await card.locator('dd').evaluateAll((dds) => dds.map((dd) => [dd.getAttribute('data-who'), dd.textContent])));
      expect(facts).toEqual({ age: '25–34', gender: 'Female', education: "Master's degree", work: hostile[0], study: 'Oslo University' });

      expect(await typeRows(page, 'communities')).toEqual([
        ['Business', '3', '60%', true],
        ['Brand or organization', '1', '20%', false],
        ['Public page', '1', '20%', false],
      ]);
      const names = await card.locator('.who-communities tr[data-type=business] .community-names .chip').allTextContents();
      expect(names).toEqual([hostile[0], hostile[1], 'Acme Tools']);
      expect(await card.locator('.who-communities tr[data-type=public_page] .community-names').textContent()).toBe('#14');

      // Bob's and Cat's communities summed: two interest groups lead.
      expect(await typeRows(page, 'circle')).toEqual([
        ['Interest group', '2', '50%', true],
        ['Thematic community', '1', '25%', false],
        ['Event', '1', '25%', false],
      ]);
      expect(await card.locator('.who-circle .note').textContent()).toContain('their 3 contacts');

      // The hostile strings stayed text: no element was made from them, no script ran.
      expect(await page.locator('main img, main script').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await page.waitForSelector('.chart canvas, .card .empty');
      await screenshot(`dimensions-${size}`);
      expect(dialogs).toEqual([]);
      await page.close();
    });
  }

  it('says so when a person has no dimensions', async () => {
    const { page, dialogs } = await signedInTab(browser, collector.url, password, `/stats/leads/${(await collector.store.profiles.ofVisitor(1, 'cat'))!.id}`);
    const card = page.locator('section.who-card');
    expect(await card.locator('dd[data-who=age]').textContent()).toBe('—');
    expect(await card.locator('.who-circle .empty').textContent()).toBe('No contacts in their traits.');
    expect(await typeRows(page, 'communities')).toEqual([
      ['Interest group', '1', '50%', true],
      ['Event', '1', '50%', false],
    ]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
