import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgTraffic } from './traffic.js';
import { sqliteTraffic } from '../sqlite/traffic.js';
import { sideBySide, type SideBySide } from '../../testing/postgres-side-by-side.js';
import type { TrafficStore } from '../traffic.js';
import type { Dimension } from '../../model/traffic.js';

const dimensions: Dimension[] = ['page', 'source', 'referrer', 'utm_campaign', 'device', 'browser', 'os', 'country', 'city'];

describe('PostgreSQL traffic', () => {
  let both: SideBySide;
  let pg: TrafficStore;
  let lite: TrafficStore;

  beforeEach(async () => {
    both = await sideBySide();
    pg = pgTraffic(both.sql);
    lite = sqliteTraffic(both.db);
  });
  afterEach(() => both.close());

  async function same<T>(read: (traffic: TrafficStore) => Promise<T>): Promise<T> {
    const [fromPg, fromLite] = [await read(pg), await read(lite)];
    expect(fromPg).toEqual(fromLite);
    return fromPg;
  }

  it('adds and reads as SQLite does: sums by hour and day, top lists with ties, moves back to zero, bot hits', async () => {
    // PostgreSQL's writes in one transaction, as the writer sends them.
    const tx = await both.begin();
    for (const traffic of [pgTraffic(tx.sql), lite]) {
      for (let i = 0; i < 300; i++) {
        const hour = 24 * 100 + ((i * 7) % 100);
        // A late event moves a session away: its old hour loses what the new one gains.
        const sign = i % 10 === 9 ? -1 : 1;
        traffic.add(i % 4 === 0 ? 2 : 1, hour, { sessions: sign, pageviews: 3 * sign, bounces: i % 3 === 0 ? sign : 0, durationMs: 1_000 * i * sign });
        traffic.addDimension(1, dimensions[i % dimensions.length]!, 100 + (i % 5), ['b', 'a', 'B', 'é', 'c'][i % 5]!, i % 6 === 5 ? -1 : 1);
      }
      // A value moved away entirely (sums to zero) is not listed.
      traffic.addDimension(1, 'page', 101, '/gone', 2);
      traffic.addDimension(1, 'page', 102, '/gone', -2);
      traffic.addBotHits(1, '2024-01-02', 3);
      traffic.addBotHits(1, '2024-01-02', 4);
      traffic.addBotHits(2, '2024-01-02', 1);
    }
    await tx.commit();
    for (const range of [{ siteId: 1, from: 100, to: 100 }, { siteId: 1, from: 99, to: 104 }, { siteId: 2, from: 101, to: 103 }, { siteId: 3, from: 0, to: 999 }]) {
      await same((t) => t.total(range));
      await same((t) => t.perHour(range));
      await same((t) => t.perDay(range));
      for (const dimension of dimensions) for (const limit of [1, 3, 10]) await same((t) => t.top(range, dimension, limit));
    }
    expect(await same((t) => t.total({ siteId: 3, from: 0, to: 999 }))).toEqual({ sessions: 0, pageviews: 0, bounces: 0, durationMs: 0 });
    expect(await same((t) => t.top({ siteId: 1, from: 100, to: 104 }, 'page', 10))).not.toContainEqual(expect.objectContaining({ value: '/gone' }));
    expect(await same((t) => t.botHits(1, '2024-01-02'))).toBe(7);
    expect(await same((t) => t.botHits(1, '2024-01-03'))).toBe(0);
  });

  it('counts what two collectors add to the same hour, list and day at once', async () => {
    const [a, b] = [await both.begin(), await both.begin()];
    for (const tx of [a, b]) {
      const traffic = pgTraffic(tx.sql);
      traffic.add(1, 2_400, { sessions: 1, pageviews: 2, bounces: 1, durationMs: 10 });
      traffic.addDimension(1, 'country', 100, 'NO', 1);
      traffic.addBotHits(1, '2024-01-02', 5);
    }
    await a.sql.settle();
    // B's upserts wait on A's rows, then add to what A committed.
    const committing = b.commit();
    await both.blocked();
    await a.commit();
    await committing;
    expect(await pg.total({ siteId: 1, from: 100, to: 100 })).toEqual({ sessions: 2, pageviews: 4, bounces: 2, durationMs: 20 });
    expect(await pg.top({ siteId: 1, from: 100, to: 100 }, 'country', 5)).toEqual([{ value: 'NO', count: 2 }]);
    expect(await pg.botHits(1, '2024-01-02')).toBe(10);
  });
});
