import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { createApiToken } from './tokens.js';
import { signBody } from '../ingest/calls.js';
import { desktopChrome } from '../testing/events.js';

let t: TestCollector;
let writeToken: string;
let readToken: string;
beforeAll(async () => {
  t = await startTestCollector();
  const site = (await t.store.sites.byKey('test'))!;
  writeToken = await createApiToken(t.store, site, 'pbx', ['read', 'write'], Date.now());
  readToken = await createApiToken(t.store, site, 'viewer', ['read'], Date.now());
});
afterAll(() => t.close());

const api = async (method: string, path: string, body?: unknown, token = writeToken) => {
  const response = await fetch(`${t.url}/api/v1/sites/test${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: response.status === 204 ? null : await response.json() };
};
const askNumbers = async (session: string, origin = 'http://localhost:3000') => {
  const response = await fetch(`${t.url}/v1/numbers`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': desktopChrome, origin },
    body: JSON.stringify({ site: 'test', visitor_id: `v-${session}`, session_id: session, context: { url: 'http://localhost:3000/sofa?utm_source=yandex&utm_campaign=sofas', referrer: 'https://yandex.ru/' } }),
  });
  return { status: response.status, json: await response.json() };
};
const pool = { name: 'Sales', default_number: '+7 495 123-45-67', published_number: '+74951234567', selector: '.phone', numbers: ['+74957000001', '+74957000002'], hold_minutes: 15 };
const call = (fields: Record<string, unknown> = {}) => ({ call_id: 'pbx-1', called_number: '+74957000001', caller_number: '+79165550102', started_at: new Date().toISOString(), duration_s: 60, answered: true, ...fields });

describe('call tracking over HTTP', () => {
  it('gives a site without pools no numbers and no chunk to load', async () => {
    expect((await askNumbers('s0')).json).toEqual({ numbers: [], renew_s: 50 });
    const answer = await t.post({ site: 'test', events: [] });
    expect(answer.json.chunks).toBeUndefined();
  });

  it('refuses bad pools, numbers requests and calls with a 4xx naming the field, storing nothing', async () => {
    for (const [body, field] of [
      [{ ...pool, default_number: '8 495 123 45 67' }, 'default_number'],
      [{ ...pool, numbers: ['+74957000001', 'call me'] }, 'numbers[1]'],
      [{ ...pool, numbers: ['+74957000001', '+7 495 700-00-01'] }, 'numbers'],
      [{ ...pool, published_number: null, selector: null }, 'published_number'],
      [{ ...pool, selector: '<script>' }, 'selector'],
      [{ ...pool, hold_minutes: 0 }, 'hold_minutes'],
      [{ ...pool, extra: 1 }, 'body'],
      ['{"name": ', 'body'],
    ] as const) {
      const answer = await api('POST', '/call-pools', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.field, JSON.stringify(body)).toBe(field);
    }
    expect((await api('GET', '/call-pools')).json).toEqual([]);
    for (const [body, field] of [
      [{ site: 'test', visitor_id: 'v 1', session_id: 's' }, 'visitor_id'],
      [{ site: 'test', visitor_id: 'v', session_id: 's', context: { url: 'javascript:alert(1)' } }, 'context.url'],
      [{ site: 'nope', visitor_id: 'v', session_id: 's' }, 'site'],
    ] as const) {
      const response = await fetch(`${t.url}/v1/numbers`, { method: 'POST', body: JSON.stringify(body), headers: { 'user-agent': desktopChrome } });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect((await response.json()).field).toBe(field);
    }
    for (const [body, field] of [
      [call({ called_number: 'x' }), 'called_number'],
      [call({ started_at: 'yesterday' }), 'started_at'],
      [call({ duration_s: -1 }), 'duration_s'],
      [call({ answered: 'yes' }), 'answered'],
      [call({ recording_url: 'javascript:alert(1)' }), 'recording_url'],
      [call({ call_id: 'has space' }), 'call_id'],
      [call({ caller_number: 'x'.repeat(41) }), 'caller_number'],
      [{ ...call(), note: 'x' }, 'body'],
      ['[1, 2', 'body'],
    ] as const) {
      const answer = await api('POST', '/calls', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.field, JSON.stringify(body)).toBe(field);
    }
    expect(await t.store.calls.calls((await t.store.sites.byKey('test'))!.id, 0, Date.now() + 1e9, 10)).toEqual([]);
  });

  it('leases numbers to sessions, tells the SDK to load the chunk, and attributes a call to the session', async () => {
    const created = await api('POST', '/call-pools', pool);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Sales', defaultNumber: '+74951234567', numbers: ['+74957000001', '+74957000002'], holdMinutes: 15, leasesNow: 0 });
    expect((await api('POST', '/call-pools', { ...pool, name: 'Other', numbers: ['+74957000002'] })).json.field).toBe('numbers[0]');
    expect((await t.post({ site: 'test', events: [] })).json.chunks).toEqual(['calls']);

    const a = await askNumbers('sa');
    expect(a.json.numbers).toEqual([{ pool: created.json.id, published: '+74951234567', selector: '.phone', number: '+74957000001', leased: true }]);
    expect((await askNumbers('sa')).json.numbers[0].number).toBe('+74957000001');
    expect((await askNumbers('sb')).json.numbers[0].number).toBe('+74957000002');
    expect((await askNumbers('sc')).json.numbers[0]).toMatchObject({ number: '+74951234567', leased: false });
    expect((await askNumbers('sd', 'https://evil.example')).status).toBe(403);
    expect((await api('GET', '/call-pools')).json[0]).toMatchObject({ leasesNow: 2, last7: { sessions: 3, missShare: 1 / 3 } });

    const stored = await api('POST', '/calls', call());
    expect(stored.status).toBe(201);
    expect(stored.json).toMatchObject({ call_id: 'pbx-1', attribution: 'lease', visitor_id: 'v-sa', source: 'yandex', duplicate: false });
    expect(stored.json.profile_id).toEqual(expect.any(Number));
    const again = await api('POST', '/calls', call());
    expect(again).toMatchObject({ status: 200, json: { id: stored.json.id, duplicate: true } });

    const report = (await api('GET', '/calls?range=today')).json;
    expect(report.totals).toEqual({ calls: 1, answered: 1, missed: 0, firstTime: 1, repeat: 0, unattributed: 0 });
    expect(report.breakdowns.source).toEqual([{ value: 'yandex', calls: 1 }]);
    expect(report.latest[0]).toMatchObject({ callId: 'pbx-1', caller: '••• 02', landingPage: '/sofa', campaign: 'sofas', profileId: stored.json.profile_id });
    expect(JSON.stringify(report)).not.toContain('79165550102');
  });

  it('takes signed calls without a token, and refuses an unsigned or forged one', async () => {
    expect((await api('POST', '/call-settings/secret', undefined, readToken)).status).toBe(403);
    const old = (await api('POST', '/call-settings/secret')).json.signingSecret;
    const { signingSecret } = (await api('POST', '/call-settings/secret')).json;
    expect(signingSecret).toMatch(/^cts_/);
    const body = JSON.stringify(call({ call_id: 'pbx-signed', called_number: '+74959999999' }));
    const send = (signature?: string) =>
      fetch(`${t.url}/v1/calls/test`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(signature ? { 'x-pulse-signature': signature } : {}) } });
    expect((await send()).status).toBe(403);
    expect((await send(signBody('wrong secret', body))).status).toBe(403);
    expect((await send(signBody(old, body))).status).toBe(403);
    const answer = await send(signBody(signingSecret, body));
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({ call_id: 'pbx-signed', attribution: 'repeat', visitor_id: 'v-sa' });
    expect((await fetch(`${t.url}/v1/calls/nope`, { method: 'POST', body })).status).toBe(404);
    expect((await api('GET', '/call-settings', undefined, readToken)).json).toEqual({ storeCallers: false });
    expect((await api('PATCH', '/call-settings', { store_callers: true })).json).toEqual({ storeCallers: true });
  });

  it('manages static numbers and pools, and lists a pool in the OpenAPI document', async () => {
    const added = await api('POST', '/call-numbers', { number: '+74958000000', source: 'print' });
    expect(added).toMatchObject({ status: 201, json: { number: '+74958000000', source: 'print', campaign: null } });
    expect((await api('POST', '/call-numbers', { number: '+74957000001', source: 'tv' })).json.field).toBe('number');
    expect((await api('DELETE', `/call-numbers/${added.json.id}`)).status).toBe(204);
    const pools = (await api('GET', '/call-pools')).json;
    const changed = await api('PUT', `/call-pools/${pools[0].id}`, { ...pool, numbers: ['+74957000001', '+74957000003'] });
    expect(changed.json.numbers).toEqual(['+74957000001', '+74957000003']);
    expect((await api('DELETE', '/call-pools/999')).status).toBe(404);
    const document = await (await fetch(`${t.url}/openapi.json`)).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/sites/{site}/calls', '/api/v1/sites/{site}/call-pools', '/api/v1/sites/{site}/call-pools/{id}']));
    expect(document.components.schemas.CallInput.properties.called_number).toBeDefined();
  });
});
