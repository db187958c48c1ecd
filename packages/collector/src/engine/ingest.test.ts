import { describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { sweepDue } from '../engine/settle-pass.js';
import { dayOf } from '../days.js';

describe("the specification's metrics, as daily rollups", () => {
  it('count reach by source, active people per day and week, the activity mix and group sizes', async () => {
    const { store, site, send, define } = await scoringSetup();
    const d0 = dayOf(start);
    const range = (from: number, to: number) => ({ siteId: site.id, from: d0 + from, to: d0 + to });

    await send(start, { name: 'page', visitor: 'ada', url: 'https://shop.example/?utm_source=newsletter' }, { name: 'add_to_cart', visitor: 'ada' });
    await send(start, { name: 'page', visitor: 'bob', referrer: 'https://www.google.com/' });
    await send(start + day, { name: 'page', visitor: 'cy' }, { name: 'page', visitor: 'ada' }, { name: 'page', visitor: 'ada' });
    expect(await store.rollups.reach(range(0, 6))).toEqual([
      { source: 'direct', people: 1 },
      { source: 'newsletter', people: 1 },
      { source: 'www.google.com', people: 1 },
    ]);
    expect(await store.rollups.activePerDay(range(0, 6))).toEqual([{ day: d0, people: 2 }, { day: d0 + 1, people: 2 }]);
    expect(await store.rollups.activePeople(range(0, 6))).toBe(3);
    expect(await store.rollups.activityMix(range(0, 6))).toEqual([{ name: 'page', events: 5 }, { name: 'add_to_cart', events: 1 }]);
    expect(await store.rollups.groupSizes(site.id, d0 + 1)).toEqual({ new: 3, active: 0, passive: 0 });

    // A hidden event leaves the stats from then on.
    await define('add_to_cart', { shown: false });
    await send(start + 2 * day, { name: 'add_to_cart', visitor: 'bob' });
    expect(await store.rollups.activityMix(range(2, 2))).toEqual([]);
    expect(await store.rollups.activePerDay(range(2, 2))).toEqual([]);

    // bob and cy turn out to be one person: one fewer reached, one fewer new.
    await send(start + 2 * day, { name: 'identify', visitor: 'bob', user: 'b' }, { name: 'identify', visitor: 'cy', user: 'b' });
    expect((await store.rollups.reach(range(0, 6))).reduce((sum, r) => sum + r.people, 0)).toBe(2);
    expect(await store.rollups.groupSizes(site.id, d0 + 2)).toEqual({ new: 2, active: 0, passive: 0 });
    expect(await store.rollups.activePeople(range(0, 6))).toBe(2);

    // Day 8: ada comes back in week two (active); the sweeper makes b passive.
    await send(start + 8 * day, { name: 'page', visitor: 'ada' });
    await store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, start + 9 * day));
    expect(await store.rollups.groupSizes(site.id, d0 + 2)).toEqual({ new: 2, active: 0, passive: 0 });
    expect(await store.rollups.groupSizes(site.id, d0 + 9)).toEqual({ new: 0, active: 1, passive: 1 });
  });
});
