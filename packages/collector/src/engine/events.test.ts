import { describe, expect, it } from 'vitest';
import { defaultScoring } from '../score/score.js';
import { day, scoringSetup as setup, start } from '../testing/scoring.js';
import { dayOf } from '../days.js';

describe('lead score', () => {
  it("follows the specification's table: added to cart 0, opened checkout 0, clicked 'Place order' 5", async () => {
    const { store, site, send, score, define } = await setup();
    await define('add_to_cart', { points: 0 });
    await define('checkout_start', { points: 0 });
    await define('place_order', { points: 5 });
    await send(start, { name: 'add_to_cart' }, { name: 'checkout_start' }, { name: 'place_order' });
    expect(await score(start)).toBe(5);
    expect((await store.definitions.list(site.id)).map((d) => [d.name, d.points, d.shown])).toEqual([
      ['add_to_cart', 0, true],
      ['checkout_start', 0, true],
      ['place_order', 5, true],
    ]);
  });

  it('gives every new event name a definition: a pageview 1 point, anything else 0', async () => {
    const { store, site, send, score } = await setup();
    await send(start, { name: 'page' }, { name: 'page' }, { name: 'wishlist_add' });
    expect(await score(start)).toBe(2);
    expect((await store.definitions.list(site.id)).map((d) => [d.name, d.points])).toEqual([['page', 1], ['wishlist_add', 0]]);
  });

  it('halves after a week without activity and again after two, and records the score per day', async () => {
    const { store, site, send, score, define } = await setup();
    await define('purchase', { points: 40 });
    await send(start, { name: 'purchase' });
    expect(await score(start + 6 * day)).toBe(40);
    expect(await score(start + 7 * day)).toBe(20);
    expect(await score(start + 14 * day)).toBe(10);
    // Activity after the decay starts from the decayed value.
    await send(start + 15 * day, { name: 'purchase' });
    expect(await score(start + 15 * day)).toBe(50);
    const profile = (await store.profiles.ofVisitor(site.id, 'ada'))!;
    expect(await store.profiles.scoreHistory(site.id, profile.id)).toEqual([
      { day: dayOf(start), score: 40 },
      { day: dayOf(start + 15 * day), score: 50 },
    ]);
  });

  it('never goes above the cap', async () => {
    const { send, score, define } = await setup();
    await define('purchase', { points: 400 });
    await send(start, { name: 'purchase' }, { name: 'purchase' }, { name: 'purchase' });
    expect(await score(start)).toBe(defaultScoring.cap);
  });

  it('grants at most the daily cap of an event per person and day: a reload loop cannot inflate a score', async () => {
    const { send, score, define } = await setup();
    await define('page', { points: 1, dailyCap: 5 });
    await send(start, ...Array.from({ length: 30 }, () => ({ name: 'page' })));
    await send(start + 60_000, { name: 'page' });
    expect(await score(start + 60_000)).toBe(5);
    await send(start + day, { name: 'page' }, { name: 'page' });
    expect(await score(start + day)).toBe(7);
  });

  it('uses the first prop rule that matches: a large purchase is worth more', async () => {
    const { send, score, define } = await setup();
    await define('purchase', { points: 10, rules: [{ prop: 'value', op: 'gt', value: 10_000, points: 30 }] });
    await send(start, { name: 'purchase', props: { value: 12_000 } }, { name: 'purchase', props: { value: 50 }, visitor: 'bob' });
    expect(await score(start)).toBe(30);
    expect(await score(start, 'bob')).toBe(10);
  });

  it('counts a late offline batch once, as decayed as it would have been, and never below zero', async () => {
    const { send, score, define } = await setup();
    await define('purchase', { points: 10 });
    await define('refund', { points: -50 });
    await send(start, { name: 'purchase' });
    await send(start + 8 * day, { name: 'page_ping' }); // activity worth 0: the score is 5 from here
    expect(await score(start + 8 * day)).toBe(5);
    // Queued offline on day 1, arriving on day 8: its 10 points had halved by the last activity.
    await send(start + 8 * day, { name: 'purchase', ts: start + day });
    expect(await score(start + 8 * day)).toBe(10);
    expect(await score(start + 14 * day)).toBe(10);
    expect(await score(start + 15 * day)).toBe(5);
    await send(start + 15 * day, { name: 'refund' });
    expect(await score(start + 15 * day)).toBe(0);
  });

  it('stops scoring a hidden event from then on, and keeps its definition', async () => {
    const { store, site, send, score, define } = await setup();
    await define('newsletter_open', { points: 3 });
    await send(start, { name: 'newsletter_open' });
    const hidden = await define('newsletter_open', { shown: false });
    expect(hidden).toMatchObject({ shown: false, points: 3 });
    await send(start + 1_000, { name: 'newsletter_open' });
    expect(await score(start + 1_000)).toBe(3);
    expect(await store.definitions.list(site.id)).toHaveLength(1);
    expect(await store.events.count(site.id)).toBe(2);
  });
});
