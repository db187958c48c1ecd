// Every stats page in Chromium after hostile events, props and traits: nothing injected may run or become a link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { openTab, signIn } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

const password = 'hostile pages password';
// Each payload sets a flag if it runs, as well as opening a dialog.
const payloads = [
  '<img src=x onerror="alert(1);window.pwned=1">',
  '"><script>alert(2);window.pwned=1</script>',
  "'><svg onload=alert(3)>",
  'javascript:alert(4)',
];
const [img, script, svg, js] = payloads as [string, string, string, string];

let browser: Browser;
let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  const q = encodeURIComponent;
  const visitor = { visitor_id: 'mallory', session_id: 's-mallory' };
  const answer = await collector.post({
    site: 'test',
    events: [
      wireEvent({ ...visitor, url: `http://localhost/${q(img)}?utm_source=${q(script)}&utm_medium=${q(svg)}&utm_campaign=${q(img)}`, referrer: `http://evil.example/${q(script)}` }),
      wireEvent({ ...visitor, type: 'track', name: img, props: { [script]: svg, category: img, text: script } }),
      wireEvent({ ...visitor, type: 'track', name: 'product_view', props: { product_id: img, name: script, category: svg, brand: js, price: 10 } }),
      wireEvent({ ...visitor, type: 'track', name: 'add_to_cart', props: { product_id: img, category: svg, price: 10, quantity: 1 } }),
      wireEvent({ ...visitor, type: 'track', name: 'review', props: { product_id: img, rating: 1, text: `${img} ${script} ${svg}` } }),
      wireEvent({ ...visitor, type: 'track', name: 'comment', props: { text: script } }),
      wireEvent({
        ...visitor,
        type: 'identify',
        user_id: script,
        traits: {
          name: img, email: script, website: js, [svg]: img, work: img, study: script, city: svg, contacts: [img],
          communities: [{ id: script, name: img, type: 'business' }, { id: 'c2', name: script, type: 'brand' }],
        },
      }),
      wireEvent({ visitor_id: 'ann', session_id: 's-ann', url: `http://localhost/?utm_source=${q(js)}` }),
      // Enough people for clusters, whose words come from a hostile category.
      ...Array.from({ length: 11 }, (_, i) => wireEvent({ visitor_id: `crowd-${i}`, session_id: `s-crowd-${i}`, type: 'track', name: 'product_view', props: { product_id: 'p', category: i % 2 ? svg : img } })),
    ],
  });
  expect(answer.json.rejected).toEqual([]);
  expect(answer.json.ignored ?? []).toEqual([]);
  // A segment an admin named carelessly, matching the hostile event, so members pages list the hostile person.
  const admin = (path: string, body: unknown) =>
    fetch(`${collector.url}/api/v1/sites/test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  // A webhook to a hostile URL (nothing listens there), queued before the segment so its entries are listed.
  expect((await admin('/webhooks', { url: `http://127.0.0.1:9/${q(script)}?a=${q(img)}` })).status).toBe(201);
  const segment = await admin('/segments', { name: svg, rules: { all: [{ event: img, withinDays: 30, count: { gte: 1 } }] } });
  expect(segment.status).toBe(201);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('every stats page, after hostile input', () => {
  it('shows it all as text: no script runs, no dialog opens, no javascript: link appears', async () => {
    const tab = await openTab(browser);
    const refused: string[] = [];
    tab.page.on('console', (message) => void (/Content Security Policy/i.test(message.text()) && refused.push(message.text())));
    await signIn(tab.page, collector.url, password);
    // A funnel whose name, steps and prop test are hostile too, made through the form.
    await tab.page.goto(`${collector.url}/stats/funnels/new`);
    await tab.page.fill('input[name=name]', svg);
    await tab.page.fill('input[name="steps[0].event"]', img);
    await tab.page.fill('input[name="steps[1].event"]', 'add_to_cart');
    await tab.page.fill('input[name="steps[1].prop"]', script);
    await tab.page.fill('input[name="steps[1].value"]', img);
    await Promise.all([tab.page.waitForURL(/\/stats\/funnels\/\d+/), tab.page.click('button[type=submit]:has-text("Create funnel")')]);
    await Promise.all([tab.page.waitForURL(/\/stats\/clusters/), tab.page.goto(`${collector.url}/stats/clusters`).then(() => tab.page.click('form[action^="/stats/clusters/fit"] button'))]);
    await expect.poll(async () => collector.store.clusters.model((await collector.store.sites.byKey('test'))!.id), { timeout: 20_000 }).toBeTruthy();
    await tab.page.goto(`${collector.url}/stats/`);
    // Every page reachable by links from the landing page, two levels deep: sections, profiles, segments, funnels.
    const seen = new Set<string>();
    let frontier = [tab.page.url()];
    for (let depth = 0; depth < 3 && frontier.length > 0 && seen.size < 150; depth++) {
      const next: string[] = [];
      for (const url of frontier) {
        const key = new URL(url).pathname + new URL(url).search;
        if (seen.has(key)) continue;
        seen.add(key);
        const response = await tab.page.goto(url);
        expect(response?.status(), url).toBeLessThan(400);
        if (!response?.headers()['content-type']?.startsWith('text/html')) continue;
        await tab.page.waitForLoadState('load');
        expect(await tab.page.evaluate(() => (window as { pwned?: number }).pwned), url).toBeUndefined();
        expect(await tab.page.locator('a[href^="javascript:" i], [src^="javascript:" i]').count(), url).toBe(0);
        // The CSP would stop an injected handler from running; the markup must not get in to begin with.
        const injected = await tab.page.evaluate(() =>
          Array.from(document.querySelectorAll('*')).filter((el) => el.matches('script:not([src]), img[src="x"]') || Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
        );
        expect(injected, url).toBe(0);
        const links = await tab.page.locator('a[href^="/stats/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        next.push(...links.filter((href) => !/\.csv(\?|$)|\/logout/.test(href)));
      }
      frontier = next;
    }
    const paths = new Set([...seen].map((key) => key.split('?')[0]));
    for (const section of ['/stats/overview', '/stats/audience', '/stats/leads', '/stats/segments', '/stats/clusters', '/stats/events', '/stats/funnels', '/stats/webhooks']) {
      expect(paths).toContain(section);
    }
    // The hostile text reached the new pages, shown as text: cluster words, the webhook's URL, the Who card.
    await tab.page.goto(`${collector.url}/stats/clusters`);
    expect(await tab.page.textContent('main')).toMatch(/<img src=x|<svg onload/);
    await tab.page.goto(`${collector.url}/stats/webhooks`);
    expect(await tab.page.textContent('main')).toContain('127.0.0.1:9/');
    // The pages of one person, one segment and one funnel were opened as well.
    for (const page of [/^\/stats\/leads\/\d+$/, /^\/stats\/segments\/\d+$/, /^\/stats\/funnels\/\d+$/]) expect([...paths].some((path) => page.test(path!)), String(page)).toBe(true);
    expect(tab.dialogs).toEqual([]);
    expect(refused).toEqual([]);
    await tab.page.close();
  });
});
