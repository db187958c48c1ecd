import { describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';

describe('identity', () => {
  it('merges two devices of one customer into one profile when both identify', async () => {
    const { store, site, send, score, profile, define } = scoringSetup();
    define('purchase', { points: 10 });
    await send(start, { name: 'purchase', visitor: 'laptop' });
    await send(start + day, { name: 'purchase', visitor: 'phone' }, { name: 'purchase', visitor: 'phone' });
    expect(profile('laptop').id).not.toBe(profile('phone').id);

    await send(start + 2 * day, { name: 'identify', visitor: 'laptop', user: 'ada@example.com' });
    await send(start + 2 * day, { name: 'identify', visitor: 'phone', user: 'ada@example.com' });
    const merged = profile('phone');
    expect(profile('laptop').id).toBe(merged.id);
    expect(merged).toMatchObject({ userId: 'ada@example.com', events: 5, firstSeen: start, lastSeen: start + 2 * day });
    expect(score(start + 2 * day, 'phone')).toBe(30);
    expect(store.profiles.ofUser(site.id, 'ada@example.com')!.id).toBe(merged.id);
    // Later events of either device go to the merged profile.
    await send(start + 3 * day, { name: 'purchase', visitor: 'laptop', user: 'ada@example.com' });
    expect(score(start + 3 * day, 'phone')).toBe(40);
  });

  it('keeps the traits identify sends: later values win, null removes, a merge keeps both sides', async () => {
    const { send, profile } = scoringSetup();
    await send(start, { name: 'signup', visitor: 'phone', traits: { plan: 'free', city: 'Oslo' } });
    await send(start + 1, { name: 'identify', visitor: 'phone', user: 'u9', traits: { plan: 'pro', city: null, age: 41 } });
    expect(profile('phone').traits).toEqual({ plan: 'pro', age: 41 });
    await send(start + 2, { name: 'signup', visitor: 'tablet', traits: { plan: 'trial', newsletter: true } });
    await send(start + 3, { name: 'identify', visitor: 'tablet', user: 'u9' });
    expect(profile('tablet').traits).toEqual({ plan: 'pro', age: 41, newsletter: true });
  });

  it('is idempotent: identifying again, or in every event, changes nothing', async () => {
    const { send, profile } = scoringSetup();
    await send(start, { name: 'identify', user: 'u1' }, { name: 'identify', user: 'u1' }, { name: 'page', user: 'u1' });
    await send(start + 1, { name: 'identify', user: 'u1' });
    expect(profile()).toMatchObject({ userId: 'u1', events: 4 });
  });

  it('moves a visitor identified as another user to that user from then on, leaving the past behind', async () => {
    const { send, profile, score, define } = scoringSetup();
    define('purchase', { points: 10 });
    await send(start, { name: 'identify', visitor: 'shared-pc', user: 'ada' }, { name: 'purchase', visitor: 'shared-pc', user: 'ada' });
    const ada = profile('shared-pc');
    await send(start + 1_000, { name: 'identify', visitor: 'shared-pc', user: 'bob' }, { name: 'purchase', visitor: 'shared-pc', user: 'bob' });
    const bob = profile('shared-pc');
    expect(bob.id).not.toBe(ada.id);
    expect(bob).toMatchObject({ userId: 'bob', events: 2 });
    expect(score(start + 1_000, 'shared-pc')).toBe(10);
  });

  it('merges within one batch too: two devices identified in the same request', async () => {
    const { send, profile } = scoringSetup();
    await send(start, { name: 'page', visitor: 'a' }, { name: 'page', visitor: 'b' });
    await send(start + 1, { name: 'identify', visitor: 'a', user: 'same' }, { name: 'identify', visitor: 'b', user: 'same' });
    expect(profile('a').id).toBe(profile('b').id);
    expect(profile('a').events).toBe(4);
  });
});
