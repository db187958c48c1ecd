import { describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { sweepDue } from '../engine/settle-pass.js';
import { dayOf } from '../days.js';
import { adoptStalledFills } from '../jobs/segments.js';

describe('rule segments', () => {
  it('are entered and left by events and by time, with every change recorded', async () => {
    const { store, site, send, profile, define } = await scoringSetup();
    await define('purchase', { points: 20 });
    // Engaged buyers: a score of 15 or more, seen in the last 7 days.
    const segment = await store.segments.insert(site.id, 'Engaged buyers', { all: [{ score: { gte: 15 } }, { lastSeen: { withinDays: 7 } }] }, start);
    const sweep = (at: number) => store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, at));

    await send(start, { name: 'page' });
    expect((await store.segments.ofProfile(site.id, (await profile()).id)).size).toBe(0);
    await send(start + day, { name: 'purchase' }); // by an event: in
    expect([...await store.segments.ofProfile(site.id, (await profile()).id)]).toEqual([segment.id]);

    // By time: seven days after the last activity the last-seen test fails.
    await sweep(start + 7 * day); // its first week ends: a group change, still a member
    expect((await store.segments.ofProfile(site.id, (await profile()).id)).size).toBe(1);
    expect((await profile()).nextChangeAt).toBe(start + 8 * day);
    await sweep(start + 8 * day);
    expect((await store.segments.ofProfile(site.id, (await profile()).id)).size).toBe(0);

    // Back by an event, then out by an event: a refund takes the score under 15.
    await define('refund', { points: -30 });
    await send(start + 9 * day, { name: 'purchase' });
    expect((await store.segments.ofProfile(site.id, (await profile()).id)).has(segment.id)).toBe(true);
    await send(start + 9 * day + 1, { name: 'refund' });
    expect((await store.segments.ofProfile(site.id, (await profile()).id)).size).toBe(0);

    expect((await store.segments.history(site.id, (await profile()).id)).map((h) => [h.entered, (h.at - start) / day])).toEqual([
      [true, 1],
      [false, 8],
      [true, 9],
      [false, 9 + 1 / day],
    ]);
    expect((await store.segments.sizes(site.id, dayOf(start + day))).get(segment.id)).toBe(1);
    expect((await store.segments.sizes(site.id, dayOf(start + 9 * day))).get(segment.id)).toBe(0);
  });

  it('move with identity: the merged-away profile leaves, the merged one is evaluated', async () => {
    const { store, site, send, profile } = await scoringSetup();
    const segment = await store.segments.insert(site.id, 'Pro plan', { trait: 'plan', equals: 'pro' }, start);
    await send(start, { name: 'signup', visitor: 'a', traits: { plan: 'pro' } });
    await send(start, { name: 'page', visitor: 'b' });
    expect(await store.segments.size(site.id, segment.id)).toBe(1);
    await send(start + 1, { name: 'identify', visitor: 'b', user: 'u' }, { name: 'identify', visitor: 'a', user: 'u' });
    expect(await store.segments.size(site.id, segment.id)).toBe(1);
    expect((await store.segments.ofProfile(site.id, (await profile('a')).id)).has(segment.id)).toBe(true);
  });

  it('count events and sum their props within a window, from the events stored before the segment too', async () => {
    const { store, site, send, profile, segment } = await scoringSetup();
    const sweep = (at: number) => store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, at));
    const phone = { category: 'electronics', value: 6_000 };
    await send(start, { name: 'purchase', props: phone }, { name: 'purchase', visitor: 'bob', props: { category: 'books', value: 20 } });
    // Made after the first purchase: the counters are filled from the stored events.
    const repeat = await segment('Repeat buyers', { event: 'purchase', withinDays: 30, count: { gte: 2 } }, start + 1_000);
    const big = await segment('Big electronics spenders', { event: 'purchase', where: [{ prop: 'category', op: 'eq', value: 'electronics' }], withinDays: 180, sum: 'value', range: { gte: 10_000 } }, start + 1_000);
    expect(await store.segments.size(site.id, repeat.id)).toBe(0);

    await send(start + 10 * day, { name: 'purchase', props: phone });
    expect([...await store.segments.ofProfile(site.id, (await profile()).id)].sort()).toEqual([repeat.id, big.id].sort());
    await send(start + 10 * day, { name: 'purchase', visitor: 'bob', props: { category: 'books', value: 20_000 } });
    expect([...await store.segments.ofProfile(site.id, (await profile('bob')).id)]).toEqual([repeat.id]);

    // Day 30: the first purchase leaves the 30-day window, and Ada is no longer a repeat buyer.
    await sweep(start + 29 * day);
    expect((await store.segments.ofProfile(site.id, (await profile()).id)).has(repeat.id)).toBe(true);
    await sweep(start + 30 * day);
    expect([...await store.segments.ofProfile(site.id, (await profile()).id)]).toEqual([big.id]);
  });

  it('count an event stored while their counters are filled once: by ingest, not again by the fill', async () => {
    const { store, writer, site, send, profile } = await scoringSetup();
    const rules = { event: 'purchase', withinDays: 30, count: { gte: 1 } } as const;
    await send(start, { name: 'purchase' });
    const saved = await writer.run('saveSegment', { siteId: site.id, segment: { name: 'Buyers', rules }, now: start + 1_000 });
    if (!saved || 'field' in saved) throw new Error('the segment was not saved');
    // A purchase arrives after the counter exists and before the fill reaches it: ingest counts it.
    await send(start + 2_000, { name: 'purchase' });
    while (await writer.run('fillCounters', { siteId: site.id, counterIds: saved.filling }));
    const ada = (await profile()).id;
    const counted = (await store.segments.countedOfPeople(site.id, [ada], dayOf(start))).get(ada) ?? [];
    expect(counted.filter((row) => row.counterId === saved.filling[0]).reduce((sum, row) => sum + row.count, 0)).toBe(2);
  });

  it("are filled by another collector when the one saving them stopped midway, each event once", async () => {
    const { store, writer, site, send, profile } = await scoringSetup();
    const rules = { event: 'purchase', withinDays: 30, count: { gte: 2 } } as const;
    await send(start, { name: 'purchase' }, { name: 'purchase' });
    // What a collector killed right after saving leaves: the counter made, its fill not run.
    const saved = await writer.run('saveSegment', { siteId: site.id, segment: { name: 'Repeat buyers', rules }, now: start + 1_000 });
    if (!saved || 'field' in saved) throw new Error('the segment was not saved');
    expect((await store.segments.fills()).map((fill) => fill.id)).toEqual(saved.filling);
    const stop = adoptStalledFills({ writer, store, now: () => start + 2_000, log: () => {} }, 20);
    try {
      await expect.poll(async () => (await store.segments.fills()).length, { timeout: 5_000, interval: 20 }).toBe(0);
      const ada = (await profile()).id;
      await expect.poll(async () => [...(await store.segments.ofProfile(site.id, ada))], { timeout: 5_000, interval: 20 }).toEqual([saved.segment.id]);
      const counted = (await store.segments.countedOfPeople(site.id, [ada], dayOf(start))).get(ada) ?? [];
      expect(counted.filter((row) => row.counterId === saved.filling[0]).reduce((sum, row) => sum + row.count, 0)).toBe(2);
    } finally {
      await stop();
    }
  });
});
