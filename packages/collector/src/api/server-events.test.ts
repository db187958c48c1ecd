// Server-side ingestion: a CRM's offline purchase and telephony's call land on the customer's profile and score it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';
import { runCli } from '../testing/cli.js';
import { createApiToken } from './tokens.js';

let t: TestCollector;
let token = '';
let siteId = 0;

beforeAll(async () => {
  t = await startTestCollector();
  siteId = (await t.store.sites.byKey('test'))!.id;
  token = await createApiToken(t.store, (await t.store.sites.byKey('test'))!, 'crm', ['read', 'write'], Date.now());
  await t.store.definitions.save(siteId, 'purchase', { points: 30 }, 0, Date.now());
  await t.store.definitions.save(siteId, 'call', { points: 5 }, 0, Date.now());
});
afterAll(() => t?.close());

const send = (events: unknown[], bearer = token) =>
  fetch(`${t.url}/api/v1/sites/test/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'user-agent': 'Googlebot/2.1' },
    body: JSON.stringify({ events }),
  });

describe('server-side events', () => {
  it("add their points to the known customer's profile, keeping where and on what the person was last seen", async () => {
    await t.post({ site: 'test', events: [wireEvent({ visitor_id: 'v-ada' }), wireEvent({ type: 'identify', visitor_id: 'v-ada', user_id: 'ada' })] });
    const before = (await t.store.profiles.ofUser(siteId, 'ada'))!;
    expect(before.score).toBe(1);
    const id = crypto.randomUUID();
    const ts = Date.now() - 3_600_000;
    // A bot's User-Agent and no Origin: neither matters to a token's request.
    const answer = await send([{ id, name: 'purchase', ts, user_id: 'ada', props: { value: 129.9, order_id: 'A-1' } }, { name: 'call', ts, user_id: 'ada' }]);
    expect(await answer.json()).toEqual({ accepted: 2, duplicates: 0 });
    const after = (await t.store.profiles.ofUser(siteId, 'ada'))!;
    expect(after.id).toBe(before.id);
    expect(after.events).toBe(4);
    const view = await (await fetch(`${t.url}/api/v1/sites/test/profiles/user/ada`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(view.score).toBeCloseTo(36, 0);
    expect(view.visitors).toEqual(['v-ada']);
    expect(after.device).toBe(before.device);
    expect(view.lastEvents.find((e: { name: string }) => e.name === 'purchase')).toMatchObject({ ts, props: { value: 129.9, order_id: 'A-1' } });
    // Sent again (a retry): stored once, scored once.
    expect(await (await send([{ id, name: 'purchase', ts, user_id: 'ada' }])).json()).toEqual({ accepted: 0, duplicates: 1 });
    expect((await t.store.profiles.ofUser(siteId, 'ada'))!.events).toBe(4);
  });

  it('start a profile for a customer never seen, and store nothing of a batch with one bad event', async () => {
    expect((await send([{ name: 'purchase', ts: Date.now(), user_id: 'new-customer@example.com' }])).status).toBe(200);
    expect((await t.store.profiles.ofUser(siteId, 'new-customer@example.com'))!.score).toBe(30);
    const bad = await send([{ name: 'call', ts: Date.now(), user_id: 'bob' }, { name: 'call', ts: Date.now(), user_id: 'bob', props: { '': 1 } }]);
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe('events[1].props.');
    expect(await t.store.profiles.ofUser(siteId, 'bob')).toBeUndefined();
  });
});

describe('pulse token', () => {
  it('adds (printing the token once), lists without secrets, and revokes: a revoked token is refused', async () => {
    const db = ['--db', t.dbPath];
    const added = await runCli(['token', 'add', '--site', 'test', '--name', 'telephony', '--scope', 'write', ...db]);
    expect(added.code).toBe(0);
    const made = added.stdout.trim();
    expect(made).toMatch(/^pulse_[A-Za-z0-9_-]{43}$/);
    expect((await send([{ name: 'call', ts: Date.now(), user_id: 'ada' }], made)).status).toBe(200);
    const listed = await runCli(['token', 'list', '--site', 'test', ...db]);
    expect(listed.stdout).toMatch(/^crm\tread,write\t\S+\t\S+\ntelephony\twrite\t\S+\t\S+\n$/);
    expect(listed.stdout).not.toContain(made);
    expect((await runCli(['token', 'add', '--site', 'test', '--name', 'x', '--scope', 'read,admin', ...db])).code).toBe(2);
    expect((await runCli(['token', 'add', '--site', 'test', '--name', 'telephony', '--scope', 'read', ...db])).code).toBe(2);
    expect((await runCli(['token', 'revoke', '--site', 'test', '--name', 'telephony', ...db])).code).toBe(0);
    const refused = await send([{ name: 'call', ts: Date.now(), user_id: 'ada' }], made);
    expect(refused.status).toBe(401);
    expect((await runCli(['token', 'revoke', '--site', 'test', '--name', 'telephony', ...db])).code).toBe(2);
    // Seven runs of the command from source: seconds each on a busy machine.
  }, 120_000);
});
