// Call tracking's configuration on PostgreSQL: settings made once, pools kept as a copy until one changes, and the numbers a site owns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsDatabase, newLease, otherSite, shop, type CallsDatabase } from '../../testing/postgres-calls.js';

const salt = Buffer.from('00ff10', 'hex');
const fields = (name: string) => ({ name, defaultNumber: '+74951234567', publishedNumber: '+74950000000', selector: '.phone', holdMs: 900_000 });

describe('call settings on PostgreSQL', () => {
  let s: CallsDatabase;
  beforeEach(async () => (s = await callsDatabase()));
  afterEach(() => s.db.close());

  it('are made the first time with the given secret and salt, and kept after', async () => {
    expect(await s.calls.settings(shop)).toBeUndefined();
    const made = await s.calls.ensureSettings(shop, 'cts_first', salt);
    expect(made).toEqual({ siteId: shop, signingSecret: 'cts_first', hashSalt: salt, storeCallers: false, widget: null });
    expect(await s.calls.ensureSettings(shop, 'cts_second', Buffer.from('01', 'hex'))).toEqual(made);
    expect(await s.calls.settings(otherSite)).toBeUndefined();
  });

  it('take their switches, secret and widget', async () => {
    await s.calls.ensureSettings(shop, 'cts_first', salt);
    s.calls.setStoreCallers(shop, true);
    s.calls.setSigningSecret(shop, "cts_it's");
    s.calls.setWidget(shop, '{"title":"Call me"}');
    expect(await s.calls.settings(shop)).toEqual({ siteId: shop, signingSecret: "cts_it's", hashSalt: salt, storeCallers: true, widget: '{"title":"Call me"}' });
    s.calls.setStoreCallers(shop, false);
    expect((await s.calls.settings(shop))!.storeCallers).toBe(false);
  });

  it('made by two collectors at once are the first one’s for both', async () => {
    const [a, b] = [await s.begin(), await s.begin()];
    const first = await a.calls.ensureSettings(shop, 'cts_a', salt);
    // b's insert waits for a's row: it ends once a commits.
    const second = b.calls.ensureSettings(shop, 'cts_b', Buffer.from('01', 'hex'));
    await a.commit();
    expect(await second).toEqual(first);
    await b.commit();
    expect((await s.calls.settings(shop))!.signingSecret).toBe('cts_a');
  });
});

describe('call pools on PostgreSQL', () => {
  let s: CallsDatabase;
  beforeEach(async () => (s = await callsDatabase()));
  afterEach(() => s.db.close());

  it('are listed oldest first, per site', async () => {
    expect(await s.calls.pools(shop)).toEqual([]);
    const b = await s.calls.insertPool(shop, fields('b'), 2_000);
    const a = await s.calls.insertPool(shop, { ...fields('a'), publishedNumber: null, selector: null }, 1_000);
    await s.calls.insertPool(otherSite, fields('b'), 3_000);
    expect(await s.calls.pools(shop)).toEqual([
      { id: b, siteId: shop, ...fields('b'), createdAt: 2_000 },
      { id: a, siteId: shop, ...fields('a'), publishedNumber: null, selector: null, createdAt: 1_000 },
    ]);
  });

  it('are a copy kept until one is inserted, updated or deleted', async () => {
    const id = await s.calls.insertPool(shop, fields('main'), 1_000);
    expect(await s.calls.pools(shop)).toHaveLength(1);
    // Behind the group's back: the copy does not see it.
    await s.db.pool.query("UPDATE call_pools SET name = 'renamed'");
    expect((await s.calls.pools(shop))[0]!.name).toBe('main');
    s.calls.updatePool(id, { ...fields('updated'), holdMs: 60_000 });
    expect(await s.calls.pools(shop)).toMatchObject([{ id, name: 'updated', holdMs: 60_000 }]);
    const second = await s.calls.insertPool(shop, fields('second'), 2_000);
    expect((await s.calls.pools(shop)).map((pool) => pool.id)).toEqual([id, second]);
    expect(await s.calls.deletePool(otherSite, id)).toBe(false);
    expect(await s.calls.deletePool(shop, id)).toBe(true);
    expect(await s.calls.deletePool(shop, id)).toBe(false);
    expect((await s.calls.pools(shop)).map((pool) => pool.id)).toEqual([second]);
  });

  it('refuse a second pool of one name in a site', async () => {
    await s.calls.insertPool(shop, fields('main'), 1_000);
    await expect(s.calls.insertPool(shop, fields('main'), 2_000)).rejects.toThrow(/unique/);
  });

  it('take their numbers with them when deleted', async () => {
    const id = await s.calls.insertPool(shop, fields('main'), 1_000);
    s.calls.setPoolNumbers(shop, id, ['+1', '+2']);
    await s.calls.insertStaticNumber(shop, '+3', 'flyer', null);
    await s.calls.deletePool(shop, id);
    expect((await s.calls.numbers(shop)).map((n) => n.number)).toEqual(['+3']);
  });
});

describe('call numbers on PostgreSQL', () => {
  let s: CallsDatabase;
  beforeEach(async () => (s = await callsDatabase()));
  afterEach(() => s.db.close());

  it('are listed pooled first by pool and number (bytewise), then static ones', async () => {
    expect(await s.calls.numbers(shop)).toEqual([]);
    const first = await s.calls.insertPool(shop, fields('first'), 1_000);
    const second = await s.calls.insertPool(shop, fields('second'), 1_000);
    const flyer = await s.calls.insertStaticNumber(shop, '+9', 'flyer', 'spring');
    s.calls.setPoolNumbers(shop, second, ['+5']);
    s.calls.setPoolNumbers(shop, first, ['b2', 'B1', '+70', '+7']);
    await s.calls.insertStaticNumber(shop, '+0', 'radio', null);
    await s.calls.insertStaticNumber(otherSite, '+00', 'radio', null);
    const numbers = await s.calls.numbers(shop);
    expect(numbers.map((n) => [n.number, n.poolId])).toEqual([['+7', first], ['+70', first], ['B1', first], ['b2', first], ['+5', second], ['+0', null], ['+9', null]]);
    expect(numbers.find((n) => n.id === flyer)).toEqual({ id: flyer, siteId: shop, number: '+9', poolId: null, source: 'flyer', campaign: 'spring', freeAt: 0 });
  });

  it("are found by number, any site's", async () => {
    const id = await s.calls.insertStaticNumber(otherSite, '+74957000001', 'flyer', null);
    expect(await s.calls.numberOf('+74957000001')).toEqual({ id, siteId: otherSite, number: '+74957000001', poolId: null, source: 'flyer', campaign: null, freeAt: 0 });
    expect(await s.calls.numberOf('+7')).toBeUndefined();
  });

  it("become exactly a pool's list: new ones added free in the order given, missing ones removed with their leases, kept ones untouched", async () => {
    const pool = await s.calls.insertPool(shop, fields('main'), 1_000);
    s.calls.setPoolNumbers(shop, pool, ['+3', '+1', '+2']);
    const before = await s.calls.numbers(shop);
    // Ids in the order given, so free numbers are handed out in it.
    expect(before.map((n) => [n.number, n.id])).toEqual([['+1', 2], ['+2', 3], ['+3', 1]]);
    const kept = before.find((n) => n.number === '+2')!;
    const dropped = before.find((n) => n.number === '+3')!;
    await s.calls.insertLease(newLease({ poolId: pool, numberId: kept.id, sessionId: 'a', startedAt: 1_000, endsAt: 5_000 }));
    await s.calls.insertLease(newLease({ poolId: pool, numberId: dropped.id, sessionId: 'b', startedAt: 1_000, endsAt: 5_000 }));
    s.calls.setPoolNumbers(shop, pool, ['+2', '+4', '+1']);
    const after = await s.calls.numbers(shop);
    expect(after.map((n) => n.number)).toEqual(['+1', '+2', '+4']);
    expect(after.find((n) => n.number === '+2')).toEqual({ ...kept, freeAt: 5_000 });
    expect((await s.db.pool.query('SELECT session_id FROM call_leases')).rows).toEqual([{ session_id: 'a' }]);
    s.calls.setPoolNumbers(shop, pool, []);
    expect(await s.calls.numbers(shop)).toEqual([]);
  });

  it("leave another site's numbers in the pool alone, and refuse one that is another's", async () => {
    const pool = await s.calls.insertPool(shop, fields('main'), 1_000);
    s.calls.setPoolNumbers(otherSite, pool, ['+1']);
    s.calls.setPoolNumbers(shop, pool, ['+2']);
    expect((await s.calls.numberOf('+1'))!.siteId).toBe(otherSite);
    await s.calls.insertStaticNumber(shop, '+9', 'flyer', null);
    s.calls.setPoolNumbers(shop, pool, ['+9']);
    await expect(s.calls.numbers(shop)).rejects.toThrow(/unique/);
  });

  it('are deleted by id within their site only', async () => {
    const id = await s.calls.insertStaticNumber(shop, '+9', 'flyer', null);
    await expect(s.calls.insertStaticNumber(otherSite, '+9', 'radio', null)).rejects.toThrow(/unique/);
    expect(await s.calls.deleteNumber(otherSite, id)).toBe(false);
    expect(await s.calls.deleteNumber(shop, id)).toBe(true);
    expect(await s.calls.deleteNumber(shop, id)).toBe(false);
    expect(await s.calls.numberOf('+9')).toBeUndefined();
  });
});
