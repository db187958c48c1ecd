// The Segments pages in Chromium: a segment made with the form, its members, rules as JSON and a safe CSV export, a smart preset, on a desktop and a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

const password = 'correct horse battery';
const hostile = '<img src=x onerror=alert(1)>';
const hostileScript = '"><script>alert(1)</script>';
const formula = '=HYPERLINK("x")';

let browser: Browser;
let collector: TestCollector;

const views = (visitor: string, n: number, extra: Record<string, unknown>[] = []) =>
  collector.post({
    site: 'test',
    events: [
      ...Array.from({ length: n }, () =>
        wireEvent({ type: 'track', name: 'product_view', visitor_id: visitor, session_id: `s-${visitor}`, props: { category: 'Shoes', brand: hostileScript } }),
      ),
      ...extra,
    ],
  });

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  await views('ana', 3);
  await views('ben', 1);
  await views('cy', 2, [
    wireEvent({ type: 'identify', visitor_id: 'cy', session_id: 's-cy', user_id: hostileScript, traits: { email: formula, name: hostile } }),
    wireEvent({ type: 'track', name: hostile, visitor_id: 'cy', session_id: 's-cy' }),
  ]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

/** A tab signed in on the Segments list. */
const open = (viewport?: { width: number; height: number }) => signedInTab(browser, collector.url, password, '/stats/segments', viewport);
const members = (page: Page) => page.locator('table.members td.person a').allTextContents();

describe('segments page', () => {
  it('creates a segment with the form, lists its members, shows its JSON and exports a safe CSV', async () => {
    const { page, dialogs, screenshot } = await open();
    await page.click('text=New segment');
    await page.fill('input[name=name]', 'Keen viewers');
    // The first row starts as "did an event"; a second one comes from the script's button and is removed again.
    await page.click('[data-add-condition]');
    expect(await page.locator('[data-cond]').count()).toBe(2);
    await page.locator('[data-cond]').nth(1).locator('[data-remove-condition]').click();
    await page.fill('input[name="cond.0.event"]', 'product_view');
    await page.selectOption('select[name="cond.0.cmp"]', 'gte');
    await page.fill('input[name="cond.0.n"]', '2');
    await page.fill('input[name="cond.0.days"]', '7');
    // Fields of other kinds of condition are hidden.
    expect(await page.locator('input[name="cond.0.trait"]').isVisible()).toBe(false);
    await Promise.all([page.waitForURL(/notice=saved/), page.click('button[value=rows]')]);
    expect(await page.textContent('h1')).toBe('Keen viewers');
    expect(await page.textContent('[role=status]')).toContain('Segment saved');
    expect(JSON.parse((await page.textContent('[data-rules-json]'))!)).toEqual({ all: [{ event: 'product_view', withinDays: 7, count: { gte: 2 } }] });
    expect((await members(page)).sort()).toEqual([hostileScript, 'ana'].sort());
    expect(await page.locator('.metric', { hasText: 'People now' }).locator('.metric-value').textContent()).toBe('2');
    await page.waitForSelector('.chart canvas');
    await screenshot('segments-members-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('profile_id,user_id,score,group,since,country,city,device,email,name');
    expect(lines).toHaveLength(4);
    const cy = lines.find((line) => line.includes('HYPERLINK'))!;
    expect(cy).toContain(`"""><script>alert(1)</script>"`);
    expect(cy).toContain(`"'=HYPERLINK(""x"")",${hostile}`);
    expect(lines.some((line) => line.split(',')[1] === 'ana')).toBe(false);

    // The edit form shows the rule back in its rows and as JSON.
    await page.click('text=Edit rules');
    expect(await page.inputValue('input[name="cond.0.event"]')).toBe('product_view');
    expect(JSON.parse((await page.textContent('[data-rules-json]'))!)).toEqual({ all: [{ event: 'product_view', withinDays: 7, count: { gte: 2 } }] });
    await page.fill('input[name="cond.0.days"]', '0');
    await page.click('button[value=rows]');
    expect(await page.textContent('[role=alert]')).toContain('Condition 1, days');
    expect(await page.getAttribute('input[name="cond.0.days"]', 'aria-invalid')).toBe('true');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('turns a smart preset on and shows the list with trends', async () => {
    const { page, dialogs } = await open();
    const card = page.locator('#preset-high_interest');
    await card.locator('input[name="p.category"]').fill('Shoes');
    await card.locator('input[name="p.minViews"]').fill('2');
    await Promise.all([page.waitForURL(/notice=preset/), card.locator('button', { hasText: 'Turn on' }).click()]);
    expect(await page.locator('#preset-high_interest .state').textContent()).toBe('On');
    const row = page.locator('table.segments tr', { hasText: 'High Interest: Shoes' });
    expect(await row.locator('td.num').first().textContent()).toBe('2');
    expect(await page.locator('table.segments tbody tr').count()).toBe(2);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('makes a segment of who people are with the form: gender, dominant community and its share', async () => {
    const person = (user: string, gender: string, types: string[]) =>
      wireEvent({
        type: 'identify', visitor_id: `v-${user}`, session_id: `s-${user}`, user_id: user,
        traits: { gender, communities: types.map((type, i) => ({ id: `c${i}`, name: hostile, type })) },
      });
    await collector.post({
      site: 'test',
      events: [
        person('fay', 'female', ['business', 'business']),
        // Known traits are checked and stored lower-cased.
        person('flo', 'Female', ['business', 'business', 'brand']),
        person('gus', 'male', ['business']),
        person('hal', 'female', ['brand', 'brand', 'business']),
        // A tie goes to the type listed first (business), but business is only half of them.
        person('jo', 'female', ['brand', 'business']),
        person('kim', 'female', []),
      ],
    });
    const { page, dialogs } = await open();
    await page.click('text=New segment');
    await page.fill('input[name=name]', 'Business women');
    await page.selectOption('select[name="cond.0.kind"]', 'gender');
    // Only the chosen kind's fields show: the event row's fields went away, the genders came.
    expect(await page.locator('input[name="cond.0.event"]').isVisible()).toBe(false);
    await page.check('input[name="cond.0.genders"][value=female]');
    await page.click('[data-add-condition]');
    await page.selectOption('select[name="cond.1.kind"]', 'dominantCommunity');
    expect(await page.locator('input[name="cond.1.genders"]').first().isVisible()).toBe(false);
    await page.check('input[name="cond.1.communities"][value=business]');
    await page.click('[data-add-condition]');
    await page.selectOption('select[name="cond.2.kind"]', 'communityShare');
    await page.selectOption('select[name="cond.2.shareType"]', 'business');
    await page.selectOption('select[name="cond.2.cmp"]', 'gte');
    await page.fill('input[name="cond.2.share"]', '60');
    await Promise.all([page.waitForURL(/notice=saved/), page.click('button[value=rows]')]);
    const written = {
      all: [{ gender: ['female'] }, { dominantCommunity: ['business'] }, { communityShare: { type: 'business', range: { gte: 0.6 } } }],
    };
    expect(JSON.parse((await page.textContent('[data-rules-json]'))!)).toEqual(written);
    expect((await members(page)).sort()).toEqual(['fay', 'flo']);

    // The edit form fills the rows back in; a share over 100% is refused naming its row and field.
    await page.click('text=Edit rules');
    expect(await page.isChecked('input[name="cond.0.genders"][value=female]')).toBe(true);
    expect(await page.isChecked('input[name="cond.1.communities"][value=business]')).toBe(true);
    expect(await page.inputValue('input[name="cond.2.share"]')).toBe('60');
    await page.fill('input[name="cond.2.share"]', '150');
    await page.click('button[value=rows]');
    expect(await page.textContent('[role=alert]')).toContain('Condition 3, share (%) — must be a percentage from 0 to 100');
    expect(await page.getAttribute('input[name="cond.2.share"]', 'aria-invalid')).toBe('true');
    expect(dialogs).toEqual([]);
    await page.close();

    for (const [name, viewport] of viewports) {
      const tab = await open(viewport);
      await tab.page.click('table.segments a.segment-name >> text=Business women');
      await tab.page.click('text=Edit rules');
      // Rows of the other new kinds, shown filled in: an age band, education, the circle's type, and a cluster (none fitted yet).
      const add = async (i: number, kind: string) => {
        await tab.page.click('[data-add-condition]');
        await tab.page.selectOption(`select[name="cond.${i}.kind"]`, kind);
      };
      await add(3, 'ageBand');
      await tab.page.check('input[name="cond.3.ageBands"][value="25_34"]');
      await add(4, 'circleCommunity');
      await tab.page.check('input[name="cond.4.not"]');
      await tab.page.check('input[name="cond.4.communities"][value=interest_group]');
      await add(5, 'cluster');
      expect(await tab.page.locator('[data-cond]').nth(5).locator('.f.clusters .note').textContent()).toContain('No clusters yet');
      await tab.screenshot(`segments-who-form-${name}`);
      expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
      expect(tab.dialogs).toEqual([]);
      await tab.page.close();
    }
  });

  it('looks right on a desktop and a phone, with no injected script run', async () => {
    for (const [name, viewport] of viewports) {
      const { page, dialogs, screenshot } = await open(viewport);
      await page.waitForSelector('.chart canvas');
      // Nothing sticks out sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
      await screenshot(`segments-${name}`);
      await page.click('text=New segment');
      await page.selectOption('select[name="cond.0.kind"]', 'trait');
      await page.fill('input[name="cond.0.trait"]', 'name');
      await page.fill('input[name="cond.0.value"]', hostile);
      await page.click('button[value=preview]');
      await page.waitForSelector('[data-rules-json]:has-text("trait")');
      expect(await page.textContent('[data-rules-json]')).toContain(hostile);
      await screenshot(`segments-form-${name}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
      await page.goto(`${collector.url}/stats/segments`);
      await page.click('table.segments a.segment-name >> text=Keen viewers');
      await page.waitForSelector('.chart canvas');
      if (name === 'phone') await screenshot('segments-members-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
      expect(await page.locator('td.person a', { hasText: hostileScript }).count()).toBe(1);
      expect(dialogs).toEqual([]);
      await page.close();
    }
  });
});
