import { describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';

describe('identity', () => {
  it('merges two devices of one customer into one profile when both identify', async () => {
    const { store, site, send, score, profile, define } = await scoringSetup();
    await define('purchase', { points: 10 });
    await send(start, { name: 'purchase', visitor: 'laptop' });
    await send(start + day, { name: 'purchase', visitor: 'phone' }, { name: 'purchase', visitor: 'phone' });
    expect((await profile('laptop')).id).not.toBe((await profile('phone')).id);

    await send(start + 2 * day, { name: 'identify', visitor: 'laptop', user: 'ada@example.com' });
    await send(start + 2 * day, { name: 'identify', visitor: 'phone', user: 'ada@example.com' });
    const merged = await profile('phone');
    expect((await profile('laptop')).id).toBe(merged.id);
    expect(merged).toMatchObject({ userId: 'ada@example.com', events: 5, firstSeen: start, lastSeen: start + 2 * day });
    expect(await score(start + 2 * day, 'phone')).toBe(30);
    expect((await store.profiles.ofUser(site.id, 'ada@example.com'))!.id).toBe(merged.id);
    // Later events of either device go to the merged profile.
    await send(start + 3 * day, { name: 'purchase', visitor: 'laptop', user: 'ada@example.com' });
    expect(await score(start + 3 * day, 'phone')).toBe(40);
  });

  it('keeps the traits identify sends: later values win, null removes, a merge keeps both sides', async () => {
    const { send, profile } = await scoringSetup();
    await send(start, { name: 'signup', visitor: 'phone', traits: { plan: 'free', city: 'Oslo' } });
    await send(start + 1, { name: 'identify', visitor: 'phone', user: 'u9', traits: { plan: 'pro', city: null, age: 41 } });
    expect((await profile('phone')).traits).toEqual({ plan: 'pro', age: 41 });
    await send(start + 2, { name: 'signup', visitor: 'tablet', traits: { plan: 'trial', newsletter: true } });
    await send(start + 3, { name: 'identify', visitor: 'tablet', user: 'u9' });
    expect((await profile('tablet')).traits).toEqual({ plan: 'pro', age: 41, newsletter: true });
  });

  it('is idempotent: identifying again, or in every event, changes nothing', async () => {
    const { send, profile } = await scoringSetup();
    await send(start, { name: 'identify', user: 'u1' }, { name: 'identify', user: 'u1' }, { name: 'page', user: 'u1' });
    await send(start + 1, { name: 'identify', user: 'u1' });
    expect(await profile()).toMatchObject({ userId: 'u1', events: 4 });
  });

  it('moves a visitor identified as another user to that user from then on, leaving the past behind', async () => {
    const { send, profile, score, define } = await scoringSetup();
    await define('purchase', { points: 10 });
    await send(start, { name: 'identify', visitor: 'shared-pc', user: 'ada' }, { name: 'purchase', visitor: 'shared-pc', user: 'ada' });
    const ada = await profile('shared-pc');
    await send(start + 1_000, { name: 'identify', visitor: 'shared-pc', user: 'bob' }, { name: 'purchase', visitor: 'shared-pc', user: 'bob' });
    const bob = await profile('shared-pc');
    expect(bob.id).not.toBe(ada.id);
    expect(bob).toMatchObject({ userId: 'bob', events: 2 });
    expect(await score(start + 1_000, 'shared-pc')).toBe(10);
  });

  it('merges within one batch too: two devices identified in the same request', async () => {
    const { send, profile } = await scoringSetup();
    await send(start, { name: 'page', visitor: 'a' }, { name: 'page', visitor: 'b' });
    await send(start + 1, { name: 'identify', visitor: 'a', user: 'same' }, { name: 'identify', visitor: 'b', user: 'same' });
    expect((await profile('a')).id).toBe((await profile('b')).id);
    expect((await profile('a')).events).toBe(4);
  });
});
