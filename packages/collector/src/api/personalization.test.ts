// Personalization over the REST API, against a real collector: rules and their versions, placements in both shapes and seed 001's import, browser keys and wizard links.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wizardParam } from '@pulse/wire/personalization';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';
import { checkWizardToken, wizardSecretKey } from '../personalization/wizard-token.js';
import { createApiToken } from './tokens.js';

/** Seed 001's slots as its file holds them (a copy kept beside the parser), as a site would paste them. */
const seedSlots = JSON.parse(readFileSync(new URL('../personalization/seed-001-slots.json', import.meta.url), 'utf8')) as Record<string, unknown>[];

let t: TestCollector;
let token: string;
beforeAll(async () => {
  t = await startTestCollector([{ key: 'test', domains: ['shop.example', 'localhost'] }]);
  token = await createApiToken(t.store, (await t.store.sites.byKey('test'))!, 'admin-ui', ['read', 'write'], Date.now());
});
afterAll(() => t.close());

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${t.url}/api/v1/sites/test${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: response.status === 204 ? null : await response.json() };
};

describe('event rules', () => {
  it('are created, listed with their firings, changed into new versions and deleted', async () => {
    const made = await api('POST', '/rules', { name: 'compare', on: 'click', selector: '[data-compare]', props: [{ name: 'product_id', from: 'data-product' }] });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ name: 'compare', on: 'click', selector: '[data-compare]', version: 1, fires_7d: 0 });
    const { id } = made.json;

    // A page's event naming the rule counts as a firing; another id counts nowhere.
    await t.post({ site: 'test', events: [wireEvent({ type: 'track', name: 'compare', props: { $rule: id } }), wireEvent({ type: 'track', name: 'compare', props: { $rule: id + 99 } })] });
    expect((await api('GET', `/rules/${id}`)).json.fires_7d).toBe(1);

    const changed = await api('PUT', `/rules/${id}`, { name: 'compare', on: 'click', selector: '.compare-button', text: 'Compare' });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ version: 2, selector: '.compare-button', text: 'Compare', fires_7d: 1 });
    const versions = await api('GET', `/rules/${id}/versions`);
    expect(versions.json.map((v: { version: number; rule: { selector: string } }) => [v.version, v.rule.selector])).toEqual([[2, '.compare-button'], [1, '[data-compare]']]);
    expect((await api('GET', '/rules')).json.map((r: { id: number }) => r.id)).toEqual([id]);

    expect((await api('DELETE', `/rules/${id}`)).status).toBe(204);
    expect((await api('GET', `/rules/${id}`)).status).toBe(404);
    expect((await api('GET', `/rules/${id}/versions`)).status).toBe(404);
    expect((await api('PUT', `/rules/${id}`, { name: 'x', on: 'page', url: { match: 'prefix', value: '/' } })).status).toBe(404);
  });

  it('refuses hostile and broken rules with a 400 naming the field, storing nothing', async () => {
    for (const [body, field] of [
      [{ name: 'x', on: 'click', selector: 'a[href=' }, 'selector'],
      [{ name: 'x', on: 'click', selector: '<script>alert(1)</script>' }, 'selector'],
      [{ name: 'x', on: 'page', url: { match: 'regex', value: '(a+)+$' } }, 'url.value'],
      [{ name: 'x', on: 'page', url: { match: 'regex', value: '([' } }, 'url.value'],
      [{ name: 'x', on: 'page' }, 'url'],
      [{ name: 'x', on: 'submit', selector: 'form', props: [{ name: 'card', from: 'field:' }] }, 'props[0].from'],
      [{ name: 'x', on: 'click', selector: 'a', extra: true }, 'body'],
    ] as const) {
      const answer = await api('POST', '/rules', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.field, JSON.stringify(body)).toBe(field);
    }
    expect((await api('GET', '/rules')).json).toEqual([]);
  });
});

describe('placements', () => {
  const hero = {
    id: 'hero',
    label: 'Home hero',
    variants: [
      { name: 'Shoe lovers', priority: 10, when: { segments: ['shoes'] }, content: { kind: 'content', title: 'New running shoes', link: '/shoes' } },
      { name: 'Everyone', content: { kind: 'content', title: 'Winter sale', link: 'https://shop.example/sale' } },
    ],
  };

  it('targets only segments shown to browsers, under the key PUT browser-key gives', async () => {
    const refused = await api('POST', '/placements', hero);
    expect(refused.status).toBe(400);
    expect(refused.json.field).toBe('variants[0].when.segments[0]');

    const segment = (await api('POST', '/segments', { name: 'Shoes', rules: { event: 'add_to_cart', withinDays: 14, count: { gte: 1 } } })).json;
    expect(segment.browserKey).toBeNull();
    for (const [key, field] of [['Shoes!', 'browser_key'], [7, 'browser_key']] as const) {
      const answer = await api('PUT', `/segments/${segment.id}/browser-key`, { browser_key: key });
      expect([answer.status, answer.json.field]).toEqual([400, field]);
    }
    expect((await api('PUT', `/segments/${segment.id}/browser-key`, { browser_key: 'shoes' })).json).toMatchObject({ id: segment.id, browserKey: 'shoes' });
    const other = (await api('POST', '/segments', { name: 'Other', rules: { lifecycle: ['new'] } })).json;
    const taken = await api('PUT', `/segments/${other.id}/browser-key`, { browser_key: 'shoes' });
    expect([taken.status, taken.json.field]).toEqual([400, 'browser_key']);
    expect((await api('PUT', '/segments/9999/browser-key', { browser_key: 'x' })).status).toBe(404);
    expect((await api('GET', '/segments')).json.map((s: { browserKey: string | null }) => s.browserKey)).toEqual(['shoes', null]);
  });

  it("are saved by slot id (201, then 200), variants sent back with their ids keeping their views and clicks", async () => {
    const made = await api('POST', '/placements', hero);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ id: 'hero', label: 'Home hero', adaptive: ['desktop', 'tablet', 'phone'], disable: false, auto_reload: 0 });
    const [shoes, everyone] = made.json.variants as { id: number; name: string; views_7d: number }[];
    expect([shoes!.name, everyone!.name, shoes!.views_7d]).toEqual(['Shoe lovers', 'Everyone', 0]);

    const slot = (name: string, variant: number) => wireEvent({ type: 'track', name, props: { slot: 'hero', variant } });
    await t.post({ site: 'test', events: [slot('slot_view', everyone!.id), slot('slot_view', everyone!.id), slot('slot_click', everyone!.id)] });

    const changed = await api('POST', '/placements', { ...hero, adaptive: ['phone'], auto_reload: 30, variants: [{ ...hero.variants[1], id: everyone!.id, name: 'All' }] });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ adaptive: ['phone'], auto_reload: 30, variants: [{ id: everyone!.id, name: 'All', views_7d: 2, clicks_7d: 1 }] });
    expect((await api('GET', '/placements/hero')).json).toEqual(changed.json);
  });

  it("take seed 001's own slot shape", async () => {
    const answer = await api('POST', '/placements', seedSlots[8]);
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ id: '9', label: 'Fullscreen Mobile', adaptive: ['phone'], auto_reload: 60, variants: [{ name: 'adfox', content: { kind: 'provider', provider: 'adfox', params: { ownerId: 228129 } } }] });
  });

  it('refuses variants that could run script or break the page, naming the field', async () => {
    const content = (fields: object) => ({ id: 'bad', label: 'Bad', variants: [{ name: 'v', content: { kind: 'content', title: 'Hi', ...fields } }] });
    for (const [body, field] of [
      [content({ link: 'javascript:alert(1)' }), 'variants[0].content.link'],
      [content({ image: 'data:image/svg+xml,<svg onload=alert(1)>' }), 'variants[0].content.image'],
      [content({ html: '<img onerror=alert(1)>' }), 'variants[0].content'],
      [{ ...content({}), auto_reload: 3 }, 'auto_reload'],
      [{ ...content({}), id: '../etc' }, 'id'],
      [{ ...content({}), variants: [{ name: 'v', when: { url: { match: 'regex', value: '(x+)+y' } }, content: { kind: 'content', title: 'Hi' } }] }, 'variants[0].when.url.value'],
      [{ id: 1, label: 'Seed', provider: 'adfox', adaptive: ['watch'], adfox: {} }, 'adaptive[0]'],
      [{ id: 1, label: 'Seed', provider: 'adfox', adfox: {}, bogus: 1 }, 'bogus'],
      [[], 'body'],
    ] as const) {
      const answer = await api('POST', '/placements', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.field, JSON.stringify(body)).toBe(field);
    }
    expect((await api('GET', '/placements/bad')).status).toBe(404);
  });

  it("import seed 001's whole file, or none of it when one slot is wrong", async () => {
    const bad = [{ ...seedSlots[0], id: 'new-one' }, ...seedSlots.slice(1, 3), { ...seedSlots[3], adaptive: ['watch'] }];
    const refused = await api('POST', '/placements/import', bad);
    expect(refused.status).toBe(400);
    expect(refused.json.field).toBe('[3].adaptive[0]');
    const twice = await api('POST', '/placements/import', [seedSlots[0], seedSlots[0]]);
    expect([twice.status, twice.json.field]).toEqual([400, '[1].id']);
    const untargetable = await api('POST', '/placements/import', [seedSlots[1], { ...hero, id: 'side', variants: [{ ...hero.variants[0], when: { segments: ['nobody'] } }] }]);
    expect([untargetable.status, untargetable.json.field]).toEqual([400, '[1].variants[0].when.segments[0]']);
    expect((await api('GET', '/placements')).json.map((p: { id: string }) => p.id)).toEqual(['9', 'hero']);

    const imported = await api('POST', '/placements/import', seedSlots);
    expect(imported.status).toBe(200);
    expect(imported.json).toHaveLength(seedSlots.length);
    expect(imported.json.find((p: { id: string }) => p.id === '10')).toMatchObject({ label: 'Native Partner Desktop', disable: true });
    expect(imported.json.find((p: { id: string }) => p.id === '14').variants[0].content).toMatchObject({ provider: 'yandex', params: { block_id: 'VI-223676-0' } });
    expect((await api('GET', '/placements')).json).toHaveLength(seedSlots.length + 1);
  });

  it('are deleted by slot id', async () => {
    expect((await api('DELETE', '/placements/hero')).status).toBe(204);
    expect((await api('DELETE', '/placements/hero')).status).toBe(404);
    expect((await api('GET', '/placements/hero')).status).toBe(404);
  });
});

describe('wizard links', () => {
  it("open the picker on a page of the site with a signed token for this site", async () => {
    const answer = await api('POST', '/wizard', { page: 'https://www.shop.example/catalog?sort=price#top' });
    expect(answer.status).toBe(200);
    const url = new URL(answer.json.url);
    expect([url.host, url.pathname, url.searchParams.get('sort'), url.searchParams.get(wizardParam)]).toEqual(['www.shop.example', '/catalog', 'price', answer.json.token]);
    const claim = checkWizardToken(await t.store.settings.get(wizardSecretKey), answer.json.token, Date.now());
    expect(claim).toEqual({ site: 'test', expiresAt: answer.json.expires_at });
  });

  it("refuse a page on another host, or not a web page, naming page", async () => {
    for (const page of ['https://evil.example/', 'https://shop.example.evil.example/', 'javascript:alert(1)', 'ftp://shop.example/', 'shop.example/catalog']) {
      const answer = await api('POST', '/wizard', { page });
      expect([answer.status, answer.json.field], page).toEqual([400, 'page']);
    }
  });
});
