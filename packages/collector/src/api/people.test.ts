import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';
import { runCli } from '../testing/cli.js';

const token = 'admin-token-for-tests-0123456789';
let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector([{ key: 'shop', domains: ['localhost'] }], { adminToken: token });
  await collector.post({
    site: 'shop',
    events: [
      wireEvent({ visitor_id: 'ada-laptop', session_id: 's1' }),
      wireEvent({ type: 'identify', user_id: 'ada@example.com', visitor_id: 'ada-laptop', session_id: 's1', traits: { plan: 'gold' } }),
      wireEvent({ type: 'track', name: 'add_to_cart', visitor_id: 'ada-laptop', session_id: 's1', props: { product_id: 'p3' } }),
      wireEvent({ visitor_id: 'bob', session_id: 's2' }),
      wireEvent({ visitor_id: 'cy', session_id: 's3' }),
    ],
  });
});
afterAll(() => collector.close());

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${collector.url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

describe('the admin API for personal data', () => {
  it("exports a person's data as a JSON download, by user id or browser", async () => {
    const response = await admin('/sites/shop/people/user/ada@example.com/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="pulse-shop-person-\d+\.json"$/);
    const data = await response.json();
    expect(data.identities).toEqual({ userId: 'ada@example.com', visitorIds: ['ada-laptop'] });
    expect(data.traits).toEqual({ plan: 'gold' });
    expect(data.events.map((e: { name: string }) => e.name)).toEqual(['page', 'identify', 'add_to_cart']);
    expect((await (await admin('/sites/shop/people/visitor/ada-laptop/export')).json()).profile.id).toBe(data.profile.id);
  });

  it('deletes a person, then answers 404 for them; names the field of a bad request', async () => {
    expect((await admin('/sites/shop/people/profile/abc', { method: 'DELETE' })).status).toBe(404);
    const deleted = await admin('/sites/shop/people/visitor/bob', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect((await deleted.json()).deleted).toMatchObject({ visitors: 1, events: 1, sessions: 1 });
    const again = await admin('/sites/shop/people/visitor/bob', { method: 'DELETE' });
    expect([again.status, (await again.json()).field]).toEqual([404, 'id']);
    expect((await admin('/sites/nope/people/visitor/cy', { method: 'DELETE' })).status).toBe(404);
  });

  it('sets and reads the retention, refusing a bad number', async () => {
    expect(await (await admin('/retention')).json()).toEqual({ days: null });
    const bad = await admin('/retention', { method: 'PUT', body: JSON.stringify({ days: 0 }) });
    expect([bad.status, (await bad.json()).field]).toEqual([400, 'days']);
    expect((await admin('/retention', { method: 'PUT', body: JSON.stringify({ days: 30 }) })).status).toBe(200);
    expect(await (await admin('/retention')).json()).toEqual({ days: 30 });
  });
});

describe('pulse person and pulse retention', () => {
  it('export and delete a person, and set the retention, from the shell', async () => {
    const db = ['--db', collector.dbPath];
    const exported = await runCli(['person', 'export', '--site', 'shop', '--visitor', 'cy', ...db]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).identities.visitorIds).toEqual(['cy']);
    const deleted = await runCli(['person', 'delete', '--site', 'shop', '--visitor', 'cy', ...db]);
    expect([deleted.code, deleted.stdout.trim()]).toEqual([0, expect.stringMatching(/^deleted person \d+: 1 events, 1 sessions, 1 browsers$/)]);
    expect(await collector.store.profiles.ofVisitor((await collector.store.sites.byKey('shop'))!.id, 'cy')).toBeUndefined();
    const both = await runCli(['person', 'delete', '--site', 'shop', '--visitor', 'cy', '--user', 'x', ...db]);
    expect([both.code, both.stderr.split('\n')[0]]).toEqual([2, 'pulse: person delete needs exactly one of --user ID, --visitor ID, --profile ID']);
    expect((await runCli(['retention', 'set', '--days', '14', ...db])).stdout.trim()).toBe('raw events and sessions older than 14 days are deleted (hourly, by the running collector)');
  }, 120_000);
});
