// The NDJSON export: what was sent comes back as sent, and a large range is streamed as it is read, not gathered first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent, uuidv7 } from '../testing/events.js';
import { createApiToken } from './tokens.js';
import type { EventRow } from '../model/event.js';

let t: TestCollector;
let token = '';
const day = Date.UTC(2026, 0, 15);
/** About 90 MB of NDJSON: far more than the socket's and the client's buffers hold. */
const bulk = 40_000;

beforeAll(async () => {
  t = await startTestCollector([{ key: 'test', domains: ['localhost'] }, { key: 'other', domains: ['other.example'] }]);
  token = await createApiToken(t.store, (await t.store.sites.byKey('test'))!, 'export', ['read'], Date.now());
  // Stored before any request, so no idle keep-alive connection is closed under the first fetch while it takes.
  const siteId = (await t.store.sites.byKey('test'))!.id;
  await t.store.transaction(async (tx) => {
    for (let i = 0; i < bulk; i++) await tx.events.insert([row(siteId, day + i * 2000, i)]);
  });
});
afterAll(() => t?.close());

const exportOf = (from: string, to: string) =>
  fetch(`${t.url}/api/v1/sites/test/events?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });

/** An event stored straight into the log: a large export's rows need not go through the whole ingest. */
const row = (siteId: number, ts: number, i: number): EventRow => ({
  id: uuidv7(ts), siteId, type: 'track', name: 'bulk', ts, clientTs: ts, receivedAt: ts, visitorId: `v${i % 1000}`, sessionId: `s${i % 1000}`,
  userId: null, url: null, path: null, title: null, referrer: null, referrerHost: null, utmSource: null, utmMedium: null, utmCampaign: null,
  utmTerm: null, utmContent: null, clickIdType: null, clickId: null, screen: null, language: null, timezone: null, device: 'desktop',
  browser: null, os: null, country: null, city: null, props: { i, note: 'x'.repeat(1000), more: 'y'.repeat(1000) }, traits: null,
});

describe('events export', () => {
  it('gives back each event of the range as it was sent, oldest first, and nothing outside it or of another site', async () => {
    const now = Date.now();
    const sent: Record<string, any>[] = [
      wireEvent({ type: 'track', name: 'add_to_cart', ts: now - 2000, props: { product_id: 'p1', price: 59.9, hostile: '"><script>alert(1)</script>' }, url: 'https://localhost/p?utm_source=mail&gclid=abc' }),
      wireEvent({ type: 'identify', ts: now - 1000, user_id: 'ada@example.com', traits: { name: 'Ada', nested: { a: [1, 2] } } }),
      wireEvent({ ts: now }),
    ];
    expect((await t.post({ site: 'test', events: sent })).json.accepted).toBe(3);
    expect((await t.post({ site: 'other', events: [wireEvent({ ts: now - 1500 })] })).json.accepted).toBe(1);
    const today = new Date(now).toISOString().slice(0, 10);
    const response = await exportOf(today, today);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await response.text()).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => e.id)).toEqual(sent.map((e) => e.id));
    for (const [i, event] of sent.entries()) {
      const got = lines[i];
      expect(got).toMatchObject({ type: event.type, ts: event.ts, client_ts: event.ts, visitor_id: event.visitor_id, session_id: event.session_id, device: 'desktop', browser: 'Chrome' });
      expect(got.props).toEqual(event.props ?? null);
      expect(got.traits).toEqual(event.traits ?? null);
      expect(got.user_id).toBe(event.user_id ?? null);
      expect(got.context).toMatchObject({ url: event.context.url, title: 'Test page', language: 'en-US', timezone: 'UTC', screen: { width: 1280, height: 800 } });
    }
    expect(lines[0].name).toBe('add_to_cart');
    expect(lines[0].context).toMatchObject({ utm_source: 'mail', gclid: 'abc' });
    // A date-time bound cuts inside the day: `to` is left out.
    const cut = await (await exportOf(new Date(now - 2000).toISOString(), new Date(now).toISOString())).text();
    expect(cut.trimEnd().split('\n').map((line) => JSON.parse(line).id)).toEqual([sent[0]!.id, sent[1]!.id]);
    expect(await (await exportOf('2020-01-01', '2020-01-02')).text()).toBe('');
  });

  it('streams a large range: rows stored after the answer began still arrive, so it was not read whole first', async () => {
    const siteId = (await t.store.sites.byKey('test'))!.id;
    const response = await exportOf('2026-01-15', '2026-01-16');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The answer has begun; the last row of the range is stored only now.
    const late = row(siteId, day + 86_399_000, bulk);
    await t.store.transaction((tx) => tx.events.insert([late]));
    let text = decoder.decode(first.value, { stream: true });
    let bytes = first.value!.length;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      bytes += chunk.value.length;
    }
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(bulk + 1);
    expect(JSON.parse(lines.at(-1)!).id).toBe(late.id);
    expect(JSON.parse(lines[12_345]!).props.i).toBe(12_345);
    expect(bytes).toBeGreaterThan(80_000_000);
  });
});
