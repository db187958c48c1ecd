// The overview's numbers for a range, read from the rollups: totals against the period before, a time series, top lists.
import type { Store } from '../storage/store.js';
import type { Range } from './range.js';
import { hourOf } from '../days.js';
import type { DayRange, Dimension } from '../model/traffic.js';

const topSize = 10;
const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function totalsOf(store: Pick<Store, 'rollups' | 'traffic'>, range: DayRange) {
  const traffic = await store.traffic.total(range);
  return {
    // The Audience page's active people, so both pages agree on who visited.
    visitors: await store.rollups.activePeople(range),
    sessions: traffic.sessions,
    pageviews: traffic.pageviews,
    // The activity mix's events: hidden events are left out of the stats.
    events: (await store.rollups.activityMix(range)).reduce((total, row) => total + row.events, 0),
    bounceRate: traffic.sessions ? (traffic.bounces / traffic.sessions) * 100 : 0,
    sessionLengthMs: traffic.sessions ? traffic.durationMs / traffic.sessions : 0,
  };
}

/**
 * One day is charted by hour (no visitors: people are counted per day), leaving the hours still
 * to come empty rather than zero; longer ranges by day.
 */
async function seriesOf(store: Pick<Store, 'rollups' | 'traffic'>, range: DayRange, now: number) {
  if (range.from === range.to) {
    const byHour = new Map((await store.traffic.perHour(range)).map((row) => [row.hour, row]));
    const hours = Array.from({ length: 24 }, (_, i) => range.from * 24 + i);
    const value = (hour: number, of: 'sessions' | 'pageviews') => (hour > hourOf(now) ? null : (byHour.get(hour)?.[of] ?? 0));
    return { step: 'hour' as const, x: hours, sessions: hours.map((h) => value(h, 'sessions')), pageviews: hours.map((h) => value(h, 'pageviews')), visitors: null };
  }
  const byDay = new Map((await store.traffic.perDay(range)).map((row) => [row.day, row]));
  const visitors = new Map((await store.rollups.activePerDay(range)).map((row) => [row.day, row.people]));
  const x = days(range.from, range.to);
  return {
    step: 'day' as const,
    x,
    sessions: x.map((d) => byDay.get(d)?.sessions ?? 0),
    pageviews: x.map((d) => byDay.get(d)?.pageviews ?? 0),
    visitors: x.map((d) => visitors.get(d) ?? 0),
  };
}

export async function overviewOf(store: Pick<Store, 'rollups' | 'traffic'>, siteId: number, range: Range, now: number) {
  const current = { siteId, from: range.from, to: range.to };
  const top = (dimension: Dimension) => store.traffic.top(current, dimension, topSize);
  return {
    totals: await totalsOf(store, current),
    previous: await totalsOf(store, { siteId, ...range.previous }),
    series: await seriesOf(store, current, now),
    pages: await top('page'),
    sources: await top('source'),
    referrers: await top('referrer'),
    campaigns: await top('utm_campaign'),
    devices: await top('device'),
    browsers: await top('browser'),
    os: await top('os'),
    countries: await top('country'),
    cities: await top('city'),
  };
}

export type Overview = Awaited<ReturnType<typeof overviewOf>>;
