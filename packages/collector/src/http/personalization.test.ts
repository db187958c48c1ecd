// The browser's personalization endpoints over real HTTP: the site config and the chunks it names, the visitor's own profile, and the picker's wizard routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitorProfileSchema } from '@pulse/wire/personalization';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import type { Store } from '../storage/store.js';
import { iphoneSafari, wireEvent } from '../testing/events.js';
import { ensureWizardSecret, exposeSegment, saveEventRule, savePlacement } from '../engine/personalization.js';
import { saveSegmentRule } from '../engine/segments.js';
import { parseEventRule, parsePlacement } from '../personalization/validate.js';
import { wizardToken } from '../personalization/wizard-token.js';
import { dayOf } from '../days.js';
import { profileReadsPerVisitor } from './personalization.js';

let collector: TestCollector;
const siteId = async (key: string) => (await collector.store.sites.byKey(key))!.id;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${collector.url}${path}`, { headers });
const write = <T>(fn: (tx: Store) => T | Promise<T>) => collector.store.transaction(fn);

beforeAll(async () => {
  collector = await startTestCollector([
    { key: 'shop', domains: ['shop.example', 'localhost'] },
    { key: 'blog', domains: ['blog.example'] },
  ], { trustProxy: 'loopback' });
});
afterAll(() => collector.close());

describe('GET /v1/config/:site', () => {
  it('is empty for a site with nothing configured, and the events answer names no chunk', async () => {
    const answer = await get('/v1/config/blog');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ rules: [], placements: [], calls: false });
    const { json } = await collector.post({ site: 'blog', events: [wireEvent({ url: 'https://blog.example/' })] }, { origin: 'https://blog.example' });
    expect(json.chunks).toBeUndefined();
  });

  it('carries the saved rules and enabled placements, with an ETag, and the events answer names p-site.js', async () => {
    const now = Date.now();
    await write(async (tx) => {
      await saveEventRule(tx, await siteId('shop'), undefined, parseEventRule({ name: 'newsletter_signup', on: 'submit', selector: '#newsletter' }), now);
      await savePlacement(tx, await siteId('shop'), parsePlacement({ id: 'hero', label: 'Home hero', variants: [{ name: 'Sale', content: { kind: 'content', title: 'Sale' } }] }), now);
      await savePlacement(tx, await siteId('shop'), parsePlacement({ id: 9, label: 'Fullscreen Mobile', provider: 'adfox', adaptive: ['phone'], disable: true, adfox: { ownerId: 1 } }), now);
    });
    const answer = await get('/v1/config/shop', { origin: 'https://shop.example' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=30');
    const config = await answer.json();
    expect(config.rules).toEqual([expect.objectContaining({ name: 'newsletter_signup', on: 'submit', selector: '#newsletter', version: 1 })]);
    // The disabled seed-001 slot stays out of the browser's document.
    expect(config.placements.map((placement: { id: string }) => placement.id)).toEqual(['hero']);
    const etag = answer.headers.get('etag')!;
    expect((await get('/v1/config/shop', { 'if-none-match': etag })).status).toBe(304);

    const { json } = await collector.post({ site: 'shop', events: [wireEvent()] });
    expect(json.chunks).toEqual(['site']);
  });

  it('refuses a page of another origin and an unknown site', async () => {
    expect((await get('/v1/config/shop', { origin: 'https://evil.example' })).status).toBe(403);
    const unknown = await get('/v1/config/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ field: 'site' });
  });
});

describe('GET /v1/profile/:site/:visitor', () => {
  it('answers a visitor never seen as new and cold, with the device class of the request', async () => {
    const answer = await get('/v1/profile/shop/v-never', { 'user-agent': iphoneSafari });
    expect(answer.headers.get('cache-control')).toBe('private, no-cache');
    expect(await answer.json()).toEqual({ segments: [], group: 'new', cluster: null, score_band: 'cold', device: 'phone' });
  });

  it('names the exposed segments the visitor is in, by their keys, and nothing that identifies them', async () => {
    const shop = await siteId('shop');
    const now = Date.now();
    await write(async (tx) => {
      const carts = await saveSegmentRule(tx, shop, { name: 'Carts', rules: { event: 'add_to_cart', withinDays: 14, count: { gte: 1 } } }, now);
      await saveSegmentRule(tx, shop, { name: 'Hidden carts', rules: { event: 'add_to_cart', withinDays: 14, count: { gte: 1 } } }, now);
      await exposeSegment(tx, shop, (carts as { segment: { id: number } }).segment.id, 'carts');
    });
    const before = await (await get('/v1/profile/shop/v-cart')).json();
    expect(before.segments).toEqual([]);
    await collector.post({ site: 'shop', events: [wireEvent({ visitor_id: 'v-cart', session_id: 's-cart', type: 'identify', user_id: 'ada@example.com', traits: { name: 'Ada' } })] });
    await collector.post({ site: 'shop', events: [wireEvent({ visitor_id: 'v-cart', session_id: 's-cart', type: 'track', name: 'add_to_cart', props: { price: 10 } })] });
    const after = await (await get('/v1/profile/shop/v-cart')).json();
    // The strict schema: no traits, no user id, no other key.
    expect(visitorProfileSchema.parse(after)).toEqual({ segments: ['carts'], group: 'new', cluster: null, score_band: 'cold', device: 'desktop' });
    expect(JSON.stringify(after)).not.toContain('ada');
  });

  it('revalidates by ETag and refuses a malformed visitor id naming it', async () => {
    const first = await get('/v1/profile/shop/v-cart');
    expect((await get('/v1/profile/shop/v-cart', { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
    const bad = await get('/v1/profile/shop/bad%20id');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'visitor' });
  });

  it('limits reads per visitor, with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i <= profileReadsPerVisitor; i++) answers.push((await get('/v1/profile/shop/v-greedy', { 'x-forwarded-for': `198.51.100.${i % 200}` })).status);
    expect(answers.slice(0, -1).every((status) => status === 200 || status === 304)).toBe(true);
    const last = await get('/v1/profile/shop/v-greedy', { 'x-forwarded-for': '203.0.113.9' });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another visitor is not held up.
    expect((await get('/v1/profile/shop/v-modest')).status).toBe(200);
  });
});

describe('the wizard', () => {
  const token = async () => wizardToken(await write((tx) => ensureWizardSecret(tx)), 'shop', Date.now()).token;
  const rules = (bearer: string | undefined, init: RequestInit = {}) =>
    fetch(`${collector.url}/v1/wizard/rules`, { ...init, headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), origin: 'http://localhost:5173', 'content-type': 'application/json' } });

  it('names the picker for the session that opened a page with a live token, and stores the URL without it', async () => {
    const opened = wireEvent({ visitor_id: 'v-admin', session_id: 's-admin', url: `http://localhost/demo/?a=1&pulse_wizard=${await token()}` });
    const first = await collector.post({ site: 'shop', events: [opened] });
    expect(first.json.chunks).toContain('picker');
    const stored = (await collector.store.events.ofVisitorAfter(await siteId('shop'), 'v-admin', { ts: 0, seq: 0 }, 10)).events;
    expect(stored.map((event) => event.url)).toEqual(['http://localhost/demo/?a=1']);
    // Later pages of the session carry no token: the session keeps the picker.
    const later = await collector.post({ site: 'shop', events: [wireEvent({ visitor_id: 'v-admin', session_id: 's-admin', url: 'http://localhost/demo/cart.html' })] });
    expect(later.json.chunks).toContain('picker');
    const forged = await collector.post({ site: 'shop', events: [wireEvent({ session_id: 's-forged', url: `http://localhost/?pulse_wizard=${(await token()).slice(0, -2)}xx` })] });
    expect(forged.json.chunks).not.toContain('picker');
  });

  it('saves rules with a token only, naming the field of a bad one, and versions a change', async () => {
    expect((await rules(undefined)).status).toBe(401);
    expect((await rules('shop.lq.forged')).status).toBe(401);
    const bearer = await token();
    const badSelector = await rules(bearer, { method: 'POST', body: JSON.stringify({ name: 'x', on: 'click', selector: 'button[' }) });
    expect(badSelector.status).toBe(400);
    expect(await badSelector.json()).toMatchObject({ field: 'selector' });
    const slowRegex = await rules(bearer, { method: 'POST', body: JSON.stringify({ name: 'x', on: 'page', url: { match: 'regex', value: '^/(a+)+$' } }) });
    expect(await slowRegex.json()).toMatchObject({ field: 'url.value' });

    const created = await rules(bearer, { method: 'POST', body: JSON.stringify({ name: 'compare', on: 'click', selector: '[data-action="compare"]', props: [{ name: 'product_id', from: 'data-product-id' }] }) });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const changed = await rules(bearer, { method: 'POST', body: JSON.stringify({ id, name: 'compare', on: 'click', selector: 'button[data-action="compare"]' }) });
    expect(await changed.json()).toEqual({ id, version: 2 });
    expect((await collector.store.personalization.ruleVersions(await siteId('shop'), id)).map((version) => version.version)).toEqual([2, 1]);

    await collector.post({ site: 'shop', events: [wireEvent({ type: 'track', name: 'compare', props: { product_id: 'p1', $rule: id } })] });
    const listed = await (await rules(bearer)).json();
    expect(listed.rules.find((rule: { id: number }) => rule.id === id)).toMatchObject({ version: 2, fires_7d: 1 });
  });
});

describe('variant views and clicks', () => {
  it('counts the site\'s own variants per day, and no other site\'s', async () => {
    const hero = (await collector.store.personalization.placement(await siteId('shop'), 'hero'))!;
    const variant = hero.variants[0]!.id;
    const slot = (name: string, id: number) => wireEvent({ type: 'track', name, props: { slot: 'hero', variant: id } });
    await collector.post({ site: 'shop', events: [slot('slot_view', variant), slot('slot_view', variant), slot('slot_click', variant)] });
    await collector.post({ site: 'blog', events: [{ ...slot('slot_view', variant), context: { url: 'https://blog.example/' } }] }, { origin: 'https://blog.example' });
    const today = dayOf(Date.now());
    expect(await collector.store.personalization.variantTallies(await siteId('shop'), today, today)).toEqual([{ variantId: variant, views: 2, clicks: 1 }]);
    expect(await collector.store.personalization.variantTallies(await siteId('blog'), today, today)).toEqual([]);
  });
});
