// The API contract: every route, answering success and each refusal, checked against the schema /openapi.json declares for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';
import { createApiToken } from './tokens.js';

let t: TestCollector;
let doc: any;
const tokens = { readWrite: '', read: '', write: '', other: '' };
const seen = new Set<string>();
let ajv: Ajv2020;
// ajv-formats is CommonJS: its plugin is the module's `default` export.
const addFormats = (formats as unknown as { default: typeof formats.default }).default;

/** The doc's schema for an answer, by JSON pointer into the document itself, so its $refs resolve. */
function validatorFor(path: string, method: string, status: number, type: string) {
  const pointer = ['paths', path, method, 'responses', String(status), 'content', type, 'schema']
    .map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
  const validate = ajv.getSchema(`openapi.json#/${pointer}`);
  if (!validate) throw new Error(`the document declares no ${type} answer ${status} for ${method.toUpperCase()} ${path}`);
  return validate;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Calls a route and checks the answer against the document: its status is declared, its body fits the schema. */
async function call(method: Method, template: string, url: string, status: number, token: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${url}`, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  expect(response.status, `${method} ${url}: ${text.slice(0, 300)}`).toBe(status);
  if (status === 204) {
    expect(text).toBe('');
    expect(doc.paths[template][method].responses['204'], `${method} ${template} declares 204`).toBeDefined();
    seen.add(`${method} ${template} ${status}`);
    return [];
  }
  const type = response.headers.get('content-type')!.split(';')[0]!;
  const validate = validatorFor(template, method, status, type);
  const bodies = type === 'application/x-ndjson' ? text.split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [JSON.parse(text)];
  for (const value of bodies) expect(validate(value), `${method} ${url} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  if (status >= 400) expect(bodies[0]).toMatchObject({ error: expect.any(String), field: expect.any(String) });
  seen.add(`${method} ${template} ${status}`);
  return bodies;
}

const p = '/api/v1/sites/{site}';
const webhookUrl = 'https://crm.example.com/pulse';
const callPool = { name: 'Sales', default_number: '+74951234567', published_number: '+74951234567', numbers: ['+74957000001'] };
const clickRule = { name: 'compare', on: 'click', selector: '[data-compare]', props: [{ name: 'product_id', from: 'data-product' }] };
const placement = { id: 'hero', label: 'Home hero', variants: [{ name: 'Pros', priority: 1, when: { segments: ['pros'] }, content: { kind: 'content', title: 'Pro plan', link: '/pro' } }] };
const seedSlot = { id: 9, label: 'Fullscreen Mobile', provider: 'adfox', adaptive: ['phone'], auto_reload: true, adfox: { ownerId: 228129, params: { pp: 'g' } } };
let profileId = 0;
let segmentId = 0;

beforeAll(async () => {
  t = await startTestCollector([
    { key: 'test', domains: ['localhost'] },
    { key: 'other', domains: ['other.example'] },
  ]);
  const site = (await t.store.sites.byKey('test'))!;
  const other = (await t.store.sites.byKey('other'))!;
  tokens.readWrite = await createApiToken(t.store, site, 'crm', ['read', 'write'], Date.now());
  tokens.read = await createApiToken(t.store, site, 'dashboard', ['read'], Date.now());
  tokens.write = await createApiToken(t.store, site, 'telephony', ['write'], Date.now());
  tokens.other = await createApiToken(t.store, other, 'crm', ['read', 'write'], Date.now());
  await t.store.funnels.insert(site.id, { name: 'Checkout', steps: [{ event: 'page', where: [] }, { event: 'purchase', where: [] }], windowMinutes: 60 }, Date.now());
  const sent = await t.post({
    site: 'test',
    events: [
      wireEvent({ visitor_id: 'v-ada' }),
      wireEvent({ type: 'identify', visitor_id: 'v-ada', user_id: 'ada@example.com', traits: { name: 'Ada', plan: 'pro' } }),
      wireEvent({ type: 'track', name: 'review', visitor_id: 'v-ada', props: { text: 'Great <b>grinder</b>', rating: 5 } }),
      wireEvent({ visitor_id: 'v-bob', session_id: 's-bob', url: 'http://localhost/?utm_source=news' }),
    ],
  });
  expect(sent.json.accepted).toBe(4);
  const segment = await fetch(`${t.url}/api/v1/sites/test/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Pro', rules: { trait: 'plan', equals: 'pro' } }),
  });
  segmentId = ((await segment.json()) as { id: number }).id;
  profileId = (await t.store.profiles.ofUser(site.id, 'ada@example.com'))!.id;

  doc = await (await fetch(`${t.url}/openapi.json`)).json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
});
afterAll(() => t?.close());

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document with the bearer token scheme', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.token).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('every route answers as the document says', () => {
  const routes = () =>
    Object.entries(doc.paths as Record<string, Record<string, { security: { token: string[] }[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method: method as Method, scope: op.security[0]!.token[0]! })),
    );
  const concrete = (path: string) =>
    path.replace('{site}', 'test').replace('{id}', '1').replace('{slot}', 'hero').replace('{kind}', 'ecommerce_buyers').replace('{name}', 'page').replace('{by}', 'visitor');
  /** A body each writing route would take, so that only the token decides the answer. */
  const bodyFor = (method: Method, path: string): unknown => {
    if (method === 'get' || method === 'delete') return undefined;
    if (path.endsWith('/events')) return { events: [{ name: 'call', ts: Date.now(), user_id: 'ada@example.com' }] };
    if (path.endsWith('/browser-key')) return { browser_key: 'pros' };
    if (path.includes('/rules')) return clickRule;
    if (path.endsWith('/placements/import')) return [seedSlot];
    if (path.includes('/placements')) return placement;
    if (path.endsWith('/wizard')) return { page: 'http://localhost/' };
    if (path.includes('/segments')) return { name: 'Anyone', rules: { lifecycle: ['new'] } };
    if (path.includes('/definitions')) return { points: 1 };
    if (path.endsWith('/webhooks')) return { url: webhookUrl };
    if (path.includes('/webhooks/')) return { enabled: false };
    if (path.endsWith('/retention')) return { days: 30 };
    if (path.includes('/call-pools')) return callPool;
    if (path.endsWith('/calls')) return { call_id: 'refused', called_number: '+74957000001', caller_number: '+79165550102', started_at: Date.now(), duration_s: 1, answered: false };
    if (path.includes('/call-numbers')) return { number: '+74958000009', source: 'tv' };
    if (path.endsWith('/call-settings')) return { store_callers: false };
    if (path.endsWith('/callback-widget')) return { enabled: false };
    return {};
  };
  const query = (path: string) => (path.endsWith('/events') ? '?from=2020-01-01&to=2030-01-01' : '');

  it("refuses a site's route without a token, with an unknown one, of another site, or lacking the scope", async () => {
    for (const { path, method, scope } of routes().filter((r) => r.path.startsWith(p))) {
      const url = concrete(path) + query(path);
      await call(method, path, url, 401, null, bodyFor(method, path));
      await call(method, path, url, 401, 'pulse_not-a-token', bodyFor(method, path));
      await call(method, path, url, 404, tokens.other, bodyFor(method, path));
      const [body] = await call(method, path, url, 403, scope === 'read' ? tokens.write : tokens.read, bodyFor(method, path));
      expect(body.error).toContain(`${scope} scope`);
    }
  });

  it("refuses a collector-wide route without a token or with an unknown one, and the retention to a site's token", async () => {
    for (const { path, method } of routes().filter((r) => !r.path.startsWith(p))) {
      await call(method, path, path, 401, null, bodyFor(method, path));
      await call(method, path, path, 401, 'pulse_not-a-token', bodyFor(method, path));
    }
    for (const method of ['get', 'put'] as const) {
      const [body] = await call(method, '/api/v1/retention', '/api/v1/retention', 403, tokens.readWrite, bodyFor(method, '/api/v1/retention'));
      expect(body.error).toContain('admin token');
    }
  });

  it('profiles: the list, one by id, user id and visitor id; bad cursors, unknown ids', async () => {
    const [page] = await call('get', `${p}/profiles`, '/api/v1/sites/test/profiles', 200, tokens.read);
    expect(page.profiles.map((x: { userId: string | null }) => x.userId)).toContain('ada@example.com');
    await call('get', `${p}/profiles`, '/api/v1/sites/test/profiles?after=nonsense', 400, tokens.read);
    await call('get', `${p}/profiles`, '/api/v1/sites/test/profiles?segment=9999', 404, tokens.read);
    const [byId] = await call('get', `${p}/profiles/{id}`, `/api/v1/sites/test/profiles/${profileId}`, 200, tokens.read);
    expect(byId.traits).toEqual({ name: 'Ada', plan: 'pro' });
    await call('get', `${p}/profiles/{id}`, '/api/v1/sites/test/profiles/ada', 400, tokens.read);
    await call('get', `${p}/profiles/{id}`, '/api/v1/sites/test/profiles/987654', 404, tokens.read);
    const [byUser] = await call('get', `${p}/profiles/user/{id}`, '/api/v1/sites/test/profiles/user/ada%40example.com', 200, tokens.read);
    expect(byUser.id).toBe(profileId);
    await call('get', `${p}/profiles/user/{id}`, `/api/v1/sites/test/profiles/user/${'x'.repeat(129)}`, 400, tokens.read);
    await call('get', `${p}/profiles/user/{id}`, '/api/v1/sites/test/profiles/user/nobody', 404, tokens.read);
    const [byVisitor] = await call('get', `${p}/profiles/visitor/{id}`, '/api/v1/sites/test/profiles/visitor/v-bob', 200, tokens.read);
    expect(byVisitor.source).toBe('news');
    await call('get', `${p}/profiles/visitor/{id}`, `/api/v1/sites/test/profiles/visitor/${'x'.repeat(129)}`, 400, tokens.read);
    await call('get', `${p}/profiles/visitor/{id}`, '/api/v1/sites/test/profiles/visitor/v-nobody', 404, tokens.read);
  });

  it('segments and their members', async () => {
    const [segments] = await call('get', `${p}/segments`, '/api/v1/sites/test/segments', 200, tokens.read);
    expect(segments).toMatchObject([{ id: segmentId, name: 'Pro', size: 1 }]);
    const [members] = await call('get', `${p}/segments/{id}/members`, `/api/v1/sites/test/segments/${segmentId}/members?limit=1`, 200, tokens.read);
    expect(members.members.map((m: { profileId: number }) => m.profileId)).toEqual([profileId]);
    // The only member: this page is the last.
    expect(members.next).toBeNull();
    const [rest] = await call('get', `${p}/segments/{id}/members`, `/api/v1/sites/test/segments/${segmentId}/members?after=${profileId}`, 200, tokens.read);
    expect(rest).toEqual({ members: [], next: null });
    await call('get', `${p}/segments/{id}/members`, `/api/v1/sites/test/segments/${segmentId}/members?limit=0`, 400, tokens.read);
    await call('get', `${p}/segments/{id}/members`, '/api/v1/sites/test/segments/9999/members', 404, tokens.read);
  });

  it('events: the export, server-side ingestion and their bad input', async () => {
    const lines = await call('get', `${p}/events`, '/api/v1/sites/test/events?from=2020-01-01&to=2030-01-01', 200, tokens.read);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    await call('get', `${p}/events`, '/api/v1/sites/test/events?from=2020-01-01', 400, tokens.read);
    await call('get', `${p}/events`, '/api/v1/sites/test/events?from=yesterday&to=2030-01-01', 400, tokens.read);
    await call('get', `${p}/events`, '/api/v1/sites/test/events?from=2030-01-01&to=2020-01-01', 400, tokens.read);
    const [stored] = await call('post', `${p}/events`, '/api/v1/sites/test/events', 200, tokens.write, {
      events: [{ name: 'purchase', ts: Date.now(), user_id: 'ada@example.com', props: { value: 99 } }],
    });
    expect(stored).toEqual({ accepted: 1, duplicates: 0 });
    const [noPerson] = await call('post', `${p}/events`, '/api/v1/sites/test/events', 400, tokens.write, { events: [{ name: 'call', ts: Date.now() }] });
    expect(noPerson.field).toBe('events[0].user_id');
    const [badName] = await call('post', `${p}/events`, '/api/v1/sites/test/events', 400, tokens.write, {
      events: [{ name: 'call', ts: Date.now(), user_id: 'ada@example.com' }, { name: 'x'.repeat(101), ts: Date.now(), user_id: 'ada@example.com' }],
    });
    expect(badName.field).toBe('events[1].name');
    const [empty] = await call('post', `${p}/events`, '/api/v1/sites/test/events', 400, tokens.write, { events: [] });
    expect(empty.field).toBe('events');
    // Not JSON, and JSON not declared as such.
    const broken = await fetch(`${t.url}/api/v1/sites/test/events`, { method: 'POST', headers: { authorization: `Bearer ${tokens.write}`, 'content-type': 'application/json' }, body: '{"events": [' });
    expect(broken.status).toBe(400);
    expect(validatorFor(`${p}/events`, 'post', 400, 'application/json')(await broken.json())).toBe(true);
    const untyped = await fetch(`${t.url}/api/v1/sites/test/events`, { method: 'POST', headers: { authorization: `Bearer ${tokens.write}` }, body: '{"events": []}' });
    expect(untyped.status).toBe(415);
    expect(validatorFor(`${p}/events`, 'post', 415, 'application/json')(await untyped.json())).toBe(true);
    seen.add(`post ${p}/events 415`);
  });

  it('stats: overview, audience and funnels for a range', async () => {
    for (const section of ['overview', 'audience', 'funnels']) {
      const template = `${p}/stats/${section}`;
      const [body] = await call('get', template, `/api/v1/sites/test/stats/${section}?range=30d`, 200, tokens.read);
      expect(body.range.to).toBe(new Date().toISOString().slice(0, 10));
      await call('get', template, `/api/v1/sites/test/stats/${section}?range=custom&from=2026-01-01`, 400, tokens.read);
      const [bad] = await call('get', template, `/api/v1/sites/test/stats/${section}?range=forever`, 400, tokens.read);
      expect(bad.field).toBe('range');
    }
    const [overview] = await call('get', `${p}/stats/overview`, '/api/v1/sites/test/stats/overview?range=today', 200, tokens.read);
    expect(overview.totals.pageviews).toBe(2);
    expect(overview.sources).toContainEqual({ value: 'news', count: 1 });
    const [funnels] = await call('get', `${p}/stats/funnels`, '/api/v1/sites/test/stats/funnels', 200, tokens.read);
    expect(funnels.funnels.map((f: { name: string }) => f.name)).toEqual(['Checkout']);
  });

  it('definitions: listed, changed, a bad change named', async () => {
    const [definitions] = await call('get', `${p}/definitions`, '/api/v1/sites/test/definitions', 200, tokens.read);
    expect(definitions.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['page', 'identify', 'review']));
    const [changed] = await call('patch', `${p}/definitions/{name}`, '/api/v1/sites/test/definitions/review', 200, tokens.readWrite, { points: 4, dailyCap: 8 });
    expect(changed).toMatchObject({ name: 'review', points: 4, dailyCap: 8, shown: true });
    const [bad] = await call('patch', `${p}/definitions/{name}`, '/api/v1/sites/test/definitions/review', 400, tokens.readWrite, { points: 'many' });
    expect(bad.field).toBe('points');
  });

  it('segments: created, changed and deleted, a bad rule and a taken name named, an unknown id refused', async () => {
    const [made] = await call('post', `${p}/segments`, '/api/v1/sites/test/segments', 201, tokens.readWrite, { name: 'Recent', rules: { lastSeen: { withinDays: 7 } } });
    expect(made).toMatchObject({ name: 'Recent', size: 2 });
    const [bad] = await call('post', `${p}/segments`, '/api/v1/sites/test/segments', 400, tokens.readWrite, { name: 'Bad', rules: { all: [{ score: {} }] } });
    expect(bad.field).toMatch(/^rules/);
    const [changed] = await call('put', `${p}/segments/{id}`, `/api/v1/sites/test/segments/${made.id}`, 200, tokens.readWrite, { name: 'Recent buyers', rules: { all: [{ lastSeen: { withinDays: 7 } }, { trait: 'plan', exists: true }] } });
    expect(changed).toMatchObject({ name: 'Recent buyers', size: 1 });
    const [taken] = await call('put', `${p}/segments/{id}`, `/api/v1/sites/test/segments/${made.id}`, 400, tokens.readWrite, { name: 'Pro', rules: { lifecycle: ['new'] } });
    expect(taken.field).toBe('name');
    await call('put', `${p}/segments/{id}`, '/api/v1/sites/test/segments/9999', 404, tokens.readWrite, { name: 'X', rules: { lifecycle: ['new'] } });
    await call('delete', `${p}/segments/{id}`, `/api/v1/sites/test/segments/${made.id}`, 204, tokens.readWrite);
    await call('delete', `${p}/segments/{id}`, `/api/v1/sites/test/segments/${made.id}`, 404, tokens.readWrite);
    await call('delete', `${p}/segments/{id}`, '/api/v1/sites/test/segments/x', 400, tokens.readWrite);
  });

  it('presets: listed, turned on, tuned and off, bad parameters and unknown kinds refused', async () => {
    const [presets] = await call('get', '/api/v1/presets', '/api/v1/presets', 200, tokens.read);
    expect(presets.map((x: { kind: string }) => x.kind)).toContain('high_interest');
    const [on] = await call('put', `${p}/presets/{kind}`, '/api/v1/sites/test/presets/high_interest', 201, tokens.readWrite, { brand: 'Acme' });
    expect(on.name).toBe('High Interest: Acme');
    await call('put', `${p}/presets/{kind}`, '/api/v1/sites/test/presets/high_interest', 200, tokens.readWrite, { brand: 'Acme', minViews: 5 });
    const [bad] = await call('put', `${p}/presets/{kind}`, '/api/v1/sites/test/presets/high_interest', 400, tokens.readWrite, { brand: 'Acme', minViews: -1 });
    expect(bad.field).toBe('minViews');
    await call('put', `${p}/presets/{kind}`, '/api/v1/sites/test/presets/astrology', 404, tokens.readWrite, {});
    await call('delete', `${p}/presets/{kind}`, '/api/v1/sites/test/presets/high_interest?brand=Acme', 204, tokens.readWrite);
    await call('delete', `${p}/presets/{kind}`, '/api/v1/sites/test/presets/high_interest?brand=Acme', 404, tokens.readWrite);
    await call('delete', `${p}/presets/{kind}`, '/api/v1/sites/test/presets/category_lovers', 400, tokens.readWrite);
  });

  it('webhooks: added with the secret once, listed without it, changed, deleted; bad input named', async () => {
    const [added] = await call('post', `${p}/webhooks`, '/api/v1/sites/test/webhooks', 201, tokens.readWrite, { url: webhookUrl, events: ['group.changed'] });
    expect(added.secret).toMatch(/^whsec_/);
    const [listed] = await call('get', `${p}/webhooks`, '/api/v1/sites/test/webhooks', 200, tokens.read);
    expect(JSON.stringify(listed)).not.toContain(added.secret);
    const [bad] = await call('post', `${p}/webhooks`, '/api/v1/sites/test/webhooks', 400, tokens.readWrite, { url: 'ftp://x.example/' });
    expect(bad.field).toBe('url');
    const [off] = await call('patch', `${p}/webhooks/{id}`, `/api/v1/sites/test/webhooks/${added.id}`, 200, tokens.readWrite, { enabled: false });
    expect(off.enabled).toBe(false);
    await call('patch', `${p}/webhooks/{id}`, `/api/v1/sites/test/webhooks/${added.id}`, 400, tokens.readWrite, { url: 'javascript:alert(1)' });
    await call('patch', `${p}/webhooks/{id}`, '/api/v1/sites/test/webhooks/9999', 404, tokens.readWrite, { enabled: true });
    await call('delete', `${p}/webhooks/{id}`, `/api/v1/sites/test/webhooks/${added.id}`, 204, tokens.readWrite);
    await call('delete', `${p}/webhooks/{id}`, `/api/v1/sites/test/webhooks/${added.id}`, 404, tokens.readWrite);
    await call('delete', `${p}/webhooks/{id}`, '/api/v1/sites/test/webhooks/x', 400, tokens.readWrite);
  });

  it("people: one's data exported, one deleted, bad and unknown names refused", async () => {
    const [data] = await call('get', `${p}/people/{by}/{id}/export`, '/api/v1/sites/test/people/user/ada%40example.com/export', 200, tokens.read);
    expect(data.identities.userId).toBe('ada@example.com');
    await call('get', `${p}/people/{by}/{id}/export`, '/api/v1/sites/test/people/email/ada/export', 400, tokens.read);
    await call('get', `${p}/people/{by}/{id}/export`, '/api/v1/sites/test/people/visitor/v-nobody/export', 404, tokens.read);
    const [deleted] = await call('delete', `${p}/people/{by}/{id}`, '/api/v1/sites/test/people/visitor/v-bob', 200, tokens.readWrite);
    expect(deleted.deleted).toMatchObject({ visitors: 1 });
    await call('delete', `${p}/people/{by}/{id}`, '/api/v1/sites/test/people/visitor/v-bob', 404, tokens.readWrite);
    await call('delete', `${p}/people/{by}/{id}`, '/api/v1/sites/test/people/email/bob', 400, tokens.readWrite);
  });

  it('retention: read and set with the admin token, a bad number named', async () => {
    const [before] = await call('get', '/api/v1/retention', '/api/v1/retention', 200, t.adminToken);
    expect(before).toEqual({ days: null });
    const [bad] = await call('put', '/api/v1/retention', '/api/v1/retention', 400, t.adminToken, { days: 0 });
    expect(bad.field).toBe('days');
    await call('put', '/api/v1/retention', '/api/v1/retention', 200, t.adminToken, { days: 400 });
    expect((await call('get', '/api/v1/retention', '/api/v1/retention', 200, t.adminToken))[0]).toEqual({ days: 400 });
  });

  it('calls: pools with their health, static numbers, settings and the secret, calls in and the report', async () => {
    const [pool] = await call('post', `${p}/call-pools`, '/api/v1/sites/test/call-pools', 201, tokens.readWrite, callPool);
    expect(pool).toMatchObject({ name: 'Sales', numbers: ['+74957000001'], recommended: expect.any(Number) });
    const [taken] = await call('post', `${p}/call-pools`, '/api/v1/sites/test/call-pools', 400, tokens.readWrite, { ...callPool, name: 'Other' });
    expect(taken.field).toBe('numbers[0]');
    expect((await call('get', `${p}/call-pools`, '/api/v1/sites/test/call-pools', 200, tokens.read))[0]).toHaveLength(1);
    await call('put', `${p}/call-pools/{id}`, `/api/v1/sites/test/call-pools/${pool.id}`, 200, tokens.readWrite, { ...callPool, hold_minutes: 5 });
    await call('put', `${p}/call-pools/{id}`, `/api/v1/sites/test/call-pools/${pool.id}`, 400, tokens.readWrite, { ...callPool, hold_minutes: 'long' });
    await call('put', `${p}/call-pools/{id}`, '/api/v1/sites/test/call-pools/9999', 404, tokens.readWrite, callPool);
    const [number] = await call('post', `${p}/call-numbers`, '/api/v1/sites/test/call-numbers', 201, tokens.readWrite, { number: '+74958000000', source: 'print' });
    await call('post', `${p}/call-numbers`, '/api/v1/sites/test/call-numbers', 400, tokens.readWrite, { number: '+74958000000', source: 'tv' });
    expect((await call('get', `${p}/call-numbers`, '/api/v1/sites/test/call-numbers', 200, tokens.read))[0]).toEqual([number]);
    await call('delete', `${p}/call-numbers/{id}`, `/api/v1/sites/test/call-numbers/${number.id}`, 204, tokens.readWrite);
    await call('delete', `${p}/call-numbers/{id}`, `/api/v1/sites/test/call-numbers/${number.id}`, 404, tokens.readWrite);
    await call('delete', `${p}/call-numbers/{id}`, '/api/v1/sites/test/call-numbers/x', 400, tokens.readWrite);
    const [secret] = await call('post', `${p}/call-settings/secret`, '/api/v1/sites/test/call-settings/secret', 200, tokens.write);
    expect(secret.signingSecret).toMatch(/^cts_/);
    expect((await call('patch', `${p}/call-settings`, '/api/v1/sites/test/call-settings', 200, tokens.write, { store_callers: true }))[0]).toEqual({ storeCallers: true });
    await call('patch', `${p}/call-settings`, '/api/v1/sites/test/call-settings', 400, tokens.write, { store_callers: 'yes' });
    expect((await call('get', `${p}/call-settings`, '/api/v1/sites/test/call-settings', 200, tokens.read))[0]).toEqual({ storeCallers: true });
    const phoned = { call_id: 'c-1', called_number: '+74957000001', caller_number: '+79165550102', started_at: Date.now(), duration_s: 30, answered: true };
    expect((await call('post', `${p}/calls`, '/api/v1/sites/test/calls', 201, tokens.write, phoned))[0]).toMatchObject({ attribution: 'none', duplicate: false });
    expect((await call('post', `${p}/calls`, '/api/v1/sites/test/calls', 200, tokens.write, phoned))[0]).toMatchObject({ duplicate: true });
    expect((await call('post', `${p}/calls`, '/api/v1/sites/test/calls', 400, tokens.write, { ...phoned, answered: 1 }))[0].field).toBe('answered');
    const [report] = await call('get', `${p}/calls`, '/api/v1/sites/test/calls?range=today', 200, tokens.read);
    expect(report.latest[0]).toMatchObject({ callId: 'c-1', caller: '+79165550102', attribution: 'none' });
    await call('get', `${p}/calls`, '/api/v1/sites/test/calls?range=year', 400, tokens.read);
    expect((await call('get', `${p}/callback-widget`, '/api/v1/sites/test/callback-widget', 200, tokens.read))[0]).toMatchObject({ enabled: false });
    const [widget] = await call('put', `${p}/callback-widget`, '/api/v1/sites/test/callback-widget', 200, tokens.readWrite, { enabled: true, segments: [segmentId] });
    expect(widget).toMatchObject({ enabled: true, segments: [segmentId], on_phones: false });
    expect((await call('put', `${p}/callback-widget`, '/api/v1/sites/test/callback-widget', 400, tokens.readWrite, { enabled: true, on_phones: 1 }))[0].field).toBe('on_phones');
    await call('delete', `${p}/call-pools/{id}`, `/api/v1/sites/test/call-pools/${pool.id}`, 204, tokens.readWrite);
    await call('delete', `${p}/call-pools/{id}`, `/api/v1/sites/test/call-pools/${pool.id}`, 404, tokens.readWrite);
    await call('delete', `${p}/call-pools/{id}`, '/api/v1/sites/test/call-pools/x', 400, tokens.readWrite);
  });

  it('personalization: rules and their versions, browser keys, placements and their import, wizard links', async () => {
    const [made] = await call('post', `${p}/rules`, '/api/v1/sites/test/rules', 201, tokens.write, clickRule);
    expect(made).toMatchObject({ version: 1, fires_7d: 0 });
    expect((await call('post', `${p}/rules`, '/api/v1/sites/test/rules', 400, tokens.write, { ...clickRule, selector: 'a[' }))[0].field).toBe('selector');
    expect((await call('get', `${p}/rules`, '/api/v1/sites/test/rules', 200, tokens.read))[0]).toEqual([made]);
    await call('get', `${p}/rules/{id}`, `/api/v1/sites/test/rules/${made.id}`, 200, tokens.read);
    await call('get', `${p}/rules/{id}`, '/api/v1/sites/test/rules/x', 400, tokens.read);
    await call('get', `${p}/rules/{id}`, '/api/v1/sites/test/rules/9999', 404, tokens.read);
    expect((await call('put', `${p}/rules/{id}`, `/api/v1/sites/test/rules/${made.id}`, 200, tokens.write, { ...clickRule, text: 'Compare' }))[0].version).toBe(2);
    await call('put', `${p}/rules/{id}`, `/api/v1/sites/test/rules/${made.id}`, 400, tokens.write, { ...clickRule, on: 'hover' });
    await call('put', `${p}/rules/{id}`, '/api/v1/sites/test/rules/9999', 404, tokens.write, clickRule);
    expect((await call('get', `${p}/rules/{id}/versions`, `/api/v1/sites/test/rules/${made.id}/versions`, 200, tokens.read))[0]).toHaveLength(2);
    await call('get', `${p}/rules/{id}/versions`, '/api/v1/sites/test/rules/x/versions', 400, tokens.read);
    await call('get', `${p}/rules/{id}/versions`, '/api/v1/sites/test/rules/9999/versions', 404, tokens.read);
    await call('delete', `${p}/rules/{id}`, `/api/v1/sites/test/rules/${made.id}`, 204, tokens.write);
    await call('delete', `${p}/rules/{id}`, `/api/v1/sites/test/rules/${made.id}`, 404, tokens.write);
    await call('delete', `${p}/rules/{id}`, '/api/v1/sites/test/rules/x', 400, tokens.write);

    const key = `${p}/segments/{id}/browser-key`;
    expect((await call('put', key, `/api/v1/sites/test/segments/${segmentId}/browser-key`, 200, tokens.write, { browser_key: 'pros' }))[0].browserKey).toBe('pros');
    await call('put', key, `/api/v1/sites/test/segments/${segmentId}/browser-key`, 400, tokens.write, { browser_key: 'Pros!' });
    await call('put', key, '/api/v1/sites/test/segments/9999/browser-key', 404, tokens.write, { browser_key: null });

    const [saved] = await call('post', `${p}/placements`, '/api/v1/sites/test/placements', 201, tokens.write, placement);
    expect(saved.variants).toMatchObject([{ name: 'Pros', views_7d: 0, clicks_7d: 0 }]);
    await call('post', `${p}/placements`, '/api/v1/sites/test/placements', 200, tokens.write, { ...placement, label: 'Hero' });
    await call('post', `${p}/placements`, '/api/v1/sites/test/placements', 400, tokens.write, { ...placement, adaptive: [] });
    expect((await call('post', `${p}/placements/import`, '/api/v1/sites/test/placements/import', 200, tokens.write, [seedSlot]))[0]).toMatchObject([{ id: '9', auto_reload: 60 }]);
    expect((await call('post', `${p}/placements/import`, '/api/v1/sites/test/placements/import', 400, tokens.write, [seedSlot, { ...seedSlot, label: '' }]))[0].field).toBe('[1].label');
    expect((await call('get', `${p}/placements`, '/api/v1/sites/test/placements', 200, tokens.read))[0].map((x: { id: string }) => x.id)).toEqual(['9', 'hero']);
    await call('get', `${p}/placements/{slot}`, '/api/v1/sites/test/placements/hero', 200, tokens.read);
    await call('get', `${p}/placements/{slot}`, `/api/v1/sites/test/placements/${'x'.repeat(65)}`, 400, tokens.read);
    await call('get', `${p}/placements/{slot}`, '/api/v1/sites/test/placements/nowhere', 404, tokens.read);
    await call('delete', `${p}/placements/{slot}`, '/api/v1/sites/test/placements/hero', 204, tokens.write);
    await call('delete', `${p}/placements/{slot}`, '/api/v1/sites/test/placements/hero', 404, tokens.write);
    await call('delete', `${p}/placements/{slot}`, `/api/v1/sites/test/placements/${'x'.repeat(65)}`, 400, tokens.write);

    const [link] = await call('post', `${p}/wizard`, '/api/v1/sites/test/wizard', 200, tokens.write, { page: 'http://localhost:3000/shop' });
    expect(link.url).toBe(`http://localhost:3000/shop?pulse_wizard=${link.token}`);
    expect((await call('post', `${p}/wizard`, '/api/v1/sites/test/wizard', 400, tokens.write, { page: 'https://other.example/' }))[0].field).toBe('page');
  });

  it('every answer the document declares was seen', () => {
    const declared = Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => Object.keys(op.responses).map((status) => `${method} ${path} ${status}`)),
    );
    expect(declared.filter((answer) => !seen.has(answer))).toEqual([]);
  });
});
