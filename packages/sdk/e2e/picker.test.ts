// The event picker in real Chromium against the real collector: opened on the demo shop with a minted wizard token, it proposes a stable selector, counts its matches, saves a rule the REST API then lists, and loads nothing that can save with a forged token.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phone, named, newContext, useBrowserAndCollector } from './harness';

const setup = useBrowserAndCollector();
const screenshots = fileURLToPath(new URL('../test-results/', import.meta.url));
let admin = '';
beforeAll(() => {
  admin = setup.collector().token('read,write');
  mkdirSync(screenshots, { recursive: true });
});

/** The REST API as an admin's tools call it, with a read-write token of the demo site. */
async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${setup.collector().url}/api/v1/sites/demo${path}`, { ...init, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' } });
}

/** A wizard link to a page of the demo shop, minted as the stats page mints it. */
async function wizardLink(page: string): Promise<string> {
  const answer = await api('/wizard', { method: 'POST', body: JSON.stringify({ page: `${setup.collector().url}/demo/${page}` }) });
  expect(answer.status, await answer.clone().text()).toBe(200);
  return ((await answer.json()) as { url: string }).url;
}

/** The picker's shadow DOM, through which playwright's locators pierce. */
const picker = (page: Page) => page.locator('[data-pulse-picker]');
const mode = (page: Page, value: string) => picker(page).locator(`.modes button[value=${value}]`);
const selectorInput = (page: Page) => picker(page).locator('.rule input.code');

describe('the event picker', () => {
  it("opens with a wizard link, takes the token out of the address bar, proposes a stable selector with its match count, and saves a rule the API lists and a visitor's click fires", async () => {
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    await page.goto(await wizardLink('index.html'));
    await mode(page, 'click').click();
    expect(new URL(page.url()).searchParams.has('pulse_wizard')).toBe(false);

    // Every card's "Compare" button: a data- attribute that names the group, all of it outlined, the product's id offered and ticked.
    const compare = page.locator('[data-action="compare"]').first();
    await compare.scrollIntoViewIfNeeded();
    await compare.hover();
    await expect.poll(() => picker(page).locator('.layer .hover').count()).toBe(1);
    await compare.click();
    const buttons = await page.locator('[data-action="compare"]').count();
    expect(buttons).toBeGreaterThan(1);
    expect(await selectorInput(page).inputValue()).toBe('[data-action="compare"]');
    expect(await picker(page).locator('.rule .pill').textContent()).toBe(`${buttons} on this page`);
    expect(await picker(page).locator('.layer .match').count()).toBe(buttons);
    expect(await picker(page).locator('.rule .check', { hasText: 'data-product-id' }).locator('input').isChecked()).toBe(true);
    // The click was the picker's: the page's own handler did not mark the product for comparing.
    expect(await compare.getAttribute('aria-pressed')).toBe('false');

    // The newsletter's button: unique by its data-testid; clicking it neither submits nor navigates.
    const subscribe = page.locator('[data-testid="newsletter-submit"]');
    await subscribe.scrollIntoViewIfNeeded();
    await subscribe.click();
    expect(await selectorInput(page).inputValue()).toBe('[data-testid="newsletter-submit"]');
    expect(await picker(page).locator('.rule .pill').textContent()).toBe('1 on this page');
    expect(await page.locator('[data-testid="newsletter-message"]').textContent()).toBe('');
    await picker(page).locator('.rule .check', { hasText: 'Only when its text contains' }).locator('input[type=checkbox]').check();
    await picker(page).locator('.rule input[placeholder^="e.g."]').fill('subscribe_click');
    await page.screenshot({ path: `${screenshots}picker-desktop.png` });
    await picker(page).locator('.rule button[type=submit]').click();
    await expect.poll(() => picker(page).locator('.rule .status').textContent()).toMatch(/Saved “subscribe_click”, version 1/);

    const rules = (await (await api('/rules')).json()) as { name: string; on: string; selector: string; text?: string }[];
    expect(rules).toContainEqual(expect.objectContaining({ name: 'subscribe_click', on: 'click', selector: '[data-testid="newsletter-submit"]', text: 'Subscribe' }));

    // Removing the token is no navigation: p.js counted the page once.
    await page.evaluate(() => (window as unknown as { pulse: { flush(): Promise<void> } }).pulse.flush());
    const visitor = await page.evaluate(() => localStorage.pulse_v);
    const views = setup.collector().events().filter((event) => event.type === 'page' && event.visitor_id === visitor);
    expect(views).toHaveLength(1);
    expect(views[0]!.url).not.toContain('pulse_wizard');

    // The session's next page opens the picker again, the rule listed with what it matches there.
    await mode(page, 'browse').click();
    await page.locator('[data-testid="product-link"]').first().click();
    await page.waitForURL(/product\.html/);
    await picker(page).locator('.rules-button').click();
    const row = picker(page).locator('.rule-row', { hasText: 'subscribe_click' });
    expect(await row.locator('.pill').textContent()).toBe('1 on this page');
    // The demo's own rules: its newsletter form is on this page too, with how often the rule fired.
    expect(await picker(page).locator('.rule-row', { hasText: 'newsletter_signup' }).locator('.pill').textContent()).toBe('1 on this page');
    await page.screenshot({ path: `${screenshots}picker-rules-desktop.png` });
    await context.close();

    // A visitor's click on the button is the picker's rule firing: an event of that name, carrying its rule.
    const someone = await newContext(setup.browser());
    const shop = await someone.newPage();
    await shop.goto(`${setup.collector().url}/demo/index.html`);
    // A session's first page applies the rules once p-site.js has the config: after the first events answer.
    await shop.waitForFunction(() => sessionStorage.pulse_site);
    await shop.locator('[data-testid="newsletter-email"]').fill('ada@example.com');
    await shop.locator('[data-testid="newsletter-submit"]').click();
    await shop.evaluate(() => (window as unknown as { pulse: { flush(): Promise<void> } }).pulse.flush());
    const [fired] = named(await setup.collector().waitFor((events) => named(events, 'subscribe_click').length > 0), 'subscribe_click');
    expect(JSON.parse(fired!.props!)).toHaveProperty('$rule');
    await someone.close();
  });

  it("shows the collector's refusal beside the field it names, and changes a saved rule as its next version", async () => {
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    await page.goto(await wizardLink('index.html'));
    await mode(page, 'click').click();
    await page.locator('[data-testid="nav-coffee"]').click();
    await selectorInput(page).fill('a[data-nav-category=');
    expect(await picker(page).locator('.rule .pill').textContent()).toBe('not a selector');
    await picker(page).locator('.rule input[placeholder^="e.g."]').fill('coffee_nav');
    await picker(page).locator('.rule button[type=submit]').click();
    const problem = picker(page).locator('.rule .field:has(input.code) .problem');
    await expect.poll(() => problem.textContent()).toMatch(/^selector: not a CSS selector/);

    await selectorInput(page).fill('[data-nav-category="Coffee"]');
    await picker(page).locator('.rule button[type=submit]').click();
    await expect.poll(() => picker(page).locator('.rule .status').textContent()).toMatch(/version 1/);
    await selectorInput(page).fill('[data-testid="nav-coffee"]');
    await picker(page).locator('.rule button[type=submit]').click();
    await expect.poll(() => picker(page).locator('.rule .status').textContent()).toMatch(/version 2/);
    const rules = (await (await api('/rules')).json()) as { name: string; selector: string }[];
    expect(rules.filter((rule) => rule.name === 'coffee_nav')).toEqual([expect.objectContaining({ selector: '[data-testid="nav-coffee"]' })]);
    await context.close();
  });

  it('offers a form\'s named fields as props, never its password or card fields', async () => {
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    await page.goto(await wizardLink('index.html'));
    await mode(page, 'submit').click();
    // A sign-up form as sites make them, with the fields no rule may read.
    await page.evaluate(() => {
      const form = document.querySelector('[data-testid="newsletter-form"]')!;
      form.insertAdjacentHTML('beforeend', '<input type="password" name="password"><input name="cardnumber" autocomplete="cc-number"><input type="hidden" name="plan" value="weekly">');
    });
    await page.locator('[data-testid="newsletter-email"]').click();
    expect(await selectorInput(page).inputValue()).toBe('#newsletter');
    const offered = await picker(page).locator('.rule fieldset .check small').allTextContents();
    expect(offered.map((text) => text.split(' · ')[0])).toEqual(['field:email', 'field:plan']);
    await context.close();
  });

  it('fits a phone: the toolbar wraps onto two rows and a tap picks', async () => {
    const context = await newContext(setup.browser(), phone);
    const page = await context.newPage();
    await page.goto(await wizardLink('index.html'));
    await mode(page, 'click').tap();
    await page.screenshot({ path: `${screenshots}picker-phone.png` });
    await page.locator('[data-testid="cart-link"]').tap();
    expect(await selectorInput(page).inputValue()).toBe('#cart-link');
    expect(await picker(page).locator('.rule .pill').textContent()).toBe('1 on this page');
    expect(new URL(page.url()).pathname).toBe('/demo/index.html');
    const bar = await picker(page).locator('.bar').boundingBox();
    expect(bar!.x).toBeGreaterThanOrEqual(0);
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(390);
    await picker(page).locator('.rule input[placeholder^="e.g."]').fill('cart_click');
    await page.screenshot({ path: `${screenshots}picker-phone-rule.png` });
    await context.close();
  });

  it('loads nothing that can save with a forged token', async () => {
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    const forged = (await wizardLink('index.html')).replace(/pulse_wizard=([^&]+)/, (_, token: string) => `pulse_wizard=${token.slice(0, -4)}AAAA`);
    await page.goto(forged);
    // The collector does not name the picker for the session: p-picker.js is not even loaded.
    await page.evaluate(() => (window as unknown as { pulse: { flush(): Promise<void> } }).pulse.flush());
    await page.waitForTimeout(500);
    expect(await picker(page).count()).toBe(0);
    // Loaded all the same (a token kept from an expired session), it says why and offers nothing to save.
    await page.addScriptTag({ url: `${setup.collector().url}/p-picker.js` });
    await expect.poll(() => picker(page).locator('[role=alert]').textContent()).toMatch(/expired or is not valid/);
    expect(await picker(page).locator('.modes, form, .rules-button').count()).toBe(0);
    await context.close();
  });
});
