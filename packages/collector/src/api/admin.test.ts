import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';
import { createApiToken } from './tokens.js';

const token = 'admin-token-for-tests-0123456789';
let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector([{ key: 'shop', domains: ['localhost'] }], { adminToken: token });
  const now = Date.now();
  await collector.post({
    site: 'shop',
    events: [
      wireEvent({ visitor_id: 'ada-laptop', ts: now - 3_000 }),
      wireEvent({ type: 'identify', user_id: 'ada@example.com', visitor_id: 'ada-laptop', ts: now - 2_000 }),
      wireEvent({ type: 'track', name: 'review', visitor_id: 'ada-laptop', ts: now - 1_000, props: { product_id: 'p3', rating: 1, text: 'Broke in a week' } }),
      wireEvent({ visitor_id: 'bob' }),
    ],
  });
});
afterAll(() => collector.close());

const admin = (path: string, init: RequestInit = {}, auth = `Bearer ${token}`) =>
  fetch(`${collector.url}/api/v1${path}`, { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...init.headers } });

describe("the REST API with the collector's admin token", () => {
  it('refuses requests without the token', async () => {
    expect((await admin('/sites/shop/definitions', {}, '')).status).toBe(401);
    expect((await admin('/sites/shop/definitions', {}, 'Bearer wrong-token-wrong-token')).status).toBe(401);
  });

  it('reads and edits the event definitions, naming the field of a bad change', async () => {
    const list = (await (await admin('/sites/shop/definitions')).json()) as { name: string; points: number; shown: boolean }[];
    expect(list.map((d) => [d.name, d.points, d.shown])).toEqual([['page', 1, true], ['identify', 0, true], ['review', 0, true]]);
    const changed = await admin('/sites/shop/definitions/review', { method: 'PATCH', body: JSON.stringify({ points: 4, dailyCap: 8 }) });
    expect(await changed.json()).toMatchObject({ name: 'review', points: 4, dailyCap: 8, shown: true });
    const bad = await admin('/sites/shop/definitions/review', { method: 'PATCH', body: JSON.stringify({ points: 'many' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'points' });
    const unknown = await admin('/sites/shop/definitions/review', { method: 'PATCH', body: JSON.stringify({ colour: 'red' }) });
    expect(unknown.status).toBe(400);
    expect((await admin('/sites/nope/definitions')).status).toBe(404);
  });

  it('shows a profile by visitor or by user id: score now, group, history and last events with what they wrote', async () => {
    const byUser = (await (await admin('/sites/shop/profiles/user/ada@example.com')).json()) as Record<string, any>;
    expect(byUser).toMatchObject({ userId: 'ada@example.com', lifecycle: 'new', score: 1, events: 3, visitors: ['ada-laptop'] });
    expect(byUser.lastEvents[0]).toMatchObject({ name: 'review', props: { text: 'Broke in a week' } });
    const byVisitor = (await (await admin('/sites/shop/profiles/visitor/ada-laptop')).json()) as Record<string, any>;
    expect(byVisitor.id).toBe(byUser.id);
    expect((await admin('/sites/shop/profiles/visitor/nobody')).status).toBe(404);
  });

  it('ranks the profiles by score', async () => {
    await collector.post({ site: 'shop', events: [wireEvent({ visitor_id: 'bob' }), wireEvent({ visitor_id: 'bob' })] });
    const page = (await (await admin('/sites/shop/profiles')).json()) as { profiles: { score: number }[]; next: string | null };
    expect(page.profiles.map((p) => p.score)).toEqual([3, 1]);
    expect(page.next).toBeNull();
    expect((await admin('/sites/shop/profiles?after=nonsense')).status).toBe(400);
  });

  it('answers the retired /v1/admin paths with their address in the REST API, which a client can follow', async () => {
    const moved = await fetch(`${collector.url}/v1/admin/sites/shop/profiles/top?limit=2`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([308, '/api/v1/sites/shop/profiles?limit=2']);
    const followed = await fetch(`${collector.url}/v1/admin/sites/shop/definitions`, { headers: { authorization: `Bearer ${token}` } });
    expect(followed.status).toBe(200);
    expect(((await followed.json()) as { name: string }[]).map((d) => d.name)).toContain('review');
  });

  it("keeps the collector-wide routes to the admin token, and a site's token to its site", async () => {
    const [site] = await collector.store.sites.list();
    const crm = await createApiToken(collector.store, site!, 'crm', ['read', 'write'], Date.now());
    expect((await admin('/retention', {}, `Bearer ${crm}`)).status).toBe(403);
    expect((await admin('/presets', {}, `Bearer ${crm}`)).status).toBe(200);
    expect((await admin('/sites/shop/definitions', {}, `Bearer ${crm}`)).status).toBe(200);
    expect((await admin('/retention', {}, 'Bearer pulse_unknown')).status).toBe(401);
  });

  it('creates segments that at once hold the matching profiles, pages their members, edits and deletes them', async () => {
    const created = await admin('/sites/shop/segments', {
      method: 'POST',
      body: JSON.stringify({ name: 'Identified', rules: { trait: 'email', exists: false } }),
    });
    expect(created.status).toBe(201);
    const segment = (await created.json()) as { id: number; size: number };
    // Every profile was evaluated on creation, before any new event.
    expect(segment.size).toBe(2);
    const page1 = (await (await admin(`/sites/shop/segments/${segment.id}/members?limit=1`)).json()) as { members: { profileId: number }[]; next: number };
    expect(page1.members).toHaveLength(1);
    const page2 = (await (await admin(`/sites/shop/segments/${segment.id}/members?limit=1&after=${page1.next}`)).json()) as { members: { profileId: number }[] };
    expect(page2.members[0]!.profileId).toBeGreaterThan(page1.members[0]!.profileId);

    const edited = await admin(`/sites/shop/segments/${segment.id}`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'Known customers', rules: { all: [{ lifecycle: ['new'] }, { score: { gte: 3 } }] } }),
    });
    expect(await edited.json()).toMatchObject({ name: 'Known customers', size: 1 });
    const profile = (await (await admin('/sites/shop/profiles/visitor/bob')).json()) as { segments: number[]; segmentHistory: unknown[] };
    expect(profile.segments).toEqual([segment.id]);
    expect(profile.segmentHistory).toHaveLength(1);

    const invalid = await admin('/sites/shop/segments', { method: 'POST', body: JSON.stringify({ name: 'Bad', rules: { all: [{ score: {} }] } }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ field: expect.stringMatching(/^rules/) });
    const duplicate = await admin('/sites/shop/segments', { method: 'POST', body: JSON.stringify({ name: 'Known customers', rules: { lifecycle: ['new'] } }) });
    expect(duplicate.status).toBe(400);
    // Renaming onto another segment's name is refused the same way, and changes nothing.
    const other = (await (await admin('/sites/shop/segments', { method: 'POST', body: JSON.stringify({ name: 'Other', rules: { lifecycle: ['new'] } }) })).json()) as { id: number };
    const clash = await admin(`/sites/shop/segments/${other.id}`, { method: 'PUT', body: JSON.stringify({ name: 'Known customers', rules: { lifecycle: ['new'] } }) });
    expect(clash.status).toBe(400);
    expect(await clash.json()).toMatchObject({ field: 'name' });
    expect((await admin(`/sites/shop/segments/${other.id}`, { method: 'DELETE' })).status).toBe(204);

    expect((await admin(`/sites/shop/segments/${segment.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin(`/sites/shop/segments/${segment.id}/members`)).status).toBe(404);
    expect(await (await admin('/sites/shop/segments')).json()).toEqual([]);
  });

  it('turns smart presets on, tunes and turns them off', async () => {
    const kinds = (await (await admin('/presets')).json()) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['ecommerce_buyers', 'category_lovers', 'category_virgins', 'high_interest', 'price_hunters']);
    const on = await admin('/sites/shop/presets/high_interest', { method: 'PUT', body: JSON.stringify({ brand: 'Acme' }) });
    expect(on.status).toBe(201);
    expect(await on.json()).toMatchObject({ name: 'High Interest: Acme', size: 0 });
    const tuned = await admin('/sites/shop/presets/high_interest', { method: 'PUT', body: JSON.stringify({ brand: 'Acme', minViews: 5 }) });
    expect(tuned.status).toBe(200);
    const bad = await admin('/sites/shop/presets/high_interest', { method: 'PUT', body: JSON.stringify({ brand: 'Acme', minViews: -1 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'minViews' });
    expect((await admin('/sites/shop/presets/astrology', { method: 'PUT', body: '{}' })).status).toBe(404);
    expect((await admin('/sites/shop/presets/high_interest?brand=Acme', { method: 'DELETE' })).status).toBe(204);
    expect(await (await admin('/sites/shop/segments')).json()).toEqual([]);
  });
});
