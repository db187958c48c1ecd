import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgEvents } from './events.js';
import { sqliteEvents } from '../sqlite/events.js';
import { uuidToBytes } from '../uuid-bytes.js';
import { freshness } from '../sqlite/freshness.js';
import { CopyShelf } from './copies.js';
import { sideBySide, type SideBySide } from '../../testing/postgres-side-by-side.js';
import { eventRow, uuidv7 } from '../../testing/events.js';
import type { EventRow } from '../../model/event.js';
import type { EventStore } from '../events.js';

// URLs whose origin ends at a path, a query, a fragment or the end, written in odd ways; and none.
const urls = [
  'https://shop.example/product/p1?utm_source=news#top', 'https://shop.example?q=1', 'HTTP://Shop.Example#frag', 'https://shop.example',
  "https://bücher.example/straße?x=/y&q='", 'http://a/', null,
];

/**
 * Events of two sites, three browsers and a few sessions, with equal times, writings, odd URLs and
 * contexts; in an order their ids do not follow, which SQLite numbers them in.
 */
function history(): EventRow[] {
  const events = Array.from({ length: 240 }, (_, i) => {
    const visitor = ['vA', 'vB', 'Vc'][i % 3]!;
    return eventRow({
      siteId: i % 7 === 0 ? 2 : 1,
      ts: 10_000 + Math.floor(i / 4) * 1_000,
      visitorId: visitor,
      sessionId: `${visitor}-${Math.floor(i / 60)}`,
      name: ['page', 'review', 'comment', 'buy', 'page'][i % 5]!,
      type: i % 5 === 0 ? 'page' : 'track',
      url: urls[i % urls.length]!,
      referrer: i % 4 ? null : 'https://ref.example/x',
      referrerHost: i % 4 ? null : 'ref.example',
      utmSource: i % 6 === 0 ? 'news' : null,
      city: i % 2 ? 'Oslo' : null,
      userId: i % 9 === 0 ? 'u1' : null,
      props: i % 3 ? { i, quote: "it's" } : null,
      traits: i % 11 === 0 ? { plan: 'pro' } : null,
    });
  });
  return events.map((_, i) => events[(i * 37) % events.length]!);
}

describe('PostgreSQL events', () => {
  let both: SideBySide;
  let pg: EventStore;
  let lite: EventStore;

  beforeEach(async () => {
    both = await sideBySide();
    pg = pgEvents(both.sql, both.copies);
    lite = sqliteEvents(both.db, freshness(both.db));
  });
  afterEach(() => both.close());

  /** What both backends answer, expected equal. */
  async function same<T>(read: (events: EventStore) => Promise<T>): Promise<T> {
    const [fromPg, fromLite] = [await read(pg), await read(lite)];
    expect(fromPg).toEqual(fromLite);
    return fromPg;
  }

  it('stores each id once, returning the first of each new id in batch order, as SQLite does', async () => {
    const batch = Array.from({ length: 85 }, (_, i) => eventRow({ ts: 1_000 + i, url: `https://shop.example/p/${i}`, path: `/p/${i}` }));
    const again = { ...batch[3]!, title: 'the copy' };
    const fresh = await same((events) => events.insert([...batch.slice(0, 50), again, ...batch.slice(50), batch[70]!]));
    expect(fresh).toEqual(batch);
    const late = eventRow({ ts: 5 });
    expect(await same((events) => events.insert([...batch.slice(0, 5), late]))).toEqual([late]);
    expect(await same((events) => events.insert([]))).toEqual([]);
    // Seqs may differ (PostgreSQL spends one on a skipped copy), the rows may not.
    const stored = await same(async (events) => (await events.exportPage(1, 0, 10_000, null, 1_000)).map(({ seq: _seq, ...rest }) => rest));
    expect(stored).toHaveLength(86);
    expect(stored.find((e) => e.id.equals(uuidToBytes(batch[3]!.id)))!.title).toBe('A');
    expect(await pg.has(batch[3]!.siteId, batch[3]!.id)).toBe(true);
    expect(await pg.has(batch[3]!.siteId, batch[3]!.id.toUpperCase())).toBe(true);
    expect(await pg.has(batch[3]!.siteId, uuidv7())).toBe(false);
  });

  it('reads as SQLite reads: pages, cursors, orders, counts and deletions', async () => {
    const events = history();
    for (const batch of [events.slice(0, 100), events.slice(100, 101), events.slice(101)]) await same((store) => store.insert(batch));
    for (const site of [1, 2, 3]) {
      await same((store) => store.count(site));
      await same((store) => store.firstTs(site));
      for (const [fromTs, afterSeq, untilSeq, limit] of [[0, 0, 1_000, 1_000], [30_000, 0, 1_000, 7], [30_000, 120, 1_000, 7], [90_000, 0, 1_000, 10], [0, 10, 40, 1_000]] as const) {
        await same((store) => store.since(site, fromTs, afterSeq, untilSeq, limit));
      }
      await same((store) => store.lastSeq());
      // Replays and exports walk every page by their own cursors.
      let cursor: { ts: number; seq: number } | null = null;
      for (let page = 0; page < 40; page++) {
        const rows = await same((store) => store.forReplay(site, cursor, 9));
        if (rows.length === 0) break;
        cursor = rows.at(-1)!;
      }
      cursor = null;
      for (let page = 0; page < 40; page++) {
        const rows = await same((store) => store.exportPage(site, 15_000, 60_000, cursor, 11));
        if (rows.length === 0) break;
        cursor = rows.at(-1)!;
      }
      await same((store) => store.writingsOfVisitors(site, ['vA', 'vB', 'Vc', 'nobody'], 5));
      await same((store) => store.writingsOfVisitors(site, ['Vc', 'vA'], 1));
      await same((store) => store.writingsOfVisitors(site, [], 5));
      await same((store) => store.writingCountsOfVisitors(site, ['vA', 'vB', 'Vc', 'nobody']));
      for (const visitor of ['vA', 'vB', 'Vc', 'nobody']) {
        await same((store) => store.countInSession(site, visitor, `${visitor}-1`, 'review', 70_000));
        let after = { ts: 0, seq: 0 };
        for (let page = 0; page < 40; page++) {
          const { next } = await same((store) => store.ofVisitorAfter(site, visitor, after, 13));
          if (!next) break;
          after = next;
        }
      }
    }
    await same((store) => store.datasetSize());

    // A person of two browsers: their newest events merged, equal times in the order SQLite leaves them.
    both.db.prepare('INSERT INTO profiles (id, site_id, first_seen, last_seen, events, score, score_at) VALUES (7, 1, 0, 0, 0, 0, 0)').run();
    await both.pg.pool.query('INSERT INTO profiles (id, site_id, first_seen, last_seen, events, score, score_at) VALUES (7, 1, 0, 0, 0, 0, 0)');
    for (const visitor of ['vB', 'Vc']) {
      both.db.prepare('INSERT INTO profile_visitors (site_id, visitor_id, profile_id) VALUES (1, ?, 7)').run(visitor);
      await both.pg.pool.query('INSERT INTO profile_visitors (site_id, visitor_id, profile_id) VALUES (1, $1, 7)', [visitor]);
    }
    for (const limit of [1, 5, 30, 500]) expect((await same((store) => store.recentOfPeople(1, [7, 8], limit))).get(7)!.length).toBeGreaterThan(0);
    expect(await same((store) => store.recentOfPeople(1, [8], 5))).toEqual(new Map([[8, []]]));

    expect(await same((store) => store.deleteOfVisitor(1, 'vA', 30))).toBe(30);
    expect(await same((store) => store.deleteBefore(1, 40_000, 20))).toBe(20);
    expect(await same((store) => store.deleteBefore(2, 1_000_000, 1_000))).toBe(35);
    expect(await same((store) => store.deleteOfVisitor(2, 'vA', 10))).toBe(0);
    await same((store) => store.count(1));
    await same(async (store) => (await store.exportPage(1, 0, 1_000_000, null, 1_000)).map((e) => e.seq));
  });

  it('inserts a batch of 1,000 events in one statement when its contexts are known, in two when they are not', async () => {
    const batch = (n: number) => Array.from({ length: 1_000 }, (_, i) => eventRow({ ts: n + i, visitorId: `v${i % 100}`, city: `c${i % 40}` }));
    const statementsOf = async (rows: EventRow[]) => {
      const tx = await both.begin();
      expect(await pgEvents(tx.sql, both.copies).insert(rows)).toEqual(rows);
      const { statements } = tx;
      await tx.commit();
      return statements;
    };
    expect(await statementsOf(batch(0))).toBe(2);
    // Contexts a transaction made are known to the next only once it has read them committed.
    expect(await statementsOf(batch(10_000))).toBe(2);
    expect(await statementsOf(batch(20_000))).toBe(1);
    expect(await pg.count(1)).toBe(3_000);
  });

  it('stores an event sent to two collectors at once once, whichever order their batches hold it in', async () => {
    const shared = Array.from({ length: 300 }, (_, i) => eventRow({ ts: i, city: `c${i % 7}` }));
    const first = [...shared.slice(0, 200), eventRow({ city: 'only first' })];
    const second = [...shared.slice(100).reverse(), eventRow({ city: 'only second' })];
    const [a, b] = [await both.begin(), await both.begin()];
    const fromA = await pgEvents(a.sql, new CopyShelf().view(() => {})).insert(first);
    // B waits on A's uncommitted rows (and contexts) until A commits, then skips them.
    const pendingB = pgEvents(b.sql, new CopyShelf().view(() => {})).insert(second);
    await both.blocked();
    await a.commit();
    const fromB = await pendingB;
    // Its contexts made by A were missed by the read beside its insert, and read again.
    expect(b.statements).toBe(3);
    await b.commit();
    expect(fromA).toEqual(first);
    expect(fromB).toEqual(second.filter((e) => !first.includes(e)));
    expect(await pg.count(1)).toBe(302);
    // One context per city, each shared by both collectors' events.
    const { rows } = await both.pg.pool.query('SELECT city, count(*)::int AS n FROM event_contexts GROUP BY city ORDER BY city');
    expect(rows).toHaveLength(9);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect((await pg.exportPage(1, -1, 1_000_000, null, 1_000)).map((e) => e.city).sort()).toEqual([...[...shared, first.at(-1)!, second.at(-1)!].map((e) => e.city)].sort());
  });

  it('shares a deletion between two collectors: each takes rows the other has not, without waiting', async () => {
    await pg.insert(Array.from({ length: 50 }, (_, i) => eventRow({ ts: i })));
    const [a, b] = [await both.begin(), await both.begin()];
    expect(await pgEvents(a.sql, both.copies).deleteBefore(1, 30, 20)).toBe(20);
    expect(await pgEvents(b.sql, both.copies).deleteBefore(1, 30, 20)).toBe(10);
    expect(await pgEvents(b.sql, both.copies).deleteOfVisitor(1, 'v1', 100)).toBe(20);
    await Promise.all([a.commit(), b.commit()]);
    expect(await pg.count(1)).toBe(0);
  });

  it('forgets the contexts a rolled-back transaction made', async () => {
    const copies = new CopyShelf().view(() => {});
    const tx = await both.begin();
    await pgEvents(tx.sql, copies).insert([eventRow({ city: 'Bergen' })]);
    await tx.rollback();
    const next = await both.begin();
    const event = eventRow({ city: 'Bergen', ts: 2_000 });
    expect(await pgEvents(next.sql, copies).insert([event])).toEqual([event]);
    await next.commit();
    expect(await pg.exportPage(1, 0, 10_000, null, 10)).toMatchObject([{ city: 'Bergen', ts: 2_000 }]);
  });
});
