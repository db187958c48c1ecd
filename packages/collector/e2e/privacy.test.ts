// Personal data in Chromium: a person's data downloaded as JSON, the person deleted after a confirmation step (then gone), and the retention card.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

const password = 'privacy page password';
const hostile = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>'];

let browser: Browser;
let collector: TestCollector;
const siteId = async () => (await collector.store.sites.byKey('test'))!.id;
const profileOf = async (visitor: string) => collector.store.profiles.ofVisitor(await siteId(), visitor);

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  for (const visitor of ['ann', 'ben']) {
    const event = (extra: Record<string, unknown>) => wireEvent({ visitor_id: visitor, session_id: `s-${visitor}`, ...extra });
    await collector.post({
      site: 'test',
      events: [
        event({}),
        event({ type: 'identify', user_id: `${visitor}-1`, traits: { name: `${visitor} ${hostile[1]}`, note: hostile[0] } }),
        event({ type: 'track', name: hostile[0], props: { text: hostile[1] } }),
        event({ type: 'track', name: 'add_to_cart', props: { product_id: 'p1' } }),
      ],
    });
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('a person’s data on the stats page', () => {
  for (const [[size, viewport], visitor] of viewports.map((v, i) => [v, ['ann', 'ben'][i]!] as const)) {
    it(`downloads it as JSON, then deletes the person after a confirmation (${size})`, async () => {
      const id = (await profileOf(visitor))!.id;
      const tab = await signedInTab(browser, collector.url, password, '/stats/leads', viewport);
      await tab.page.goto(`${collector.url}/stats/leads/${id}`);
      expect(await tab.page.textContent('.traits')).toContain(hostile[1]);

      const [download] = await Promise.all([tab.page.waitForEvent('download'), tab.page.click('text=Download data (JSON)')]);
      expect(download.suggestedFilename()).toBe(`pulse-test-person-${id}.json`);
      const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      expect(data.identities).toEqual({ userId: `${visitor}-1`, visitorIds: [visitor] });
      expect(data.events.map((e: { name: string }) => e.name)).toEqual(['page', 'identify', hostile[0], 'add_to_cart']);
      await tab.screenshot(`privacy-${size}`);

      await tab.page.click('text=Delete person…');
      expect(new URL(tab.page.url()).pathname).toBe(`/stats/leads/${id}/delete`);
      expect(await tab.page.textContent('h2')).toBe(`Delete ${visitor} ${hostile[1]}?`);
      // Nothing is deleted before the confirmation.
      expect((await profileOf(visitor))?.id).toBe(id);
      await tab.screenshot(`privacy-confirm-${size}`);
      await tab.page.click('button:has-text("Delete person")');
      await tab.page.waitForURL(/\/deleted/);
      expect(await tab.page.textContent('.notice')).toMatch(new RegExp(`^\\s*Person #${id} is deleted: 4 events, 1 session and 1 browser removed\\s*\\.\\s*$`));
      await tab.screenshot(`privacy-deleted-${size}`);

      const gone = await tab.page.goto(`${collector.url}/stats/leads/${id}`);
      expect(gone!.status()).toBe(404);
      expect(await profileOf(visitor)).toBeUndefined();
      expect(tab.dialogs).toEqual([]);
      await tab.page.close();
    });
  }

  it('sets the retention on the Events page', async () => {
    const tab = await signedInTab(browser, collector.url, password, '/stats/events');
    await tab.page.fill('#retention-days', '30');
    await tab.page.click('.retention-form button');
    await tab.page.waitForSelector('[data-retention-days]:text-is("30")');
    expect(await collector.store.settings.retentionDays()).toBe(30);
    await tab.page.fill('#retention-days', '0');
    const refused = await Promise.all([tab.page.waitForResponse((r) => r.request().method() === 'POST'), tab.page.locator('.retention-form').evaluate((f: HTMLFormElement) => f.submit())]);
    expect(refused[0].status()).toBe(400);
    // The refusal's page finishes loading before the next navigation, which it would otherwise interrupt.
    await tab.page.waitForURL(/\/stats\/events\/retention/);
    expect(await collector.store.settings.retentionDays()).toBe(30);
    await tab.page.goto(`${collector.url}/stats/events`);
    await tab.screenshot('privacy-retention-desktop');
    expect(tab.dialogs).toEqual([]);
    await tab.page.close();
  });
});
