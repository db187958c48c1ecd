// The script tag in real Chromium against the real collector and the demo shop: the eight browser scenarios.
import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { named, newContext, useBrowserAndCollector, type Collector } from './harness';

const setup = useBrowserAndCollector();
let collector: Collector;
let context: BrowserContext;

beforeEach(async () => {
  await context?.close();
  collector = setup.collector();
  context = await newContext(setup.browser());
});

/** A page of our own on the collector's origin (a registered domain of the demo site), tagged like the demo shop. */
async function customPage(path: string, body: string, tagAttributes = ''): Promise<Page> {
  await context.route(`${collector.url}${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>${path}</title>
        <script>window.pulse=window.pulse||{q:[]};['track','page','identify','consent','reset','flush','on','slot','profile'].forEach(function(m){pulse[m]=pulse[m]||function(){pulse.q.push([m,[].slice.call(arguments)])}})</script>
        <script async src="/p.js" data-site="demo" ${tagAttributes}></script></head><body>${body}</body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${collector.url}${path}`);
  return page;
}

const flush = (page: Page) => page.evaluate(() => (window as any).pulse.flush());
const ready = (page: Page) => page.waitForFunction(() => typeof (window as any).pulse?.flush === 'function' && !(window as any).pulse.q);
/** Event requests seen by the browser, with the ids each carried. */
function watchRequests(target: BrowserContext): string[][] {
  const sent: string[][] = [];
  target.on('request', (request) => {
    if (request.url().endsWith('/v1/events')) sent.push(JSON.parse(request.postData() ?? '{}').events?.map((e: { id: string }) => e.id) ?? []);
  });
  return sent;
}

describe('the script tag', () => {
  it('(1) records a pageview and a click exactly once', async () => {
    const page = await context.newPage();
    await page.goto(`${collector.url}/demo/product.html?id=p3`);
    await ready(page);
    await page.getByTestId('add-to-cart').click();
    await flush(page);
    await flush(page);
    const events = await collector.waitFor((all) => named(all, 'add_to_cart').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = collector.events();
    expect(again.filter((e) => e.type === 'page' && e.path === '/demo/product.html')).toHaveLength(1);
    expect(named(again, 'add_to_cart')).toHaveLength(1);
    expect(named(again, 'product_view')).toHaveLength(1);
    expect(JSON.parse(named(events, 'add_to_cart')[0]!.props!)).toMatchObject({ product_id: 'p3', quantity: 1 });
  });

  it('(2) keeps 20 events tracked offline through two reloads and stores each once when back online', async () => {
    const page = await customPage('/e2e/offline.html', '<h1>Offline</h1>');
    await ready(page);
    await context.setOffline(true);
    await page.evaluate(() => {
      for (let i = 0; i < 20; i++) (window as any).pulse.track('offline_event', { i });
    });
    await flush(page);
    // The page must load again, so the network returns, but the collector stays out of reach.
    await context.route(`${collector.url}/v1/events`, (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await page.reload();
    await ready(page);
    expect(named(collector.events(), 'offline_event')).toHaveLength(0);
    await context.unroute(`${collector.url}/v1/events`);
    await flush(page);
    const events = await collector.waitFor((all) => named(all, 'offline_event').length >= 20);
    await flush(page);
    const stored = named(collector.events(), 'offline_event');
    expect(stored).toHaveLength(20);
    expect(new Set(stored.map((e) => JSON.parse(e.props!).i)).size).toBe(20);
    expect(events.length).toBeGreaterThan(0);
  });

  it('(3) delivers an event tracked right before the page closes', async () => {
    const page = await customPage('/e2e/closing.html', '<h1>Closing</h1>');
    await ready(page);
    await flush(page);
    await page.evaluate(() => (window as any).pulse.track('last_words', { at: 'close' }));
    await page.close({ runBeforeUnload: true });
    const events = await collector.waitFor((all) => named(all, 'last_words').length > 0);
    expect(named(events, 'last_words')).toHaveLength(1);
  });

  it('(4) two tabs of the site never send the same event twice', async () => {
    const sent = watchRequests(context);
    const [a, b] = await Promise.all([customPage('/e2e/tab-a.html', 'A'), customPage('/e2e/tab-b.html', 'B')]);
    await Promise.all([ready(a), ready(b)]);
    await Promise.all([
      a.evaluate(() => { for (let i = 0; i < 15; i++) (window as any).pulse.track('tab_event', { tab: 'a', i }); }),
      b.evaluate(() => { for (let i = 0; i < 15; i++) (window as any).pulse.track('tab_event', { tab: 'b', i }); }),
    ]);
    await Promise.all([flush(a), flush(b), flush(a), flush(b)]);
    await collector.waitFor((all) => named(all, 'tab_event').length >= 30);
    const ids = sent.flat();
    expect(ids.length).toBe(new Set(ids).size);
    expect(named(collector.events(), 'tab_event')).toHaveLength(30);
  });

  it('(5) counts one pageview per SPA route', async () => {
    const page = await customPage('/e2e/spa', '<h1>SPA</h1>');
    await ready(page);
    // A router's navigations, each in its own task as a click would make them.
    const navigate = (method: 'pushState' | 'replaceState', url: string) =>
      page.evaluate(([m, u]) => new Promise((resolve) => (history[m as 'pushState']({}, '', u), setTimeout(resolve, 50))), [method, url]);
    await navigate('pushState', '/e2e/spa/catalog');
    await navigate('pushState', '/e2e/spa/catalog'); // the same URL again: no new view
    await navigate('replaceState', '/e2e/spa/catalog'); // likewise
    // A redirect within one task (push, then replace at once) is one view, of where it lands.
    await page.evaluate(() => (history.pushState({}, '', '/e2e/spa/old-product'), history.replaceState({}, '', '/e2e/spa/product/7')));
    await page.waitForTimeout(50);
    await page.goBack(); // popstate back to the catalog
    await page.waitForFunction(() => location.pathname === '/e2e/spa/catalog');
    await flush(page);
    const events = await collector.waitFor((all) => all.filter((e) => e.type === 'page' && e.path?.startsWith('/e2e/spa')).length >= 4);
    await flush(page);
    const views = collector.events().filter((e) => e.type === 'page' && e.path?.startsWith('/e2e/spa')).map((e) => e.path);
    expect(views).toEqual(['/e2e/spa', '/e2e/spa/catalog', '/e2e/spa/product/7', '/e2e/spa/catalog']);
    expect(events.length).toBeGreaterThan(0);
  });

  it('(6) with consent required, makes no request and stores nothing until consent(true)', async () => {
    const sent = watchRequests(context);
    const page = await customPage('/e2e/consent.html', '<h1>Consent</h1>', 'data-consent="required"');
    await ready(page);
    await page.evaluate(() => (window as any).pulse.track('before_consent'));
    await flush(page);
    await page.waitForTimeout(500);
    const storage = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookies: document.cookie,
      databases: (await indexedDB.databases()).length,
    }));
    expect(storage).toEqual({ local: 0, session: 0, cookies: '', databases: 0 });
    expect(sent).toHaveLength(0);
    await page.evaluate(() => (window as any).pulse.consent(true));
    await page.evaluate(() => (window as any).pulse.track('after_consent'));
    await flush(page);
    const events = await collector.waitFor((all) => named(all, 'after_consent').length > 0);
    expect(named(events, 'before_consent')).toHaveLength(0);
    expect(sent.length).toBeGreaterThan(0);
  });

  it('(7) loses nothing while the collector is down, and delivers everything once it is back', async () => {
    const page = await customPage('/e2e/down.html', '<h1>Down</h1>');
    await ready(page);
    await flush(page);
    await collector.kill();
    await page.evaluate(() => {
      for (let i = 0; i < 10; i++) (window as any).pulse.track('while_down', { i });
    });
    await flush(page);
    await page.waitForTimeout(3_000);
    await collector.start();
    const events = await collector.waitFor((all) => named(all, 'while_down').length >= 10, 40_000);
    expect(named(events, 'while_down')).toHaveLength(10);
  }, 60_000);

  it('(8) replays calls made before the script loaded, in order', async () => {
    // p.js is held back for a second, so these calls can only reach the stub.
    await context.route(`${collector.url}/p.js`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    const page = await customPage(
      '/e2e/early.html',
      `<script>pulse.track('early_1'); pulse.identify('early-user', { plan: 'pro' }); pulse.track('early_2', { n: 2 }); pulse.track('early_3');</script>`,
    );
    await ready(page);
    await flush(page);
    const events = await collector.waitFor((all) => named(all, 'early_3').length > 0);
    const early = events.filter((e) => e.name.startsWith('early_') || e.type === 'identify');
    expect(early.map((e) => e.name)).toEqual(['early_1', 'identify', 'early_2', 'early_3']);
    expect(early.slice(1).every((e) => e.user_id === 'early-user')).toBe(true);
  });
});
