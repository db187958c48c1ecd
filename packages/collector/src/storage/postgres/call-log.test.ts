// Calls on PostgreSQL: stored once per call id even from two collectors, read by range, day, column and person, and forgotten by person or age.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsDatabase, newCall, newLease, otherSite, shop, type CallsDatabase } from '../../testing/postgres-calls.js';

const day = 86_400_000;
const hash = (hex: string) => Buffer.from(hex, 'hex');

describe('calls on PostgreSQL', () => {
  let s: CallsDatabase;
  beforeEach(async () => (s = await callsDatabase()));
  afterEach(() => s.db.close());
  const insert = async (...calls: Parameters<typeof newCall>[0][]) => {
    const ids: number[] = [];
    for (const call of calls) ids.push(await s.calls.insertCall(newCall(call)));
    return ids;
  };
  const callIds = (calls: { callId: string }[]) => calls.map((c) => c.callId);

  it('are stored and read back whole by call id, within their site', async () => {
    const full = newCall({
      callId: "c'1", startedAt: 1_000, callerHash: hash('00ff'), callerNumber: '+79160000102', answered: false, recordingUrl: 'https://rec.example/1',
      attribution: 'lease', leaseId: 7, numberId: 3, repeatCaller: true, visitorId: 'v1', sessionId: 's1', eventId: '0190a3b4-c5d6-7e8f-9a0b-1c2d3e4f5a6b',
      source: 'ads', campaign: 'winter', landingPage: '/landing', device: 'phone', city: 'Kazan',
    });
    const id = await s.calls.insertCall(full);
    expect(await s.calls.callById(shop, "c'1")).toEqual({ id, ...full });
    const [bare] = await insert({ callId: 'c2', startedAt: 2_000 });
    expect(await s.calls.callById(shop, 'c2')).toEqual({ id: bare, ...newCall({ callId: 'c2', startedAt: 2_000 }) });
    expect(await s.calls.callById(otherSite, "c'1")).toBeUndefined();
    expect(await s.calls.callById(shop, 'missing')).toBeUndefined();
  });

  it('are one per call id and site', async () => {
    await insert({ callId: 'c1', startedAt: 1_000 });
    await expect(s.calls.insertCall(newCall({ callId: 'c1', startedAt: 2_000 }))).rejects.toThrow(/stored meanwhile/);
    await insert({ callId: 'c1', startedAt: 1_000, siteId: otherSite });
  });

  it('stored by two collectors at once are stored once, and the second one fails (its transaction rolls back)', async () => {
    const [a, b] = [await s.begin(), await s.begin()];
    const first = await a.calls.insertCall(newCall({ callId: 'c1', startedAt: 1_000 }));
    // b's insert waits for a's row, and finds it once a commits.
    const second = b.calls.insertCall(newCall({ callId: 'c1', startedAt: 2_000 })).catch((error: Error) => error);
    await a.commit();
    expect(await second).toBeInstanceOf(Error);
    await b.rollback();
    expect(await s.calls.callById(shop, 'c1')).toMatchObject({ id: first, startedAt: 1_000 });
  });

  it("give a caller's latest call that named a person, ties to the last stored", async () => {
    const caller = hash('aa');
    expect(await s.calls.lastKnownCall(shop, caller)).toBeUndefined();
    expect(await s.calls.hasCalled(shop, caller)).toBe(false);
    await insert(
      { callId: 'old', startedAt: 1_000, callerHash: caller, visitorId: 'v1' },
      { callId: 'tie-1', startedAt: 2_000, callerHash: caller, visitorId: 'v2' },
      { callId: 'tie-2', startedAt: 2_000, callerHash: caller, visitorId: 'v3' },
      { callId: 'unknown', startedAt: 3_000, callerHash: caller },
      { callId: 'someone else', startedAt: 4_000, callerHash: hash('bb'), visitorId: 'v4' },
      { callId: 'elsewhere', startedAt: 5_000, callerHash: caller, visitorId: 'v5', siteId: otherSite },
    );
    expect((await s.calls.lastKnownCall(shop, caller))!.callId).toBe('tie-2');
    expect(await s.calls.hasCalled(shop, caller)).toBe(true);
    expect(await s.calls.hasCalled(shop, hash('cc'))).toBe(false);
    await insert({ callId: 'anonymous', startedAt: 1_000, callerHash: hash('cc') });
    expect(await s.calls.hasCalled(shop, hash('cc'))).toBe(true);
    expect(await s.calls.lastKnownCall(shop, hash('cc'))).toBeUndefined();
  });

  it('are listed latest first within a range (its end left out), ties to the last stored, up to a limit', async () => {
    expect(await s.calls.calls(shop, 0, 10_000, 10)).toEqual([]);
    await insert(
      { callId: 'a', startedAt: 1_000 }, { callId: 'b', startedAt: 3_000 }, { callId: 'c', startedAt: 3_000 }, { callId: 'd', startedAt: 2_000 },
      { callId: 'e', startedAt: 5_000 }, { callId: 'f', startedAt: 3_000, siteId: otherSite },
    );
    expect(callIds(await s.calls.calls(shop, 1_000, 5_000, 10))).toEqual(['c', 'b', 'd', 'a']);
    expect(callIds(await s.calls.calls(shop, 1_001, 5_001, 3))).toEqual(['e', 'c', 'b']);
    expect((await s.calls.calls(shop, 0, 10_000, 1))[0]).toMatchObject({ callId: 'e', answered: true, repeatCaller: false, eventId: null });
  });

  it('are counted by UTC day: answered, attributed and first-time', async () => {
    expect(await s.calls.callDays(shop, 0, 10 * day)).toEqual([]);
    await insert(
      { callId: 'a', startedAt: day + 1, answered: false, attribution: 'lease', repeatCaller: true },
      { callId: 'b', startedAt: 2 * day - 1, attribution: 'none' },
      { callId: 'c', startedAt: 2 * day, attribution: 'repeat', repeatCaller: true },
      { callId: 'd', startedAt: 20_000 * day + 5, attribution: 'static' },
      { callId: 'e', startedAt: day, siteId: otherSite },
    );
    expect(await s.calls.callDays(shop, 0, 30_000 * day)).toEqual([
      { day: '1970-01-02', calls: 2, answered: 1, attributed: 1, firstTime: 1 },
      { day: '1970-01-03', calls: 1, answered: 1, attributed: 1, firstTime: 0 },
      { day: '2024-10-04', calls: 1, answered: 1, attributed: 1, firstTime: 1 },
    ]);
    expect(await s.calls.callDays(shop, day + 2, 2 * day)).toEqual([{ day: '1970-01-02', calls: 1, answered: 1, attributed: 0, firstTime: 1 }]);
  });

  it("count a call begun in the millisecond before 1970 in 1970's first day, as SQLite's whole seconds do", async () => {
    await insert({ callId: 'a', startedAt: -1 }, { callId: 'b', startedAt: -1_000 });
    expect(await s.calls.callDays(shop, -day, day)).toEqual([
      { day: '1969-12-31', calls: 1, answered: 1, attributed: 0, firstTime: 1 },
      { day: '1970-01-01', calls: 1, answered: 1, attributed: 0, firstTime: 1 },
    ]);
  });

  it('are counted by a column, top first, ties by value with none first and bytewise', async () => {
    await insert(
      { callId: 'a', startedAt: 1_000, source: 'ads', device: 'phone', city: 'b', campaign: 'x', landingPage: '/a' },
      { callId: 'b', startedAt: 1_000, source: 'ads', device: 'phone', city: 'B', campaign: 'x', landingPage: '/a' },
      { callId: 'c', startedAt: 1_000, source: 'seo', device: 'desktop', city: 'a', campaign: 'x', landingPage: '/b' },
      { callId: 'd', startedAt: 1_000, source: null, device: null, city: null, campaign: 'y', landingPage: null },
      { callId: 'e', startedAt: 9_000, source: 'late' },
      { callId: 'f', startedAt: 1_000, source: 'other site', siteId: otherSite },
    );
    expect(await s.calls.callsBy(shop, 'source', 0, 9_000, 10)).toEqual([
      { value: 'ads', calls: 2 },
      { value: null, calls: 1 },
      { value: 'seo', calls: 1 },
    ]);
    expect(await s.calls.callsBy(shop, 'city', 0, 9_000, 10)).toEqual([
      { value: null, calls: 1 },
      { value: 'B', calls: 1 },
      { value: 'a', calls: 1 },
      { value: 'b', calls: 1 },
    ]);
    expect(await s.calls.callsBy(shop, 'device', 0, 9_000, 1)).toEqual([{ value: 'phone', calls: 2 }]);
    expect(await s.calls.callsBy(shop, 'campaign', 0, 9_000, 10)).toEqual([{ value: 'x', calls: 3 }, { value: 'y', calls: 1 }]);
    expect(await s.calls.callsBy(shop, 'landing_page', 0, 9_000, 10)).toEqual([{ value: '/a', calls: 2 }, { value: null, calls: 1 }, { value: '/b', calls: 1 }]);
    expect(await s.calls.callsBy(shop, 'source', 10_000, 20_000, 10)).toEqual([]);
  });

  it("of a person's browsers are listed first to last, ties in the order stored", async () => {
    expect(await s.calls.callsOfVisitors(shop, [])).toEqual([]);
    await insert(
      { callId: 'a', startedAt: 2_000, visitorId: 'v1' }, { callId: 'b', startedAt: 1_000, visitorId: 'v2' }, { callId: 'c', startedAt: 2_000, visitorId: 'v2' },
      { callId: 'd', startedAt: 500, visitorId: 'v3' }, { callId: 'e', startedAt: 100, visitorId: 'v1', siteId: otherSite },
    );
    expect(callIds(await s.calls.callsOfVisitors(shop, ['v2', 'v1']))).toEqual(['b', 'a', 'c']);
    expect(await s.calls.callsOfVisitors(shop, ['nobody'])).toEqual([]);
  });

  it("of a person's browsers are forgotten with their leases, counting the calls", async () => {
    expect(await s.calls.deleteOfVisitors(shop, [])).toBe(0);
    const pool = await s.calls.insertPool(shop, { name: 'main', defaultNumber: '+0', publishedNumber: null, selector: null, holdMs: 1_000 }, 0);
    s.calls.setPoolNumbers(shop, pool, ['+1']);
    const numberId = (await s.calls.numbers(shop))[0]!.id;
    await s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId: 'a', visitorId: 'v1', startedAt: 0, endsAt: 10 }));
    const kept = await s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId: 'b', visitorId: 'v3', startedAt: 20, endsAt: 30 }));
    await insert(
      { callId: 'a', startedAt: 1, visitorId: 'v1' }, { callId: 'b', startedAt: 2, visitorId: 'v2' }, { callId: 'c', startedAt: 3, visitorId: 'v3' },
      { callId: 'd', startedAt: 4, visitorId: 'v1', siteId: otherSite },
    );
    expect(await s.calls.deleteOfVisitors(shop, ['v1', 'v2'])).toBe(2);
    expect(callIds(await s.calls.calls(shop, 0, 100, 10))).toEqual(['c']);
    expect((await s.calls.leaseAt(shop, numberId, 100))!.id).toBe(kept);
    expect(await s.calls.leaseAt(shop, numberId, 15)).toBeUndefined();
    expect(await s.calls.callById(otherSite, 'd')).toBeDefined();
  });

  it('and leases are forgotten by age a chunk at a time, leases by their end, counting both', async () => {
    const pool = await s.calls.insertPool(shop, { name: 'main', defaultNumber: '+0', publishedNumber: null, selector: null, holdMs: 1_000 }, 0);
    s.calls.setPoolNumbers(shop, pool, ['+1']);
    const numberId = (await s.calls.numbers(shop))[0]!.id;
    for (const [sessionId, startedAt, endsAt] of [['a', 0, 10], ['b', 20, 99], ['c', 50, 100]] as const) {
      await s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId, startedAt, endsAt }));
    }
    await insert(
      { callId: 'a', startedAt: 10 }, { callId: 'b', startedAt: 20 }, { callId: 'c', startedAt: 99 }, { callId: 'd', startedAt: 100 },
      { callId: 'e', startedAt: 1, siteId: otherSite },
    );
    expect(await s.calls.deleteBefore(shop, 100, 2)).toBe(2 + 2);
    expect(await s.calls.deleteBefore(shop, 100, 2)).toBe(1);
    expect(await s.calls.deleteBefore(shop, 100, 2)).toBe(0);
    expect(callIds(await s.calls.calls(shop, 0, 1_000, 10))).toEqual(['d']);
    expect((await s.calls.leaseAt(shop, numberId, 1_000))!.sessionId).toBe('c');
    expect(await s.calls.leaseAt(shop, numberId, 49)).toBeUndefined();
    expect(await s.calls.callById(otherSite, 'e')).toBeDefined();
  });

  it('being forgotten by two collectors at once are each taken by one, neither waiting', async () => {
    await insert(...Array.from({ length: 6 }, (_, i) => ({ callId: `c${i}`, startedAt: i })));
    const [a, b] = [await s.begin(), await s.begin()];
    expect(await a.calls.deleteBefore(shop, 100, 4)).toBe(4);
    expect(await b.calls.deleteBefore(shop, 100, 4)).toBe(2);
    await Promise.all([a.commit(), b.commit()]);
    expect(await s.calls.calls(shop, 0, 100, 10)).toEqual([]);
  });
});
