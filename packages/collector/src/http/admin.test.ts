import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';

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
  fetch(`${collector.url}/v1/admin${path}`, { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...init.headers } });

describe('the admin API', () => {
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

  it('ranks the top profiles by score', async () => {
    await collector.post({ site: 'shop', events: [wireEvent({ visitor_id: 'bob' }), wireEvent({ visitor_id: 'bob' })] });
    const top = (await (await admin('/sites/shop/profiles/top?limit=2')).json()) as { score: number; userId: string | null }[];
    expect(top.map((p) => p.score)).toEqual([3, 1]);
    expect((await admin('/sites/shop/profiles/top?limit=0')).status).toBe(400);
  });
});
