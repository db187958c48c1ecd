// The demo shop as `npm start` serves it, in real Chromium: its hero placement differs for newcomers, phones and High Interest: Coffee visitors, and its newsletter and Compare are captured by wizard rules, not code.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phone, named, newContext, useBrowserAndCollector } from './harness';

const setup = useBrowserAndCollector();

beforeAll(async () => {
  // The demo's personalization is set up just after the collector listens.
  const end = Date.now() + 20_000;
  for (;;) {
    const config = await (await fetch(`${setup.collector().url}/v1/config/demo`)).json();
    if (config.placements.length > 0 && config.rules.length >= 2) break;
    if (Date.now() > end) throw new Error(`the demo's personalization never came: ${JSON.stringify(config)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

/** The hero's words once Pulse filled it. */
async function hero(page: Page): Promise<string> {
  const slot = page.locator('[data-pulse-slot="hero"][data-pulse-filled]:not([data-pulse-filled=""])');
  await slot.waitFor({ timeout: 10_000 });
  return slot.innerText();
}

describe('the demo shop', () => {
  it('greets a newcomer on a desktop and offers a phone its own banner', async () => {
    const desktop = await newContext(setup.browser());
    const page = await desktop.newPage();
    await page.goto(`${setup.collector().url}/demo/`);
    expect(await hero(page)).toContain('Welcome! 10% off');
    await desktop.close();

    const mobile = await newContext(setup.browser(), phone);
    const small = await mobile.newPage();
    await small.goto(`${setup.collector().url}/demo/`);
    expect(await hero(small)).toContain('Free express shipping');
    await mobile.close();
  });

  it('shows the coffee banner to a visitor whose product views made them High Interest: Coffee', async () => {
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    const { url } = setup.collector();
    for (const id of ['p1', 'p3', 'p4']) {
      await page.goto(`${url}/demo/product.html?id=${id}`);
      await page.evaluate(() => (window as unknown as { pulse: { flush(): Promise<void> } }).pulse.flush());
    }
    await setup.collector().waitFor((events) => named(events, 'product_view').length >= 3);
    // The segment the views moved the visitor into shows on the next page view: painted first from
    // the profile this tab kept, the slot follows the profile that page view reads.
    await page.goto(`${url}/demo/`);
    await expect.poll(() => hero(page), { timeout: 5_000 }).toContain('Your coffee corner');
    await context.close();
  });

  it('records the newsletter and Compare through the wizard rules, and a hero click with its variant as the page leaves', async () => {
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    const { url } = setup.collector();
    await page.goto(`${url}/demo/product.html?id=p2`);
    // A session's first page applies the rules once p-site.js has the config: after the first events answer.
    await page.waitForFunction(() => sessionStorage.pulse_site);
    await page.locator('[data-action="compare"]').first().click();
    await page.locator('#newsletter input[type="email"]').fill('reader@example.com');
    await page.locator('#newsletter button, #newsletter [type="submit"]').first().click();
    await page.evaluate(() => (window as unknown as { pulse: { flush(): Promise<void> } }).pulse.flush());
    const events = await setup.collector().waitFor((stored) => named(stored, 'compare').length > 0 && named(stored, 'newsletter_signup').length > 0);
    const compare = JSON.parse(named(events, 'compare')[0]!.props!);
    expect(compare).toMatchObject({ product_id: 'p2', $rule: expect.any(Number) });
    expect(JSON.parse(named(events, 'newsletter_signup')[0]!.props!)).toMatchObject({ $rule: expect.any(Number) });

    await page.goto(`${url}/demo/`);
    await hero(page);
    const shown = await page.locator('[data-pulse-slot="hero"]').getAttribute('data-pulse-filled');
    await page.locator('[data-pulse-slot="hero"] a').first().click();
    await page.waitForURL(/index\.html/);
    const clicked = await setup.collector().waitFor((stored) => named(stored, 'slot_click').length > 0);
    expect(JSON.parse(named(clicked, 'slot_click')[0]!.props!)).toEqual({ slot: 'hero', variant: Number(shown) });
    await context.close();
  });
});
