// The Events page in Chromium: points edited in place change what a person's next event scores; hide, archive, unhide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { openTab, signIn, viewports, type AdminTab } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

const password = 'events page password';
const hostile = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>'];

let browser: Browser;
let collector: TestCollector;

const send = (name: string) =>
  collector.post({ site: 'test', events: [wireEvent({ type: 'track', name, visitor_id: 'ana', session_id: 's-ana' })] });
const siteId = async () => (await collector.store.sites.byKey('test'))!.id;
const score = async () => (await collector.store.profiles.ofVisitor(await siteId(), 'ana'))!.score;
const signup = async () => (await collector.store.definitions.find(await siteId(), 'signup'))!;
const row = (tab: AdminTab, name: string) => tab.page.locator('tr', { has: tab.page.locator('.event-name', { hasText: name }) });
/** The score Ana's page under Leads shows, as a number: the page writes it to one decimal, with thousands separators. */
async function shownScore(tab: AdminTab): Promise<number> {
  const response = await tab.page.goto(`${collector.url}/stats/leads/${(await collector.store.profiles.ofVisitor(await siteId(), 'ana'))!.id}`);
  expect(response!.status()).toBe(200);
  return Number((await tab.page.textContent('[data-score]'))!.replaceAll(',', ''));
}

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  await collector.post({ site: 'test', events: [wireEvent({ visitor_id: 'ana', session_id: 's-ana' })] });
  await send('signup');
  for (const name of hostile) await send(name);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('events page', () => {
  it("lists the site's events with their IDs, points and counts", async () => {
    const tab = await openTab(browser);
    await signIn(tab.page, collector.url, password, '/stats/events');
    expect(new URL(tab.page.url()).pathname).toBe('/stats/events');
    const signupRow = row(tab, 'signup');
    expect(await signupRow.locator('.id').textContent()).toBe(String((await signup()).id));
    expect(await signupRow.locator('input[name=points]').inputValue()).toBe('0');
    expect(await row(tab, 'page').locator('input[name=points]').inputValue()).toBe('1');
    for (const name of hostile) expect(await tab.page.locator('.event-name', { hasText: name }).count()).toBe(1);
    expect(tab.dialogs).toEqual([]);
    await tab.page.close();
  });

  it("changes a person's score through points edited in place, and refuses a bad value naming the field", async () => {
    const tab = await openTab(browser);
    await signIn(tab.page, collector.url, password, '/stats/events');
    const before = await score();
    const shownBefore = await shownScore(tab);
    await tab.page.goto(`${collector.url}/stats/events`);
    await row(tab, 'signup').locator('input[name=points]').fill('10');
    await Promise.all([tab.page.waitForURL(/done=/), row(tab, 'signup').getByRole('button', { name: 'Save' }).click()]);
    expect(await tab.page.textContent('[role=status]')).toContain('Saved “signup”');
    expect(await row(tab, 'signup').locator('input[name=points]').inputValue()).toBe('10');
    await send('signup');
    expect(await score() - before).toBeCloseTo(10, 5);
    // The person's page shows the rise too; each shown value is rounded to 0.1, so the difference may be off by 0.1.
    const shownRise = (await shownScore(tab)) - shownBefore;
    expect([9.9, 10, 10.1]).toContain(Math.round(shownRise * 10) / 10);
    await tab.page.goto(`${collector.url}/stats/events`);

    // The browser's own limit is lifted so the server's check is what answers.
    const points = row(tab, 'signup').locator('input[name=points]');
    await points.evaluate((input) => input.removeAttribute('max'));
    await points.fill('5000');
    const [response] = await Promise.all([tab.page.waitForResponse((r) => r.request().method() === 'POST'), row(tab, 'signup').getByRole('button', { name: 'Save' }).click()]);
    expect(response.status()).toBe(400);
    expect(await tab.page.textContent('[role=alert]')).toContain('points:');
    expect((await signup()).points).toBe(10);
    await tab.page.close();
  });

  it('hides an event into the archive, where it scores nothing, and unhides it', async () => {
    const tab = await openTab(browser);
    await signIn(tab.page, collector.url, password, '/stats/events');
    await Promise.all([tab.page.waitForURL(/done=/), tab.page.getByRole('button', { name: 'Hide signup' }).click()]);
    const archive = tab.page.locator('#archive');
    expect(await archive.locator('.event-name', { hasText: 'signup' }).count()).toBe(1);
    expect(await tab.page.locator('.definitions').first().locator('.event-name', { hasText: /^signup$/ }).count()).toBe(0);
    expect((await signup()).shown).toBe(false);
    const before = await score();
    await send('signup');
    expect(await score()).toBeCloseTo(before, 5);

    await Promise.all([tab.page.waitForURL(/done=/), tab.page.getByRole('button', { name: 'Unhide signup' }).click()]);
    expect(await tab.page.textContent('[role=status]')).toContain('shown again');
    expect(await archive.locator('.event-name', { hasText: 'signup' }).count()).toBe(0);
    expect((await signup()).shown).toBe(true);
    await tab.page.close();
  });

  it('looks right on a desktop and a phone', async () => {
    await collector.store.transaction(async (tx) => tx.definitions.save(await siteId(), hostile[0]!, { shown: false }, 0, Date.now()));
    for (const [name, viewport] of viewports) {
      const tab = await openTab(browser, viewport);
      await signIn(tab.page, collector.url, password, '/stats/events');
      await tab.screenshot(`events-${name}`);
      expect(tab.dialogs).toEqual([]);
      await tab.page.close();
    }
  });
});
