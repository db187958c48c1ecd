// Two collectors: a batch decided by copies another collector changed before it committed runs again on fresh ones, so a segment's new counter counts its events exactly once.
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { testDb, testStore } from '../../testing/backend.js';
import { desktopChrome, uuidv7, wireEvent } from '../../testing/events.js';
import { localWriter } from '../../engine/commands.js';
import { ingestBatch } from '../../ingest/ingest.js';
import { addSite } from '../../sites/sites.js';
import { dayOf } from '../../days.js';
import { reevaluateSite } from '../../jobs/segments.js';

const start = Date.UTC(2026, 10, 2, 12);

/** A store whose transactions, once `fn` is done, wait for `gate` before they commit: a batch caught mid-flight. */
function held(store: Store, gate: Promise<void>, reached: () => void): Store {
  return {
    ...store,
    transaction: (fn) =>
      store.transaction(async (tx) => {
        const result = await fn(tx);
        reached();
        await gate;
        return result;
      }),
  };
}

const purchase = (ts: number) => ({
  body: { site: 'shop', events: [wireEvent({ id: uuidv7(ts), type: 'track', name: 'purchase', ts, visitor_id: 'ada', session_id: 's-ada' })] },
  origin: undefined,
  userAgent: desktopChrome,
  ip: undefined,
  receivedAt: ts,
});

describe('copies changed by another collector during a batch', () => {
  it('send the batch round again after the change, so a new counter counts an in-flight event once', async () => {
    const db = await testDb();
    const [one, two] = [await testStore(db), await testStore(db)];
    const site = await addSite(one, ['shop.example'], start, 'shop');
    const writerOne = localWriter(one);
    await ingestBatch({ store: one, writer: writerOne, geo: null }, purchase(start));

    // Collector one's next batch has read its copies (no segment yet) and stored its event, and waits to commit…
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const midway = new Promise<void>((resolve) => (reached = resolve));
    const caught = held(one, gate, reached);
    const inFlight = ingestBatch({ store: caught, writer: localWriter(caught), geo: null }, purchase(start + 2_000));
    await midway;

    // …while collector two saves a segment whose counter is new, taking its fill mark.
    const writerTwo = localWriter(two);
    const saved = await writerTwo.run('saveSegment', { siteId: site.id, segment: { name: 'Buyers', rules: { event: 'purchase', withinDays: 30, count: { gte: 2 } } }, now: start + 1_000 });
    if (!saved || 'field' in saved) throw new Error('the segment was not saved');
    release();
    expect(await inFlight).toMatchObject({ accepted: 1 });
    while (await writerTwo.run('fillCounters', { siteId: site.id, counterIds: saved.filling }));

    const ada = (await one.profiles.ofVisitor(site.id, 'ada'))!.id;
    const counted = (await one.segments.countedOfPeople(site.id, [ada], dayOf(start))).get(ada) ?? [];
    expect(counted.filter((row) => row.counterId === saved.filling[0]).reduce((sum, row) => sum + row.count, 0)).toBe(2);
    // Settled after the fill, as saving a segment does: two purchases, a repeat buyer.
    await reevaluateSite(writerTwo, site.id, start + 3_000);
    expect([...(await one.segments.ofProfile(site.id, ada))]).toEqual([saved.segment.id]);
  });
});
