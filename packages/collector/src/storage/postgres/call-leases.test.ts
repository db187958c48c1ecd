// Leases on PostgreSQL: a number held through its lease's end, handed out least recently freed first and never to two collectors at once, and the pools' hourly tallies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallNumber } from '../../model/call.js';
import { callsDatabase, newLease, otherSite, shop, type CallsDatabase } from '../../testing/postgres-calls.js';

describe('call leases on PostgreSQL', () => {
  let s: CallsDatabase;
  let pool: number;
  let numbers: CallNumber[];
  /** A pool of these numbers, in this order of ids. */
  const withNumbers = async (...list: string[]) => {
    pool = await s.calls.insertPool(shop, { name: 'main', defaultNumber: '+0', publishedNumber: null, selector: null, holdMs: 1_000 }, 0);
    s.calls.setPoolNumbers(shop, pool, list);
    numbers = await s.calls.numbers(shop);
  };
  const numberOf = (id: number) => numbers.find((n) => n.id === id)!.number;
  beforeEach(async () => (s = await callsDatabase()));
  afterEach(() => s.db.close());

  it("are a session's own until they end, ends included", async () => {
    await withNumbers('+1');
    expect(await s.calls.liveLease(shop, pool, 'a', 0)).toBeUndefined();
    const id = await s.calls.insertLease(newLease({ poolId: pool, numberId: numbers[0]!.id, sessionId: 'a', startedAt: 1_000, endsAt: 2_000 }));
    const lease = await s.calls.liveLease(shop, pool, 'a', 2_000);
    expect(lease).toEqual({ id, ...newLease({ poolId: pool, numberId: numbers[0]!.id, sessionId: 'a', startedAt: 1_000, endsAt: 2_000 }), number: '+1', renewedAt: 1_000 });
    expect(await s.calls.liveLease(shop, pool, 'a', 2_001)).toBeUndefined();
    expect(await s.calls.liveLease(shop, pool, 'b', 1_500)).toBeUndefined();
    expect(await s.calls.liveLease(otherSite, pool, 'a', 1_500)).toBeUndefined();
    expect(await s.calls.liveLease(shop, pool + 1, 'a', 1_500)).toBeUndefined();
  });

  it("give a session's latest lease when it has two", async () => {
    await withNumbers('+1', '+2');
    await s.calls.insertLease(newLease({ poolId: pool, numberId: numbers[0]!.id, sessionId: 'a', startedAt: 1_000, endsAt: 9_000 }));
    const later = await s.calls.insertLease(newLease({ poolId: pool, numberId: numbers[1]!.id, sessionId: 'a', startedAt: 500, endsAt: 9_000 }));
    expect((await s.calls.liveLease(shop, pool, 'a', 2_000))!.id).toBe(later);
  });

  it('hold their number until they end, and a renewal holds it longer', async () => {
    await withNumbers('+1');
    const numberId = numbers[0]!.id;
    expect((await s.calls.freeNumber(pool, 1))!.number).toBe('+1');
    // free_at starts at 0, and free means free_at before now.
    expect(await s.calls.freeNumber(pool, 0)).toBeUndefined();
    const id = await s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId: 'a', startedAt: 1_000, endsAt: 2_000 }));
    expect(await s.calls.liveLeaseCount(pool, 2_000)).toBe(1);
    expect(await s.calls.freeNumber(pool, 2_000)).toBeUndefined();
    s.calls.renewLease(shop, id, numberId, 1_500, 2_500);
    expect(await s.calls.liveLease(shop, pool, 'a', 2_500)).toMatchObject({ id, startedAt: 1_000, renewedAt: 1_500, endsAt: 2_500 });
    expect(await s.calls.freeNumber(pool, 2_500)).toBeUndefined();
    expect(await s.calls.liveLeaseCount(pool, 2_501)).toBe(0);
    expect(await s.calls.freeNumber(pool, 2_501)).toEqual({ ...numbers[0], freeAt: 2_500 });
    expect(await s.calls.freeNumber(pool + 1, 9_999)).toBeUndefined();
  });

  it('hand out the number freed longest ago, the first made among equals', async () => {
    await withNumbers('+1', '+2', '+3');
    const [one, two, three] = numbers.map((n) => n.id) as [number, number, number];
    expect((await s.calls.freeNumber(pool, 1))!.id).toBe(one);
    await s.calls.insertLease(newLease({ poolId: pool, numberId: one, sessionId: 'a', startedAt: 0, endsAt: 300 }));
    await s.calls.insertLease(newLease({ poolId: pool, numberId: three, sessionId: 'c', startedAt: 0, endsAt: 100 }));
    expect((await s.calls.freeNumber(pool, 50))!.id).toBe(two);
    await s.calls.insertLease(newLease({ poolId: pool, numberId: two, sessionId: 'b', startedAt: 50, endsAt: 200 }));
    expect(await s.calls.freeNumber(pool, 100)).toBeUndefined();
    expect((await s.calls.freeNumber(pool, 301))!.id).toBe(three);
  });

  it('are found by the moment a call began: the last begun then, ended or not; ties to the last made', async () => {
    await withNumbers('+1', '+2');
    const numberId = numbers[0]!.id;
    expect(await s.calls.leaseAt(shop, numberId, 5_000)).toBeUndefined();
    const first = await s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId: 'a', startedAt: 1_000, endsAt: 2_000 }));
    const second = await s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId: 'b', startedAt: 3_000, endsAt: 4_000 }));
    const tied = await s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId: 'c', startedAt: 3_000, endsAt: 4_000 }));
    expect(await s.calls.leaseAt(shop, numberId, 999)).toBeUndefined();
    expect(await s.calls.leaseAt(shop, numberId, 1_000)).toMatchObject({ id: first, sessionId: 'a', number: numberOf(numberId) });
    expect((await s.calls.leaseAt(shop, numberId, 2_999))!.id).toBe(first);
    expect((await s.calls.leaseAt(shop, numberId, 9_999))!.id).toBe(tied);
    expect(second).toBeLessThan(tied);
    expect(await s.calls.leaseAt(shop, numbers[1]!.id, 9_999)).toBeUndefined();
  });

  it('count pairs that held one number at once, each pair once, ends included', async () => {
    await withNumbers('+1', '+2');
    const [one, two] = numbers.map((n) => n.id) as [number, number];
    const lease = (numberId: number, sessionId: string, startedAt: number, endsAt: number) =>
      s.calls.insertLease(newLease({ poolId: pool, numberId, sessionId, startedAt, endsAt }));
    expect(await s.calls.overlappingLeases(shop, pool)).toBe(0);
    await lease(one, 'a', 0, 100);
    await lease(one, 'b', 101, 200);
    await lease(two, 'c', 0, 200);
    expect(await s.calls.overlappingLeases(shop, pool)).toBe(0);
    // Starting at another's end: one pair. Two starting together: one pair, and each with c.
    await lease(one, 'd', 200, 300);
    expect(await s.calls.overlappingLeases(shop, pool)).toBe(1);
    await lease(two, 'e', 50, 60);
    await lease(two, 'f', 50, 70);
    expect(await s.calls.overlappingLeases(shop, pool)).toBe(1 + 3);
    expect(await s.calls.overlappingLeases(shop, pool + 1)).toBe(0);
  });
});

describe('leasing from two collectors at once on PostgreSQL', () => {
  let s: CallsDatabase;
  let pool: number;
  beforeEach(async () => {
    s = await callsDatabase();
    pool = await s.calls.insertPool(shop, { name: 'main', defaultNumber: '+0', publishedNumber: null, selector: null, holdMs: 1_000 }, 0);
  });
  afterEach(() => s.db.close());
  // Read back so the pool's writes have landed before the transactions begin.
  const withNumbers = async (...list: string[]) => {
    s.calls.setPoolNumbers(shop, pool, list);
    await s.calls.numbers(shop);
  };
  const take = async (calls: CallsDatabase['calls'], sessionId: string, now: number) => {
    const free = await calls.freeNumber(pool, now);
    if (free) await calls.insertLease(newLease({ poolId: pool, numberId: free.id, sessionId, startedAt: now, endsAt: now + 1_000 }));
    return free?.number;
  };

  it('gives two sessions the two numbers of a pool of two, one each', async () => {
    await withNumbers('+1', '+2');
    const [a, b] = [await s.begin(), await s.begin()];
    expect(await take(a.calls, 'a', 10)).toBe('+1');
    expect(await take(b.calls, 'b', 10)).toBe('+2');
    await Promise.all([a.commit(), b.commit()]);
    expect(await s.calls.liveLeaseCount(pool, 10)).toBe(2);
    expect(await s.calls.overlappingLeases(shop, pool)).toBe(0);
  });

  it('gives the one number of a pool of one to one session, and none to the other', async () => {
    await withNumbers('+1');
    const [a, b] = [await s.begin(), await s.begin()];
    expect(await b.calls.freeNumber(pool, 10)).toBeDefined();
    expect(await a.calls.freeNumber(pool, 10)).toBeUndefined();
    await b.rollback();
    // Given back: free again for the next.
    expect(await take(a.calls, 'a', 10)).toBe('+1');
    const c = await s.begin();
    expect(await take(c.calls, 'c', 10)).toBeUndefined();
    await a.commit();
    // Committed: the lease holds it, for a transaction begun before as for one begun after.
    expect(await take(c.calls, 'c', 20)).toBeUndefined();
    await c.commit();
    expect(await s.calls.freeNumber(pool, 1_010)).toBeUndefined();
    expect(await s.calls.overlappingLeases(shop, pool)).toBe(0);
  });

  it('never gives one number to two sessions when many collectors lease at once', async () => {
    await withNumbers('+1', '+2', '+3', '+4', '+5');
    const leased = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const tx = await s.begin();
        const number = await take(tx.calls, `s${i}`, 10);
        await tx.commit();
        return number;
      }),
    );
    const numbers = leased.filter((n) => n !== undefined);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(await s.calls.overlappingLeases(shop, pool)).toBe(0);
  });

  it("let one session's requests on two collectors take turns, so the session holds one number", async () => {
    await withNumbers('+1', '+2');
    // As leaseNumbers asks: the session held, then its own lease, else a free number.
    const request = async (tx: Awaited<ReturnType<CallsDatabase['begin']>>) => {
      await tx.calls.lockSession(shop, 'same');
      return (await tx.calls.liveLease(shop, pool, 'same', 10))?.number ?? (await take(tx.calls, 'same', 10));
    };
    const [a, b] = [await s.begin(), await s.begin()];
    expect(await request(a)).toBe('+1');
    // The second waits for the first to commit (given time to go ahead, it does not), then finds its lease.
    const second = request(b);
    await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 300))]);
    await a.commit();
    expect(await second).toBe('+1');
    await b.commit();
    expect(await s.calls.liveLeaseCount(pool, 10)).toBe(1);
  });
});

describe('pool tallies on PostgreSQL', () => {
  let s: CallsDatabase;
  let pool: number;
  beforeEach(async () => {
    s = await callsDatabase();
    pool = await s.calls.insertPool(shop, { name: 'main', defaultNumber: '+0', publishedNumber: null, selector: null, holdMs: 1_000 }, 0);
  });
  afterEach(() => s.db.close());

  it('sum the hours of a range, ends included, with its busiest hour', async () => {
    expect(await s.calls.poolTally(shop, pool, 0, 100)).toEqual({ sessions: 0, misses: 0, peakHourSessions: 0 });
    s.calls.countPoolHour(shop, pool, 10, 1, 0);
    s.calls.countPoolHour(shop, pool, 10, 1, 1);
    s.calls.countPoolHour(shop, pool, 11, 5, 2);
    s.calls.countPoolHour(shop, pool, 12, 0, 0);
    s.calls.countPoolHour(shop, pool, 13, 3, 3);
    expect(await s.calls.poolTally(shop, pool, 10, 13)).toEqual({ sessions: 10, misses: 6, peakHourSessions: 5 });
    expect(await s.calls.poolTally(shop, pool, 10, 10)).toEqual({ sessions: 2, misses: 1, peakHourSessions: 2 });
    expect(await s.calls.poolTally(shop, pool, 12, 12)).toEqual({ sessions: 0, misses: 0, peakHourSessions: 0 });
    expect(await s.calls.poolTally(shop, pool, 13, 10)).toEqual({ sessions: 0, misses: 0, peakHourSessions: 0 });
    expect(await s.calls.poolTally(shop, pool + 1, 0, 100)).toEqual({ sessions: 0, misses: 0, peakHourSessions: 0 });
  });

  it('count every collector’s sessions when they count one hour at once', async () => {
    const [a, b] = [await s.begin(), await s.begin()];
    a.calls.countPoolHour(shop, pool, 7, 1, 0);
    b.calls.countPoolHour(shop, pool, 7, 1, 1);
    a.calls.countPoolHour(shop, pool, 7, 2, 0);
    b.calls.countPoolHour(shop, pool, 7, 3, 1);
    await Promise.all([b.commit(), a.commit()]);
    expect(await s.calls.poolTally(shop, pool, 7, 7)).toEqual({ sessions: 7, misses: 2, peakHourSessions: 7 });
  });
});
