import { describe, expect, it } from 'vitest';
import { day, scoringSetup as setup, start } from '../testing/scoring.js';
import { dayOf, hourOf } from '../days.js';
import { rangeOf } from './range.js';
import { overviewOf } from './overview.js';
import { audienceOf } from './audience.js';

const minute = 60_000;
const range = (query: Record<string, string>, now: number) => {
  const parsed = rangeOf(query, now);
  if (!('range' in parsed)) throw new Error(parsed.problem);
  return parsed.range;
};

describe('overview', () => {
  it('totals the range against the period before, agreeing with the Audience page on visitors', async () => {
    const { store, site, send, define } = await setup();
    const now = start + 6 * day;
    // The period before this week: one bounced session.
    await send(start - 2 * day, { name: 'page', visitor: 'old', ts: start - 2 * day });
    // This week: ada twice (two sessions, 3 pageviews and a signup), ben once (a bounce).
    await send(start + 5 * minute, { name: 'page', ts: start }, { name: 'page', ts: start + 2 * minute }, { name: 'signup', ts: start + 4 * minute });
    await send(start + day + minute, { name: 'page', ts: start + day, session: 'ada-2' }, { name: 'secret', ts: start + day + minute, session: 'ada-2' });
    await send(start + 2 * day, { name: 'page', visitor: 'ben', ts: start + 2 * day, url: 'https://shop.example/?utm_source=news' });
    await define('secret', { shown: false });
    // Hidden events are kept out of the stats from the moment they are hidden, as in the activity mix.
    await send(start + 3 * day, { name: 'secret', ts: start + day + 2 * minute, session: 'ada-2' });

    const week = range({ range: '7d' }, now);
    const o = await overviewOf(store, site.id, week, now);
    expect(o.totals).toEqual({ visitors: 2, sessions: 3, pageviews: 4, events: 6, bounceRate: (2 / 3) * 100, sessionLengthMs: (4 * minute + 2 * minute) / 3 });
    expect(o.previous).toMatchObject({ visitors: 1, sessions: 1, pageviews: 1, bounceRate: 100, sessionLengthMs: 0 });
    expect(o.totals.visitors).toBe((await audienceOf(store, site.id, week)).activePeople.value);
    expect(o.series.step).toBe('day');
    expect(o.series.x).toHaveLength(7);
    const at = (d: number) => o.series.x.indexOf(dayOf(d));
    expect([o.series.visitors![at(start)], o.series.sessions[at(start)], o.series.pageviews[at(start)]]).toEqual([1, 1, 2]);
    expect([o.series.visitors![at(start + 2 * day)], o.series.sessions[at(start + 2 * day)]]).toEqual([1, 1]);
    expect(o.sources).toEqual([{ value: 'direct', count: 2 }, { value: 'news', count: 1 }]);
  });

  it('charts a one-day range by hour', async () => {
    const { store, site, send } = await setup();
    await send(start, { name: 'page', ts: start });
    await send(start + 3 * 3_600_000, { name: 'page', visitor: 'ben', ts: start + 3 * 3_600_000 }, { name: 'page', visitor: 'ben', ts: start + 3 * 3_600_000 });
    const now = start + 4 * 3_600_000;
    const o = await overviewOf(store, site.id, range({ range: 'today' }, now), now);
    expect(o.series.step).toBe('hour');
    expect(o.series.x).toHaveLength(24);
    expect(o.series.x[0]).toBe(dayOf(start) * 24);
    const at = o.series.x.indexOf(hourOf(start));
    expect(o.series.sessions.slice(at, at + 4)).toEqual([1, 0, 0, 1]);
    expect(o.series.pageviews.slice(at, at + 4)).toEqual([1, 0, 0, 2]);
    // The hours still to come are empty, not zero.
    const nowAt = o.series.x.indexOf(hourOf(now));
    expect(o.series.sessions[nowAt]).toBe(0);
    expect(o.series.sessions.slice(nowAt + 1)).toEqual(Array(23 - nowAt).fill(null));
    expect(o.series.visitors).toBeNull();
  });

  it('lists the top ten of each list, most first', async () => {
    const { store, site, send } = await setup();
    const events = Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: i + 1 }, () => ({ name: 'page', ts: start, url: `https://shop.example/page-${i}` })),
    ).flat();
    await send(start, ...events);
    const o = await overviewOf(store, site.id, range({ range: 'today' }, start), start);
    expect(o.pages).toHaveLength(10);
    expect(o.pages[0]).toEqual({ value: '/page-11', count: 12 });
    expect(o.pages.at(-1)).toEqual({ value: '/page-2', count: 3 });
  });
});
