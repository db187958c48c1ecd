// What the Calls page and the API read of calls: totals, days and breakdowns over a range, the latest calls with their people, and each pool's health and recommended size.
import type { Store } from '../storage/store.js';
import { recommendedPoolSize } from '../calls/sizing.js';
import { maskedCaller } from '../calls/phone.js';
import { dayMs } from '../days.js';
import type { CallPool, CallRecord } from '../model/call.js';
import type { Range } from './range.js';

const hourMs = 3_600_000;
export const callBreakdowns = ['source', 'campaign', 'landing_page', 'device', 'city'] as const;

/** A call as listed: the caller masked unless the site keeps numbers in clear, and the person it was filed under. */
export interface ListedCall extends Omit<CallRecord, 'callerHash' | 'callerNumber' | 'callerTail'> {
  caller: string;
  profileId: number | null;
}

export async function listedCall(store: Pick<Store, 'profiles'>, call: CallRecord): Promise<ListedCall> {
  const { callerHash, callerNumber, callerTail, ...rest } = call;
  const profile = call.visitorId === null ? undefined : await store.profiles.ofVisitor(call.siteId, call.visitorId);
  return { ...rest, caller: callerNumber ?? maskedCaller(callerTail), profileId: profile?.id ?? null };
}

/** The calls of a range: totals, one row per day, the top values of each breakdown, and the latest calls. */
export async function callReport(store: Pick<Store, 'calls' | 'profiles'>, siteId: number, range: Pick<Range, 'from' | 'to'>, latest = 50) {
  const from = range.from * dayMs;
  const to = (range.to + 1) * dayMs;
  // Every day of the range, a day without calls as zeros: the chart's axis is the range, not the days that had calls.
  const counted = new Map((await store.calls.callDays(siteId, from, to)).map((day) => [day.day, day]));
  const days = Array.from({ length: range.to - range.from + 1 }, (_, i) => {
    const day = new Date((range.from + i) * dayMs).toISOString().slice(0, 10);
    return counted.get(day) ?? { day, calls: 0, answered: 0, attributed: 0, firstTime: 0 };
  });
  const sum = (key: 'calls' | 'answered' | 'attributed' | 'firstTime') => days.reduce((total, day) => total + day[key], 0);
  const calls = sum('calls');
  return {
    totals: { calls, answered: sum('answered'), missed: calls - sum('answered'), firstTime: sum('firstTime'), repeat: calls - sum('firstTime'), unattributed: calls - sum('attributed') },
    days,
    breakdowns: Object.fromEntries(await Promise.all(callBreakdowns.map(async (column) => [column, await store.calls.callsBy(siteId, column, from, to, 10)]))) as Record<
      (typeof callBreakdowns)[number],
      { value: string | null; calls: number }[]
    >,
    latest: await Promise.all((await store.calls.calls(siteId, from, to, latest)).map((call) => listedCall(store, call))),
  };
}
export type CallReport = Awaited<ReturnType<typeof callReport>>;

/** How a pool is doing: its size beside the size its traffic calls for, leases now, and the share of sessions refused a number. */
export interface PoolHealth {
  pool: CallPool;
  numbers: string[];
  leasesNow: number;
  recommended: number;
  averageSessionMinutes: number;
  peakHourSessions: number;
  /** Sessions that asked and the share of them given the default number, over the last 7 and 30 days. */
  last7: { sessions: number; missShare: number | null };
  last30: { sessions: number; missShare: number | null };
}

export async function poolHealth(store: Pick<Store, 'calls' | 'traffic'>, siteId: number, now: number): Promise<PoolHealth[]> {
  const today = Math.floor(now / dayMs);
  const week = { siteId, from: today - 6, to: today };
  const traffic = await store.traffic.total(week);
  const averageSessionMinutes = traffic.sessions > 0 ? traffic.durationMs / traffic.sessions / 60_000 : 0;
  // Before a pool has served a week, the site's own busiest hour stands in for the sessions that will ask.
  const busiestHour = Math.max(0, ...(await store.traffic.perHour(week)).map((hour) => hour.sessions));
  const hour = Math.floor(now / hourMs);
  const numbers = await store.calls.numbers(siteId);
  return await Promise.all((await store.calls.pools(siteId)).map(async (pool) => {
    const tally = (days: number) => store.calls.poolTally(siteId, pool.id, hour - days * 24 + 1, hour);
    const [t7, t30] = await Promise.all([tally(7), tally(30)]);
    const peakHourSessions = t7.sessions > 0 ? t7.peakHourSessions : busiestHour;
    const share = (t: { sessions: number; misses: number }) => (t.sessions > 0 ? t.misses / t.sessions : null);
    return {
      pool,
      numbers: numbers.filter((n) => n.poolId === pool.id).map((n) => n.number),
      leasesNow: await store.calls.liveLeaseCount(pool.id, now),
      recommended: recommendedPoolSize({ peakHourSessions, averageSessionMinutes, holdMinutes: pool.holdMs / 60_000 }),
      averageSessionMinutes: Math.round(averageSessionMinutes * 10) / 10,
      peakHourSessions,
      last7: { sessions: t7.sessions, missShare: share(t7) },
      last30: { sessions: t30.sessions, missShare: share(t30) },
    };
  }));
}

/** A static number as listed: fixed to a source, never leased. */
export interface StaticNumber {
  id: number;
  number: string;
  source: string;
  campaign: string | null;
}

export const staticNumbers = async (store: Pick<Store, 'calls'>, siteId: number): Promise<StaticNumber[]> =>
  (await store.calls.numbers(siteId)).flatMap(({ id, number, source, campaign }) => (source === null ? [] : [{ id, number, source, campaign }]));
