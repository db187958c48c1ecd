// The Funnels pages in Chromium: a funnel made through the form, its conversion from stored and newly sent events, on a phone too; bad forms refused, deleting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { signedInTab, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { iphoneSafari, wireEvent } from '../src/testing/events.js';

const password = 'correct horse battery';
const hostile = '<img src=x onerror=alert(1)>';
const hostileName = '"><script>alert(1)</script>';
const path = ['product_view', 'add_to_cart', 'checkout_start', 'purchase'];

let browser: Browser;
let collector: TestCollector;
const base = Date.now() - 20 * 60_000;

/** One person's visit: the first `steps` of the path a second apart, from a source, on a desktop or a phone. */
function visit(visitor: string, steps: number, how: { source?: string; phone?: boolean; purchase?: Record<string, unknown> }) {
  const url = how.source ? `http://localhost/?utm_source=${encodeURIComponent(how.source)}` : 'http://localhost/';
  return collector.post(
    {
      site: 'test',
      events: path.slice(0, steps).map((name, i) =>
        wireEvent({
          type: 'track',
          name,
          ts: base + i * 1_000,
          visitor_id: visitor,
          session_id: `s-${visitor}`,
          url,
          props: name === 'purchase' ? how.purchase : { product_id: 'p1', category: visitor === 'eve' ? hostile : 'shoes' },
        }),
      ),
    },
    how.phone ? { 'user-agent': iphoneSafari } : {},
  );
}

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  const answers = await Promise.all([
    visit('ana', 4, { source: 'newsletter', purchase: { value: 50 } }),
    // Ben buys for less than the funnel's last step asks (value > 10): he stops at checkout.
    visit('ben', 4, { source: 'newsletter', phone: true, purchase: { value: 5 } }),
    visit('cy', 2, {}),
    visit('dee', 1, { phone: true }),
    visit('eve', 4, { source: hostile, purchase: { value: 20, note: hostileName } }),
    collector.post({ site: 'test', events: [wireEvent({ type: 'track', name: hostileName, visitor_id: 'cy', session_id: 's-cy' })] }),
  ]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

/** A tab signed in on the Funnels list. */
const signedIn = (viewport?: { width: number; height: number }) => signedInTab(browser, collector.url, password, '/stats/funnels', viewport);

/** The funnel page once its replay is done (it reloads itself while computing). */
async function computed(page: Page) {
  await page.waitForSelector('.funnel-step');
  while (await page.locator('[data-computing]').count()) await page.waitForTimeout(500).then(() => page.reload());
}

const cells = (page: Page, title: string) =>
  page.locator('section.card', { has: page.locator('h2', { hasText: title }) }).locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent)),
  );
const steps = (page: Page) =>
  page.locator('.funnel-step').evaluateAll((items) =>
    items.map((li) => [
      li.querySelector('.step-event')!.textContent,
      li.querySelector('.funnel-people b')!.textContent,
      li.querySelector('.from-first')!.textContent,
      li.querySelector('.from-previous')?.textContent ?? null,
      li.querySelector('.dropped')?.textContent ?? null,
      li.querySelector('.funnel-bar')!.getAttribute('style'),
    ]),
  );

describe('funnels page', () => {
  it('creates a funnel through the form, refusing bad input first, and shows its conversion from the stored events', async () => {
    const { page, dialogs, screenshot } = await signedIn();
    expect(await page.textContent('main')).toContain('No funnels yet');
    await page.click('a.button:has-text("New funnel")');
    // The event names seen so far are offered, the hostile one as plain text.
    expect(await page.locator('#event-names option').evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value))).toContain(hostileName);

    await page.fill('input[name=name]', `Checkout ${hostile}`);
    await page.selectOption('select[name=windowMinutes]', { label: '1 day' });
    await page.fill('input[name="steps[0].event"]', 'product_view');
    await page.fill('input[name="steps[1].event"]', 'add_to_cart');
    await page.fill('input[name="steps[2].event"]', 'checkout_start');
    await page.click('button[data-add-step]');
    await page.fill('input[name="steps[3].event"]', 'purchase');
    await page.fill('input[name="steps[3].prop"]', 'value');
    await page.selectOption('select[name="steps[3].op"]', 'gt');
    await page.fill('input[name="steps[3].value"]', 'ten');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.click('button.primary');
    expect((await refused).status()).toBe(400);
    expect(await page.textContent('[role=alert]')).toBe('Step 4 › condition 1 › value: must be a number for gt');
    expect(await collector.store.funnels.list(1)).toEqual([]);
    await screenshot('funnels-form-desktop');

    // What was typed comes back; fix the value and save.
    expect(await page.inputValue('input[name="steps[3].event"]')).toBe('purchase');
    await page.fill('input[name="steps[3].value"]', '10');
    await Promise.all([page.waitForURL(/\/stats\/funnels\/\d+/), page.click('button.primary')]);
    await computed(page);

    expect(await page.textContent('h1')).toBe(`Checkout ${hostile}`);
    expect(await steps(page)).toEqual([
      ['product_view', '5', '100% of first step', null, '1 dropped off (20%)', 'width: 100%;'],
      ['add_to_cart', '4', '80% of first step', '80% of previous', '1 dropped off (25%)', 'width: 80%;'],
      ['checkout_start', '3', '60% of first step', '75% of previous', '1 dropped off (33.3%)', 'width: 60%;'],
      ['purchase', '2', '40% of first step', '66.7% of previous', null, 'width: 40%;'],
    ]);
    expect(await page.textContent('.step-test')).toBe('value > 10');
    expect(await page.textContent('[data-overall]')).toBe('40%');
    expect(await cells(page, 'By source')).toEqual([
      ['direct', '2', '0', '0%'],
      ['newsletter', '2', '1', '50%'],
      [hostile, '1', '1', '100%'],
    ]);
    expect(await cells(page, 'By device')).toEqual([
      ['desktop', '3', '2', '66.7%'],
      ['tablet', '0', '0', '—'],
      ['phone', '2', '0', '0%'],
    ]);
    await screenshot('funnels-desktop');
    await page.click('text=← All funnels');
    await screenshot('funnels-list-desktop');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('counts new events as they arrive, and looks right on a phone', async () => {
    // Dee comes back and adds to cart: ingest moves her on without any recomputing.
    const more = await collector.post(
      { site: 'test', events: [wireEvent({ type: 'track', name: 'add_to_cart', ts: base + 5_000, visitor_id: 'dee', session_id: 's-dee' })] },
      { 'user-agent': iphoneSafari },
    );
    expect(more.status).toBe(200);
    const { page, dialogs, screenshot } = await signedIn(viewports[1][1]);
    expect(await page.locator('.funnel-list tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent)))).toEqual([
      [`Checkout ${hostile}`, 'product_view → add_to_cart → checkout_start → purchase', '5', '2', '40%'],
    ]);
    await screenshot('funnels-list-phone');
    await Promise.all([page.waitForURL(/\/stats\/funnels\/\d+/), page.click('.funnel-list a')]);
    expect((await steps(page)).map((s) => s.slice(1, 4))).toEqual([
      ['5', '100% of first step', null],
      ['5', '100% of first step', '100% of previous'],
      ['3', '60% of first step', '60% of previous'],
      ['2', '40% of first step', '66.7% of previous'],
    ]);
    expect(await cells(page, 'By device')).toEqual([
      ['desktop', '3', '2', '66.7%'],
      ['tablet', '0', '0', '—'],
      ['phone', '2', '0', '0%'],
    ]);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot('funnels-phone');
    await page.click('a:has-text("Edit or delete")');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot('funnels-form-phone');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('refuses forms without their CSRF token or with too few steps, and deletes a funnel', async () => {
    const { page } = await signedIn();
    const { id } = (await collector.store.funnels.list(1))[0]!;
    const post = (url: string, fields: Record<string, string>) =>
      page.evaluate(async ([url, fields]) => {
        const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
        return [response.status, await response.text()] as const;
      }, [url, fields] as const);
    expect((await post('/stats/funnels', { name: 'x', windowMinutes: '30', 'steps[0].event': 'a', 'steps[1].event': 'b' }))[0]).toBe(403);
    const csrf = await page.getAttribute('input[name=_csrf]', 'value');
    const [status, body] = await post('/stats/funnels', { _csrf: csrf!, name: 'One step', windowMinutes: '30', 'steps[0].event': 'a' });
    expect(status).toBe(400);
    expect(body).toContain('Steps: needs at least 2 steps');
    expect((await post('/stats/funnels', { _csrf: csrf!, name: 'Too long', windowMinutes: '99999', 'steps[0].event': 'a', 'steps[1].event': 'b' }))[1]).toContain(
      'Window: may be at most 30 days',
    );
    expect((await collector.store.funnels.list(1)).map((f) => f.id)).toEqual([id]);

    await page.goto(`${collector.url}/stats/funnels/${id}/edit`);
    await Promise.all([page.waitForURL('**/stats/funnels?**'), page.click('.danger button')]);
    expect(await page.textContent('main')).toContain('No funnels yet');
    expect(await collector.store.funnels.list(1)).toEqual([]);
    await page.close();
  });
});
