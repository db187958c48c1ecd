import { describe, expect, it } from 'vitest';
import { scoringSetup as setup, start } from '../testing/scoring.js';
import { dayOf, hourOf } from '../days.js';
import type { Store } from '../storage/store.js';
import type { Dimension } from '../model/traffic.js';

const minute = 60_000;
const lists = async (store: Store, siteId: number, day: number, ...dims: Dimension[]) =>
  Object.fromEntries(await Promise.all(dims.map(async (d) => [d, (await store.traffic.top({ siteId, from: day, to: day }, d, 10)).map((r) => [r.value, r.count])])));

describe('traffic rollups at ingest', () => {
  it('counts sessions, pageviews, bounces, length and the lists of one batch', async () => {
    const { store, site, send } = await setup();
    await send(
      start + 10 * minute,
      { name: 'page', visitor: 'ada', ts: start, url: 'https://shop.example/?utm_source=news&utm_campaign=spring' },
      { name: 'page', visitor: 'ada', ts: start + 2 * minute, url: 'https://shop.example/pricing' },
      { name: 'signup', visitor: 'ada', ts: start + 3 * minute },
      { name: 'page', visitor: 'ben', ts: start + 5 * minute, url: 'https://shop.example/pricing', referrer: 'https://search.example/q' },
    );
    const day = dayOf(start);
    expect(await store.traffic.total({ siteId: site.id, from: day, to: day })).toEqual({ sessions: 2, pageviews: 3, bounces: 1, durationMs: 3 * minute });
    expect(await store.traffic.perHour({ siteId: site.id, from: day, to: day })).toEqual([
      { hour: hourOf(start), sessions: 2, pageviews: 3, bounces: 1, durationMs: 3 * minute },
    ]);
    expect(await lists(store, site.id, day, 'page', 'source', 'referrer', 'utm_campaign', 'device', 'browser', 'os', 'country', 'city')).toEqual({
      page: [['/pricing', 2], ['/', 1]],
      source: [['news', 1], ['search.example', 1]],
      referrer: [['search.example', 1]],
      utm_campaign: [['spring', 1]],
      device: [['desktop', 2]],
      browser: [['Chrome', 2]],
      os: [['Linux', 2]],
      // No geo database in this test: unknown places are left out of the lists.
      country: [],
      city: [],
    });
  });

  it('stops counting a bounce when a later batch brings the second pageview, and grows the length', async () => {
    const { store, site, send } = await setup();
    const day = { siteId: site.id, from: dayOf(start), to: dayOf(start) };
    await send(start, { name: 'page', ts: start });
    expect(await store.traffic.total(day)).toEqual({ sessions: 1, pageviews: 1, bounces: 1, durationMs: 0 });
    await send(start + 5 * minute, { name: 'product_view', ts: start + 4 * minute });
    expect(await store.traffic.total(day)).toEqual({ sessions: 1, pageviews: 1, bounces: 1, durationMs: 4 * minute });
    await send(start + 10 * minute, { name: 'page', ts: start + 9 * minute, url: 'https://shop.example/cart' });
    expect(await store.traffic.total(day)).toEqual({ sessions: 1, pageviews: 2, bounces: 0, durationMs: 9 * minute });
    await send(start + 20 * minute, { name: 'page', ts: start + 19 * minute });
    expect(await store.traffic.total(day)).toEqual({ sessions: 1, pageviews: 3, bounces: 0, durationMs: 19 * minute });
    // A second session of the same visitor counts on its own.
    await send(start + 60 * minute, { name: 'page', ts: start + 60 * minute, session: 'second' });
    expect(await store.traffic.total(day)).toEqual({ sessions: 2, pageviews: 4, bounces: 1, durationMs: 19 * minute });
  });

  it('moves a session to the earlier day and source a late event reveals, leaving nothing behind', async () => {
    const { store, site, send } = await setup();
    const justAfterMidnight = Date.UTC(2026, 0, 6, 0, 10);
    const lateEvent = Date.UTC(2026, 0, 5, 23, 50);
    const [before, after] = [dayOf(lateEvent), dayOf(justAfterMidnight)];
    await send(justAfterMidnight + minute, { name: 'page', ts: justAfterMidnight, url: 'https://shop.example/b', referrer: 'https://blog.example/' });
    expect(await lists(store, site.id, after, 'source', 'device')).toEqual({ source: [['blog.example', 1]], device: [['desktop', 1]] });
    // Queued offline, sent half an hour later: the session really began the evening before, from a mailing.
    await send(justAfterMidnight + 30 * minute, { name: 'page', ts: lateEvent, url: 'https://shop.example/?utm_source=mail&utm_campaign=winter' });

    const traffic = (day: number) => store.traffic.total({ siteId: site.id, from: day, to: day });
    expect(await traffic(before)).toEqual({ sessions: 1, pageviews: 1, bounces: 0, durationMs: 20 * minute });
    expect(await traffic(after)).toEqual({ sessions: 0, pageviews: 1, bounces: 0, durationMs: 0 });
    expect((await store.traffic.perHour({ siteId: site.id, from: before, to: before })).map((h) => [h.hour, h.sessions])).toEqual([[hourOf(lateEvent), 1]]);
    expect(await lists(store, site.id, before, 'source', 'referrer', 'utm_campaign', 'device', 'page')).toEqual({
      source: [['mail', 1]],
      // The session's first touch is now the mailing, which had no referrer.
      referrer: [],
      utm_campaign: [['winter', 1]],
      device: [['desktop', 1]],
      page: [['/', 1]],
    });
    expect(await lists(store, site.id, after, 'source', 'referrer', 'device', 'page')).toEqual({ source: [], referrer: [], device: [], page: [['/b', 1]] });
    expect(await store.visits.session(site.id, 's-ada')).toMatchObject({ startedAt: lateEvent, lastSeen: justAfterMidnight, utmSource: 'mail' });
  });

  it('counts a session once however its events are split into batches', async () => {
    const { store, site, send } = await setup();
    for (let i = 0; i < 5; i++) await send(start + i * minute, { name: 'page', ts: start + i * minute, url: `https://shop.example/p${i}` });
    expect(await store.traffic.total({ siteId: site.id, from: dayOf(start), to: dayOf(start) })).toEqual({ sessions: 1, pageviews: 5, bounces: 0, durationMs: 4 * minute });
    expect(await store.traffic.top({ siteId: site.id, from: dayOf(start), to: dayOf(start) }, 'source', 10)).toEqual([{ value: 'direct', count: 1 }]);
  });
});
