// The callback widget in real Chromium against the real collector: offered by its rules on the demo shop, accessible from the keyboard, sent once, never on phones unless asked.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phone, named, newContext, useBrowserAndCollector } from './harness';

const setup = useBrowserAndCollector();
const screenshots = fileURLToPath(new URL('../test-results/', import.meta.url));
const hostile = '<img src=x onerror=alert(1)>';
/** Sets the demo site's widget up as an admin would, over the API. */
async function widget(rules: Record<string, unknown>): Promise<void> {
  const collector = setup.collector();
  const response = await fetch(`${collector.url}/api/v1/sites/demo/callback-widget`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: true, title: `Questions? ${hostile}`, min_product_views: 0, min_seconds_on_page: 1, exit_intent: false, ...rules }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

let token = '';
beforeAll(async () => {
  token = setup.collector().token('read,write');
  // The demo's sales line is set up just after the collector starts listening.
  for (let i = 0; i < 100; i++) {
    const pools = await fetch(`${setup.collector().url}/api/v1/sites/demo/call-pools`, { headers: { authorization: `Bearer ${token}` } });
    if (((await pools.json()) as unknown[]).length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the demo site has no number pool');
});

const dialog = (page: Page) => page.locator('[data-pulse-callback] [role=dialog]');
/** What has the focus, inside the widget's shadow root when it is there. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('[data-pulse-callback]')?.shadowRoot?.activeElement ?? document.activeElement;
    return active ? `${active.tagName.toLowerCase()}${active.getAttribute('name') ? `[${active.getAttribute('name')}]` : ''}` : '';
  });

describe('the callback widget', () => {
  it('is offered after its seconds, keeps focus inside, sends the request as the visit\'s event, and is not offered again', async () => {
    await widget({});
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    const alerts: string[] = [];
    page.on('dialog', (d) => (alerts.push(d.message()), void d.dismiss()));
    await page.goto(`${setup.collector().url}/demo/index.html`);
    await dialog(page).waitFor({ timeout: 15_000 });
    expect(await dialog(page).locator('h2').textContent()).toBe(`Questions? ${hostile}`);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await focused(page)).toBe('input[phone]');
    // Tab goes round the dialog's controls and never out of it.
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      seen.add(await focused(page));
    }
    expect([...seen].sort()).toEqual(['button', 'input[consent]', 'input[name]', 'input[phone]'].sort());
    await page.keyboard.press('Shift+Tab');
    expect(seen.has(await focused(page))).toBe(true);

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}callback-desktop.png` });

    const form = dialog(page);
    await form.locator('input[name=phone]').fill('+7 916 555-01-02');
    await form.locator('input[name=name]').fill('Ada');
    await form.locator('button[type=submit]').click();
    expect(await form.locator('[role=alert]').textContent()).toMatch(/tick the box/);
    await form.locator('input[name=consent]').check();
    await form.locator('button[type=submit]').click();
    await form.locator('.done').waitFor({ timeout: 10_000 });
    const events = await setup.collector().waitFor((all) => named(all, 'callback_request').length === 1);
    expect(JSON.parse(named(events, 'callback_request')[0]!.props!)).toEqual({ phone: '+79165550102', name: 'Ada' });

    await page.keyboard.press('Escape');
    expect(await page.locator('[data-pulse-callback]').count()).toBe(0);
    await page.reload();
    await page.waitForTimeout(2_500);
    expect(await page.locator('[data-pulse-callback]').count()).toBe(0);
    expect(alerts).toEqual([]);
    await context.close();
  });

  it('waits for the product views the collector counts in the visit', async () => {
    await widget({ min_product_views: 2 });
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    const base = `${setup.collector().url}/demo/`;
    await page.goto(`${base}product.html?id=p1`);
    await page.waitForTimeout(2_000);
    expect(await page.locator('[data-pulse-callback]').count()).toBe(0);
    await page.evaluate(() => (window as unknown as { pulse: { flush(): Promise<void> } }).pulse.flush());
    await page.goto(`${base}product.html?id=p2`);
    await page.evaluate(() => (window as unknown as { pulse: { flush(): Promise<void> } }).pulse.flush());
    await setup.collector().waitFor((all) => named(all, 'product_view').filter((e) => e.session_id === named(all, 'product_view').at(-1)!.session_id).length >= 2);
    await page.goto(`${base}cart.html`);
    await dialog(page).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('stays away from phones unless asked, and fits one when asked', async () => {
    await widget({});
    const context = await newContext(setup.browser(), phone);
    const page = await context.newPage();
    await page.goto(`${setup.collector().url}/demo/index.html`);
    await page.waitForTimeout(2_500);
    expect(await page.locator('[data-pulse-callback]').count()).toBe(0);
    await context.close();

    await widget({ on_phones: true });
    const asked = await newContext(setup.browser(), phone);
    const tab = await asked.newPage();
    await tab.goto(`${setup.collector().url}/demo/index.html`);
    await dialog(tab).waitFor({ timeout: 15_000 });
    const box = await dialog(tab).boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await tab.screenshot({ path: `${screenshots}callback-phone.png` });
    await asked.close();
  });
});
