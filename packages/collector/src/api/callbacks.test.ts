import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { desktopChrome, wireEvent } from '../testing/events.js';

let t: TestCollector;
beforeAll(async () => {
  // Behind a proxy on loopback: each test's requests come from an address of its own.
  t = await startTestCollector(undefined, { trustProxy: 'loopback' });
});
afterAll(() => t.close());

const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${t.url}/api/v1/sites/test${path}`, {
    method,
    headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};
const page = async (path: string, body: unknown, ip = '203.0.113.7') => {
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'user-agent': desktopChrome, 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};
const request = (visitor: string, fields: Record<string, unknown> = {}) => ({
  site: 'test', visitor_id: visitor, session_id: `s-${visitor}`, phone: '+7 916 555-01-02', name: 'Ada', consent: true,
  context: { url: 'http://localhost/sofa?utm_source=yandex' }, ...fields,
});

describe('the callback widget', () => {
  it('is offered to the people its rules name, and only when turned on', async () => {
    expect((await admin('GET', '/callback-widget')).json).toMatchObject({ enabled: false, min_product_views: 2, on_phones: false });
    expect((await admin('POST', '/call-pools', { name: 'Sales', default_number: '+74951234567', published_number: '+74951234567', numbers: ['+74957000001'] })).status).toBe(201);
    const ask = async (visitor: string) => (await page('/v1/numbers', { site: 'test', visitor_id: visitor, session_id: `s-${visitor}` })).json;
    expect((await ask('v-low')).callback).toBeUndefined();
    expect((await admin('PUT', '/callback-widget', { enabled: true, min_score: 5, segments: [99] })).json.field).toBe('segments[0]');
    expect((await admin('PUT', '/callback-widget', { enabled: true, min_score: 'x' })).json.field).toBe('min_score');
    const saved = await admin('PUT', '/callback-widget', { enabled: true, min_score: 5, title: 'Talk to a person' });
    expect(saved.json).toMatchObject({ enabled: true, min_score: 5, title: 'Talk to a person', button: 'Call me back' });
    expect((await ask('v-low')).callback).toBeUndefined();
    // Ten page views make a score of 10 under the default points; the visit's product views come next.
    await t.post({ site: 'test', events: Array.from({ length: 10 }, () => wireEvent({ visitor_id: 'v-keen', session_id: 's-v-keen' })) }, { 'user-agent': desktopChrome });
    const viewProduct = () => t.post({ site: 'test', events: [wireEvent({ type: 'track', name: 'product_view', visitor_id: 'v-keen', session_id: 's-v-keen' })] }, { 'user-agent': desktopChrome });
    await viewProduct();
    expect((await ask('v-keen')).callback).toBeUndefined();
    await viewProduct();
    expect((await ask('v-keen')).callback).toEqual({ title: 'Talk to a person', text: expect.any(String), button: 'Call me back', min_seconds_on_page: 20, exit_intent: true, on_phones: false });
  });

  it('takes a request as the visitor\'s callback_request event and tells the webhooks listening for it', async () => {
    const hook = await admin('POST', '/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['callback.requested'] });
    expect(hook.status).toBe(201);
    expect(await page('/v1/callbacks', request('v-1'))).toEqual({ status: 200, json: { requested: true } });
    const site = (await t.store.sites.byKey('test'))!;
    const events = (await t.store.events.ofVisitorAfter(site.id, 'v-1', { ts: 0, seq: 0 }, 10)).events;
    expect(events).toMatchObject([{ name: 'callback_request', props: { phone: '+79165550102', name: 'Ada' } }]);
    // Nothing answers at the hook's address: the delivery is tried, refused and listed as troubled.
    let troubled = await t.store.webhooks.troubled(site.id, hook.json.id, 10);
    for (let i = 0; i < 100 && troubled.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      troubled = await t.store.webhooks.troubled(site.id, hook.json.id, 10);
    }
    expect(troubled.map((row) => JSON.parse(row.body))).toMatchObject([{ type: 'callback.requested', callback: { phone: '+79165550102', name: 'Ada', source: 'yandex', page: 'http://localhost/sofa?utm_source=yandex' } }]);
  });

  it('refuses bad requests naming the field, and more than three an hour from one visitor or ten from one address', async () => {
    for (const [fields, field] of [
      [{ consent: false }, 'consent'],
      [{ consent: undefined }, 'consent'],
      [{ phone: 'call me' }, 'phone'],
      [{ phone: '12345' }, 'phone'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ visitor_id: 'a b' }, 'visitor_id'],
      [{ site: 'nope' }, 'site'],
    ] as const) {
      const answer = await page('/v1/callbacks', request('v-2', fields), '203.0.113.8');
      expect(answer.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(fields)).toBeLessThan(500);
      expect(answer.json.field, JSON.stringify(fields)).toBe(field);
    }
    for (let i = 0; i < 3; i++) expect((await page('/v1/callbacks', request('v-3'), '203.0.113.9')).status).toBe(200);
    const fourth = await page('/v1/callbacks', request('v-3'), '203.0.113.9');
    expect(fourth).toMatchObject({ status: 429, json: { field: 'visitor_id' } });
    const site = (await t.store.sites.byKey('test'))!;
    expect((await t.store.events.ofVisitorAfter(site.id, 'v-3', { ts: 0, seq: 0 }, 10)).events).toHaveLength(3);
    expect((await t.store.events.ofVisitorAfter(site.id, 'v-2', { ts: 0, seq: 0 }, 10)).events).toHaveLength(0);
    for (let i = 0; i < 10; i++) expect((await page('/v1/callbacks', request(`v-office-${i}`), '198.51.100.1')).status).toBe(200);
    expect(await page('/v1/callbacks', request('v-office-10'), '198.51.100.1')).toMatchObject({ status: 429, json: { field: 'address' } });
  });
});
