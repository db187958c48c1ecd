// Personalization in real Chromium against the real collector: slots filled per visitor and device without layout shift, slot views and clicks, wizard rules firing, the profile following the visitor's events, hostile content inert.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { phone, named, newContext, useBrowserAndCollector, type StoredEvent } from './harness';
import { addSegment, setUpSite } from './site-setup';

const setup = useBrowserAndCollector();

/** The slot markup and anti-flicker CSS of packages/sdk/README.md, a compare button, a newsletter form with a password field. */
const shopBody = `
  <style>
    [data-pulse-slot] { display: block; min-height: 160px; }
    [data-pulse-slot]:not([data-pulse-filled]) { animation: pulse-hold 1s step-end; }
    @keyframes pulse-hold { from { visibility: hidden; } }
  </style>
  <div data-pulse-slot="hero" id="hero"><p>Our own hero</p></div>
  <p>Below the hero: nothing here may move.</p>
  <button class="compare" data-product="p1">Compare  </button>
  <form class="newsletter" onsubmit="event.preventDefault()">
    <input name="email" value="ada@example.com"><input name="password" type="password" value="hunter2"><button>Subscribe</button>
  </form>
  <div data-pulse-slot="hostile" id="hostile"><p>Hostile's own</p></div>`;

let ids: { rules: number[]; variants: Record<string, number[]> };

beforeAll(async () => {
  const collector = setup.collector();
  const readers = await addSegment(collector, 'Newsletter readers', { event: 'newsletter_signup', withinDays: 30, count: { gte: 1 } });
  ids = await setUpSite(collector, {
    rules: [
      { name: 'compare_click', on: 'click', selector: '.compare', text: 'COMPARE', props: [{ name: 'product', from: 'data-product' }, { name: 'label', from: 'text' }] },
      { name: 'pricing_view', on: 'page', url: { match: 'prefix', value: '/e2e/pricing' }, props: [] },
      { name: 'newsletter_signup', on: 'submit', selector: 'form.newsletter', props: [{ name: 'email', from: 'field:email' }, { name: 'secret', from: 'field:password' }] },
    ],
    placements: [
      {
        slot: 'hero',
        adaptive: ['desktop', 'phone'],
        variants: [
          { name: 'Readers', priority: 20, when: { segments: ['newsletter'] }, content: { kind: 'content', title: 'Thanks for reading' } },
          { name: 'Phones', priority: 10, when: { devices: ['phone'] }, content: { kind: 'content', title: 'Shop on the go' } },
          { name: 'Everyone', content: { kind: 'content', title: 'Spring sale', text: 'Twenty percent off', link: '/sale', cta: 'Shop now' } },
        ],
      },
      {
        slot: 'hostile',
        // Saved past the API's checks, as if they failed: the SDK must still run nothing.
        variants: [{ name: 'Hostile', content: { kind: 'content', title: '<img src=x onerror="window.pwned=1">', text: '<script>window.pwned=2</script>', link: 'javascript:window.pwned=3', image: 'javascript:window.pwned=4' } }],
      },
    ],
    browserKeys: { [readers]: 'newsletter' },
  });
});

/** A page of the site at `path` on the collector's origin (the demo site's), with the stub and p.js. */
async function open(context: BrowserContext, path: string, body = shopBody, tag = ''): Promise<Page> {
  const collector = setup.collector();
  await context.route(`${collector.url}${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>${path}</title>
        <script>window.pulse=window.pulse||{q:[]};['track','page','identify','consent','reset','flush','on','slot','profile'].forEach(function(m){pulse[m]=pulse[m]||function(){pulse.q.push([m,[].slice.call(arguments)])}})</script>
        <script>window.shifts=0;new PerformanceObserver(function(l){l.getEntries().forEach(function(e){if(!e.hadRecentInput)window.shifts+=e.value})}).observe({type:'layout-shift',buffered:true})</script>
        <script async src="/p.js" data-site="demo" ${tag}></script></head><body>${body}</body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${collector.url}${path}`);
  return page;
}

const filled = (page: Page, slot: string) => page.waitForSelector(`#${slot}[data-pulse-filled]`).then((element) => element.getAttribute('data-pulse-filled'));
const visitorOf = (page: Page) => page.evaluate(() => localStorage.pulse_v as string);
const propsOf = (event: StoredEvent) => JSON.parse(event.props ?? '{}') as Record<string, unknown>;
const flush = (page: Page) => page.evaluate(() => (window as any).pulse.flush());

describe('slots', () => {
  it('desktop: the default variant, one slot_view, a slot_click with the variant, no layout shift', async () => {
    const collector = setup.collector();
    const context = await newContext(setup.browser(), { viewport: { width: 1280, height: 900 } });
    const page = await open(context, '/e2e/home.html');
    expect(await filled(page, 'hero')).toBe(String(ids.variants.hero![2]));
    expect(await page.locator('#hero .pulse-slot__title').textContent()).toBe('Spring sale');
    expect(await page.locator('#hero a.pulse-slot__link').getAttribute('href')).toBe(`${collector.url}/sale`);
    // Content without an image has none.
    expect(await page.locator('#hero img').count()).toBe(0);
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as any).shifts as number);
    expect(shifts).toBeLessThan(0.01);
    const visitor = await visitorOf(page);
    // The site keeps the visitor on the page (a single-page app's router would): the click is recorded all the same.
    await page.evaluate(() => document.addEventListener('click', (event) => event.preventDefault()));
    await page.locator('#hero .pulse-slot__title').click();
    await flush(page);
    const events = await collector.waitFor((all) => all.some((e) => e.visitor_id === visitor && e.name === 'slot_click'));
    await context.close();
    const mine = events.filter((e) => e.visitor_id === visitor);
    const views = named(mine, 'slot_view').filter((e) => propsOf(e).slot === 'hero');
    expect(views.map(propsOf)).toEqual([{ slot: 'hero', variant: ids.variants.hero![2] }]);
    expect(named(mine, 'slot_click').map(propsOf)).toEqual([{ slot: 'hero', variant: ids.variants.hero![2] }]);
  });

  it('phone: the variant for phones', async () => {
    const context = await newContext(setup.browser(), phone);
    const page = await open(context, '/e2e/home.html');
    expect(await filled(page, 'hero')).toBe(String(ids.variants.hero![1]));
    expect(await page.locator('#hero .pulse-slot__title').textContent()).toBe('Shop on the go');
    await context.close();
  });

  it('a hostile variant runs nothing: its markup is text, its javascript: URLs dropped', async () => {
    const context = await newContext(setup.browser());
    const page = await open(context, '/e2e/hostile.html');
    await filled(page, 'hostile');
    await page.locator('#hostile').click();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(await page.locator('#hostile img, #hostile script, #hostile a').count()).toBe(0);
    expect(await page.locator('#hostile .pulse-slot__title').textContent()).toBe('<img src=x onerror="window.pwned=1">');
    await context.close();
  });
});

describe('rules and the profile', () => {
  it('click, page and submit rules fire their events with props, never a password; the profile and the slot follow the new segment', async () => {
    const collector = setup.collector();
    const context = await newContext(setup.browser());
    const page = await open(context, '/e2e/pricing/plans.html');
    expect(await filled(page, 'hero')).toBe(String(ids.variants.hero![2]));
    const profiles: string[][] = [];
    await page.exposeFunction('seen', (segments: string[]) => profiles.push(segments));
    await page.evaluate(() => (window as any).pulse.on('profile', (profile: { segments: string[] }) => (window as any).seen(profile.segments)));
    await page.locator('.compare').click();
    await page.locator('form.newsletter button').click();
    // The segment the signup moved the visitor into reaches the page without a reload.
    await page.waitForSelector(`#hero[data-pulse-filled="${ids.variants.hero![0]}"]`, { timeout: 10_000 });
    expect(await page.locator('#hero .pulse-slot__title').textContent()).toBe('Thanks for reading');
    expect(profiles.at(-1)).toEqual(['newsletter']);
    expect(await page.evaluate(() => (window as any).pulse.profile())).toMatchObject({ segments: ['newsletter'], device: 'desktop' });
    const visitor = await visitorOf(page);
    await flush(page);
    const events = (await collector.waitFor((all) => all.some((e) => e.visitor_id === visitor && e.name === 'newsletter_signup'))).filter((e) => e.visitor_id === visitor);
    expect(named(events, 'compare_click').map(propsOf)).toEqual([{ product: 'p1', label: 'Compare', $rule: ids.rules[0] }]);
    expect(named(events, 'pricing_view').map(propsOf)).toEqual([{ $rule: ids.rules[1] }]);
    expect(named(events, 'newsletter_signup').map(propsOf)).toEqual([{ email: 'ada@example.com', $rule: ids.rules[2] }]);
    expect(JSON.stringify(events)).not.toContain('hunter2');

    // The next page paints the reader's variant from the session's profile, before asking again.
    const next = await open(context, '/e2e/next.html');
    expect(await filled(next, 'hero')).toBe(String(ids.variants.hero![0]));
    await context.close();
  });
});

describe('consent', () => {
  it('before consent(true) the chunk fetches, renders and records nothing; after it, the slot fills', async () => {
    const context = await newContext(setup.browser());
    const asked: string[] = [];
    let chunkLoaded = false;
    context.on('request', (request) => /\/v1\/(config|profile)\//.test(request.url()) && asked.push(request.url()));
    context.on('requestfinished', (request) => request.url().endsWith('/p-site.js') && (chunkLoaded = true));
    // on() loads the chunk before any consent: it must wait for it.
    const page = await open(context, '/e2e/consent.html', `${shopBody}<script>pulse.on('profile', function () { window.profiled = true; })</script>`, 'data-consent="required"');
    await page.waitForFunction(() => typeof (window as any).pulse.state === 'function' && !(window as any).pulse.q);
    await page.waitForTimeout(1_500);
    expect(chunkLoaded).toBe(true);
    expect(asked).toEqual([]);
    expect(await page.locator('#hero').getAttribute('data-pulse-filled')).toBeNull();
    expect(await page.evaluate(() => (window as any).pulse.profile())).toBeNull();
    await page.evaluate(() => (window as any).pulse.consent(true));
    expect(await filled(page, 'hero')).toBe(String(ids.variants.hero![2]));
    expect(await page.evaluate(() => (window as any).profiled)).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    await context.close();
  });
});
