import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';
import { defaultProfileRules } from './rules.js';
import { sweepDue } from '../engine/settle-pass.js';
import { circleRefreshMs } from './dimensions.js';
import { customTraitLimits } from './known-traits.js';

const community = (id: number, type: string, name = `c${id}`) => ({ id, name, type });

describe('community types of a person and of their circle', () => {
  it('counts each type, finds the dominant one, and sums the contacts into the circle', async () => {
    const { store, site, send, profile, segment } = await scoringSetup();
    const sweep = (at: number) => store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, at));
    const circleGroup = await segment('circle of interest groups', { circleCommunity: ['interest_group'] }, start - 1);
    const identify = (visitor: string, user: string, traits: Record<string, unknown>, at = start) =>
      send(at, { name: 'identify', visitor, user, traits });

    // Ann lists Bob and Cat before either has a profile, an unknown id, and herself.
    await identify('ann', 'ann', {
      communities: [community(1, 'business'), community(2, 'Business'), community(3, 'business'), community(4, 'brand'), community(5, 'event')],
      contacts: ['bob', 'cat', 'zed', 'ann', 'bob'],
      country: 'no',
      age: 30,
    });
    await identify('bob', 'bob', {
      communities: [community(6, 'interest_group'), community(7, 'interest-group'), community(8, 'thematic'), community(1, 'business')],
      contacts: ['ann'],
    });
    await identify('cat', 'cat', { communities: [community(8, 'thematic'), community(9, 'thematic'), community(6, 'interest_group'), community(10, 'public_page')] });

    expect((await profile('ann')).dimensions).toEqual({ own: { business: 3, brand: 1, event: 1 }, circle: {}, circleAt: start, ageStatedAt: start });
    // Bob came after Ann: his circle is hers at once.
    expect((await profile('bob')).dimensions).toEqual({ own: { interest_group: 2, thematic: 1, business: 1 }, circle: { business: 3, brand: 1, event: 1 }, circleAt: start, ageStatedAt: null });
    expect((await profile('cat')).dimensions).toEqual({ own: { thematic: 2, interest_group: 1, public_page: 1 }, circle: {}, circleAt: null, ageStatedAt: null });
    // The traits say where Ann is; the collector had no place for her IP.
    expect(await profile('ann')).toMatchObject({ country: 'NO', city: null });
    expect((await store.segments.ofProfile(site.id, (await profile('ann')).id)).has(circleGroup.id)).toBe(false);

    // A day on, the sweeper refreshes Ann's circle: Bob's and Cat's counts summed. Interest groups
    // and thematic communities tie at 3; the tie goes to the type listed first (interest_group).
    expect((await profile('ann')).nextChangeAt).toBeLessThanOrEqual(start + circleRefreshMs);
    await sweep(start + circleRefreshMs);
    expect((await profile('ann')).dimensions).toMatchObject({
      circle: { business: 1, interest_group: 3, thematic: 3, public_page: 1 },
      circleAt: start + circleRefreshMs,
    });
    expect((await store.segments.ofProfile(site.id, (await profile('ann')).id)).has(circleGroup.id)).toBe(true);

    // Cat leaves an interest group for two thematic communities: by the next refresh, thematic leads Ann's circle.
    const later = start + circleRefreshMs + 1_000;
    await identify('cat', 'cat', { communities: [community(8, 'thematic'), community(9, 'thematic'), community(11, 'thematic'), community(12, 'thematic')] }, later);
    await sweep(start + 2 * circleRefreshMs);
    expect((await profile('ann')).dimensions!.circle).toEqual({ business: 1, interest_group: 2, thematic: 5 });
    expect((await store.segments.ofProfile(site.id, (await profile('ann')).id)).has(circleGroup.id)).toBe(false);

    // Removing the lists clears what came of them.
    await identify('bob', 'bob', { communities: null, contacts: null }, later);
    expect((await profile('bob')).dimensions).toBeNull();
  });
});

describe('traits at ingest', () => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await startTestCollector();
  });
  afterAll(async () => {
    await collector?.close();
  });
  const identify = (visitor: string, traits: Record<string, unknown>) =>
    collector.post({ site: 'test', events: [wireEvent({ visitor_id: visitor, type: 'identify', user_id: `u-${visitor}`, traits })] });
  const traitsOf = async (visitor: string) => (await collector.store.profiles.ofVisitor(1, visitor))!.traits;

  it('stores the event and the good traits, and names each bad known trait it left out', async () => {
    const answer = await identify('eve', {
      gender: 'robot',
      birth_date: '1990-02-30',
      education: 'Master',
      communities: [{ id: 1, type: 'business' }, { id: 2, name: 'Chess club', type: 'club' }],
      contacts: 'everyone',
      plan: 'pro',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ accepted: 1, rejected: [] });
    expect(answer.json.ignored.map((i: { field: string }) => i.field)).toEqual(['traits.gender', 'traits.birth_date', 'traits.communities[1].type', 'traits.contacts']);
    expect(answer.json.ignored[0]).toEqual({ index: 0, field: 'traits.gender', message: 'traits.gender: must be one of female, male, non_binary, other' });
    expect(await traitsOf('eve')).toEqual({ education: 'master', plan: 'pro' });
    // The stored event holds what the profile took, not the refused values.
    const eve = (await collector.store.profiles.ofVisitor(1, 'eve'))!.id;
    expect((await collector.store.events.recentOfPeople(1, [eve], 1)).get(eve)).toHaveLength(1);
    expect((await identify('eve', { age: 30.5 })).json.ignored).toEqual([{ index: 0, field: 'traits.age', message: 'traits.age: must be a whole number of years' }]);
    // A good event answers as before, without the list.
    expect((await identify('eve', { age: 30 })).json).toEqual({ accepted: 1, duplicates: 0, rejected: [], dropped: 0 });
  });

  it('bounds custom traits: their size, their key and how many a person keeps', async () => {
    const big = 'x'.repeat(customTraitLimits.valueBytes);
    const answer = await identify('fay', { note: big, small: 'ok' });
    expect(answer.json.ignored).toEqual([
      { index: 0, field: 'traits.note', message: `traits.note: a custom trait must be at most ${customTraitLimits.valueBytes} bytes as JSON (is ${customTraitLimits.valueBytes + 2})` },
    ]);
    expect(await traitsOf('fay')).toEqual({ small: 'ok' });

    const keys = (from: number, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${from + i}`, i]));
    await identify('fay', keys(0, 30));
    await identify('fay', { ...keys(30, 30), gender: 'female' });
    const traits = await traitsOf('fay');
    const custom = Object.keys(traits).filter((k) => k !== 'gender');
    expect(custom).toHaveLength(customTraitLimits.perProfile);
    expect(traits).toMatchObject({ small: 'ok', k0: 0, k48: 18, gender: 'female' });
    expect(traits).not.toHaveProperty('k49');

    // A key longer than the wire allows is a malformed payload: the event is refused, naming the key.
    const long = await identify('fay', { ['k'.repeat(65)]: 1 });
    expect(long.json.rejected).toEqual([{ index: 0, field: `traits.${'k'.repeat(65)}`, message: expect.stringContaining('key must be 1 to 64') }]);
  });
});
