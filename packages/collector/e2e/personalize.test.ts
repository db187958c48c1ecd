// Personalization on the stats page in Chromium: a segment shown to browsers, a placement with two variants targeting it, seed 001's import, an event rule and its firings, the picker's link, hostile input refused or shown as text, and the pages on desktop and phone.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';
import { checkWizardToken, wizardSecretKey } from '../src/personalization/wizard-token.js';
import { wizardParam } from '@pulse/wire/personalization';

const password = 'personalize page password';
const hostile = '<img src=x onerror=alert(1)>';
const seed001 = readFileSync(new URL('../src/personalization/seed-001-slots.json', import.meta.url), 'utf8');

let browser: Browser;
let collector: TestCollector;
const siteId = async () => (await collector.store.sites.byKey('test'))!.id;

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('personalize', () => {
  it('shows a segment to browsers under a key from its form, refusing a key of the wrong shape', async () => {
    const { page, dialogs } = await signedInTab(browser, collector.url, password, '/stats/segments');
    await page.click('text=New segment');
    await page.fill('input[name=name]', 'High interest: shoes');
    await page.fill('input[name="cond.0.event"]', 'product_view');
    await page.fill('input[name="cond.0.n"]', '2');
    await page.fill('input[name=browser_key]', 'High Interest');
    // The browser's own check would stop the form first: the server's is the one tested.
    await page.locator('form.segment-form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.click('button[value=rows]');
    expect(await page.textContent('.browser-key .field-error')).toMatch(/lower-case letters, digits, - or _/);
    expect(await collector.store.segments.list(await siteId())).toEqual([]);
    await page.fill('input[name=browser_key]', 'hi-shoes');
    await Promise.all([page.waitForURL(/notice=saved/), page.click('button[value=rows]')]);
    expect((await collector.store.segments.list(await siteId())).map((segment) => segment.browserKey)).toEqual(['hi-shoes']);
    await page.goto(`${collector.url}/stats/segments`);
    expect(await page.textContent('[data-browser-key]')).toBe('hi-shoes');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('creates a placement with two variants, refusing a javascript: link beside its field, and lists them', async () => {
    const { page, dialogs } = await signedInTab(browser, collector.url, password, '/stats/personalize');
    expect(await page.textContent('#placements .empty')).toMatch(/No placements yet/);
    await page.click('text=New placement');
    await page.fill('input[name=id]', 'hero');
    await page.fill('input[name=label]', `Home hero ${hostile}`);
    await page.fill('input[name="variants[0].name"]', 'Shoe lovers');
    await page.fill('input[name="variants[0].priority"]', '10');
    await page.fill('input[name="variants[0].content.title"]', 'New running shoes');
    await page.fill('input[name="variants[0].content.link"]', 'javascript:alert(1)');
    await page.click('[data-variant="0"] summary');
    await page.check('input[name="variants[0].when.segments"][value="hi-shoes"]');
    await page.check('input[name="variants[0].when.devices"][value="phone"]');
    await page.fill('input[name="variants[1].name"]', 'Everyone else');
    await page.fill('input[name="variants[1].content.title"]', 'Spring sale');
    await page.fill('textarea[name="variants[1].content.text"]', 'Up to 30% off.');
    await page.click('button.primary');
    expect(await page.textContent('[data-variant="0"] .field-error')).toBe('an http(s) URL or a path on the site');
    expect(await page.getAttribute('input[name="variants[0].content.link"]', 'aria-invalid')).toBe('true');
    // What was typed stays, to be corrected; the provider fields of a content variant are hidden.
    expect(await page.inputValue('input[name="variants[1].name"]')).toBe('Everyone else');
    expect(await page.locator('textarea[name="variants[0].content.params"]').isVisible()).toBe(false);
    await page.fill('input[name="variants[0].content.link"]', '/shoes');
    await Promise.all([page.waitForURL(/done=created/), page.click('button.primary')]);

    const row = page.locator('tr[data-slot=hero]');
    expect(await row.locator('.slot-label').textContent()).toBe(`Home hero ${hostile}`);
    expect(await row.locator('.variant-name').allTextContents()).toEqual(['Shoe lovers', 'Everyone else']);
    expect(await row.locator('.variant-who').allTextContents()).toEqual(['in High interest: shoes · on phone', 'Everyone (the default)']);
    expect(await page.textContent('[data-snippet]')).toBe('<div data-pulse-slot="hero"></div>');
    expect(await page.locator('img[src=x]').count()).toBe(0);

    // A variant's views and clicks, as the SDK reports them, show with their CTR.
    const [shoes] = (await collector.store.personalization.placement(await siteId(), 'hero'))!.variants;
    const slotEvent = (name: string) => wireEvent({ type: 'track', name, props: { slot: 'hero', variant: shoes!.id } });
    expect((await collector.post({ site: 'test', events: [slotEvent('slot_view'), slotEvent('slot_view'), slotEvent('slot_view'), slotEvent('slot_view'), slotEvent('slot_click')] })).status).toBe(200);
    await page.reload();
    expect(await row.locator('[data-figures]').first().textContent()).toBe('4 views1 clicks25% CTR');

    // Disabled, it stays listed and says so; enabled again.
    await Promise.all([page.waitForURL(/done=disabled/), row.locator('button', { hasText: 'Disable' }).click()]);
    expect(await row.locator('.state').textContent()).toBe('Disabled');
    expect((await collector.store.personalization.placement(await siteId(), 'hero'))!.variants.map((variant) => variant.id)).toContain(shoes!.id);
    await Promise.all([page.waitForURL(/done=enabled/), row.locator('button', { hasText: 'Enable' }).click()]);
    expect(await row.locator('.state').textContent()).toBe('Enabled');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("imports seed 001's slots all or nothing", async () => {
    const { page } = await signedInTab(browser, collector.url, password, '/stats/personalize');
    const slots = JSON.parse(seed001) as Record<string, unknown>[];
    const broken = JSON.stringify([...slots.slice(0, 3), { ...slots[3], auto_reload: 'sometimes' }]);
    await page.fill('#import textarea', broken);
    await page.click('#import button');
    expect(await page.textContent('#import .error')).toMatch(/^Nothing was imported\. \[3\]\.auto_reload: /);
    expect((await collector.store.personalization.placements(await siteId())).map((placement) => placement.slot)).toEqual(['hero']);
    await page.fill('#import textarea', seed001);
    await Promise.all([page.waitForURL(/done=imported/), page.click('#import button')]);
    expect(await page.locator('tr[data-slot]').count()).toBe(slots.length + 1);
    const first = page.locator('tr[data-slot="1"]');
    expect([await first.locator('.variant-name').textContent(), await first.locator('.badge').textContent()]).toEqual(['adfox', 'provider block']);
    await page.close();
  });

  it('creates an event rule, warns while it has not fired, and counts its firings', async () => {
    const { page, dialogs } = await signedInTab(browser, collector.url, password, '/stats/events');
    const form = page.locator('[data-rule-form=new]');
    await form.locator('input[name=name]').fill('compare_click');
    await form.locator('input[name=selector]').fill('button.compare[');
    await form.locator('input[name=text]').fill('Compare');
    await form.locator('input[name="props[0].name"]').fill('product');
    await form.locator('input[name="props[0].from"]').fill('data-product-id');
    await form.locator('button.primary').click();
    expect(await page.textContent('[data-rule-form=new] .field-error')).toMatch(/^not a CSS selector/);
    await page.locator('[data-rule-form=new] input[name=selector]').fill('button.compare');
    await Promise.all([page.waitForURL(/rules=created/), page.locator('[data-rule-form=new] button.primary').click()]);

    const rule = (await collector.store.personalization.rules(await siteId()))[0]!;
    const row = page.locator(`tr[data-rule="${rule.id}"]`);
    expect(await row.locator('.rule-trigger').textContent()).toBe('Click on button.compare containing “Compare”');
    expect(await row.locator('[data-silent]').textContent()).toBe('No matches in 7 days — did a redesign change the page?');
    expect(await row.locator('[data-fires]').textContent()).toBe('0');

    // The SDK's event for the rule names it in $rule: the rule's week counts it, and the warning goes.
    const fired = wireEvent({ type: 'track', name: 'compare_click', props: { product: 'p1', $rule: rule.id } });
    expect((await collector.post({ site: 'test', events: [fired] })).status).toBe(200);
    await page.reload();
    expect(await row.locator('[data-fires]').textContent()).toBe('1');
    expect(await row.locator('[data-silent]').count()).toBe(0);

    // Saving again makes version 2, and the versions are listed.
    await row.locator('summary', { hasText: 'Edit' }).click();
    await row.locator('input[name=name]').fill(`compare ${hostile}`);
    await Promise.all([page.waitForURL(/rules=saved/), row.locator('button.primary').click()]);
    expect(await row.locator('td[data-label=Version]').textContent()).toBe('v2');
    expect(await row.locator('.event-name').textContent()).toBe(`compare ${hostile}`);
    expect(await row.locator('.versions li').count()).toBe(2);
    expect(await page.locator('img[src=x]').count()).toBe(0);

    // A rule that never fired keeps its warning beside the one that did.
    const again = page.locator('[data-rule-form=new]');
    await page.click('.new-rule summary');
    await again.locator('input[name=name]').fill('newsletter_signup');
    await again.locator('select[name=on]').selectOption('submit');
    await again.locator('input[name=selector]').fill('#newsletter');
    await again.locator('input[name="props[0].name"]').fill('topic');
    await again.locator('input[name="props[0].from"]').fill('field:topic');
    await Promise.all([page.waitForURL(/rules=created/), again.locator('button.primary').click()]);
    expect(await page.locator('[data-silent]').count()).toBe(1);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("opens the site's own page with a wizard token, and no other site's", async () => {
    const { page } = await signedInTab(browser, collector.url, password, '/stats/events');
    const field = page.locator('#wizard input[name=url]');
    expect(await field.inputValue()).toBe(`${collector.url}/demo/`);
    const [opened] = await Promise.all([page.waitForEvent('popup'), page.click('#wizard button')]);
    await opened.waitForURL((url) => url.searchParams.has(wizardParam));
    const landed = new URL(opened.url());
    expect(landed.origin + landed.pathname).toBe(`${collector.url}/demo/`);
    const claim = checkWizardToken(await collector.store.settings.get(wizardSecretKey), landed.searchParams.get(wizardParam)!, Date.now());
    expect(claim?.site).toBe('test');
    await opened.close();

    await field.fill('https://evil.example/');
    const [refused] = await Promise.all([page.waitForEvent('popup'), page.click('#wizard button')]);
    await refused.waitForLoadState('load');
    expect(await refused.textContent('#wizard .field-error')).toMatch(/^not a page of this site/);
    expect(refused.url()).not.toContain(wizardParam);
    await refused.close();
    await page.close();
  });

  it('looks right on desktop and phone', async () => {
    const ruleId = (await collector.store.personalization.rules(await siteId()))[0]!.id;
    for (const [name, viewport] of viewports) {
      const tab = await signedInTab(browser, collector.url, password, '/stats/personalize', viewport);
      const overflow = () => tab.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow(), name).toBeLessThanOrEqual(0);
      await tab.screenshot(`personalize-${name}`);
      await tab.page.goto(`${collector.url}/stats/personalize/hero/edit`);
      expect(await overflow(), name).toBeLessThanOrEqual(0);
      await tab.screenshot(`placement-editor-${name}`);
      await tab.page.goto(`${collector.url}/stats/events`);
      await tab.page.locator(`tr[data-rule="${ruleId}"] summary`, { hasText: 'Edit' }).click();
      expect(await overflow(), name).toBeLessThanOrEqual(0);
      await tab.page.locator('#rules').screenshot({ path: new URL(`./artifacts/event-rules-${name}.png`, import.meta.url).pathname });
      await tab.page.goto(`${collector.url}/stats/segments/${(await collector.store.segments.list(await siteId()))[0]!.id}/edit`);
      expect(await overflow(), name).toBeLessThanOrEqual(0);
      await tab.screenshot(`segment-form-${name}`);
      expect(tab.dialogs).toEqual([]);
      await tab.page.close();
    }
  });
});
