// A funnel's numbers for a range, read from its daily rollups: each step, overall conversion, by source and by device.
import type { Store } from '../storage/store.js';
import type { Range } from './range.js';
import { bucketSeconds } from '../funnels/advance.js';
import type { Funnel, FunnelCount } from '../model/funnel.js';

/** Sources shown in the breakdown; the rest are summed into one row. */
const topSources = 15;
const devices = ['desktop', 'tablet', 'phone'] as const;

/** A share as a fraction, or null when there was nothing to take it of. */
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export interface BreakdownRow {
  label: string;
  started: number;
  completed: number;
  conversion: number | null;
}

function perStep(counts: FunnelCount[], steps: number) {
  const totals = Array.from({ length: steps }, () => 0);
  for (const row of counts) totals[row.step - 1]! += row.people;
  return totals;
}

function breakdown(counts: FunnelCount[], steps: number, keyOf: (row: FunnelCount) => string): BreakdownRow[] {
  const groups = new Map<string, FunnelCount[]>();
  for (const row of counts) {
    const key = keyOf(row);
    if (groups.has(key)) groups.get(key)!.push(row);
    else groups.set(key, [row]);
  }
  return [...groups].map(([label, rows]) => {
    const totals = perStep(rows, steps);
    return { label, started: totals[0]!, completed: totals[steps - 1]!, conversion: ratio(totals[steps - 1]!, totals[0]!) };
  });
}

/** The median of the times in buckets, in seconds, or null when nobody completed. */
function median(buckets: { bucket: number; people: number }[]): number | null {
  const total = buckets.reduce((sum, b) => sum + b.people, 0);
  let seen = 0;
  for (const b of buckets) if ((seen += b.people) * 2 >= total) return bucketSeconds(b.bucket);
  return null;
}

/** Started, completed and conversion of a range: what the list of funnels shows. */
export async function funnelSummary(store: Pick<Store, 'events' | 'funnels'>, funnel: Funnel, days: { from: number; to: number }) {
  const totals = perStep(await store.funnels.counts(funnel.siteId, funnel.id, days.from, days.to), funnel.steps.length);
  const started = totals[0]!;
  const completed = totals.at(-1)!;
  return { started, completed, conversion: ratio(completed, started) };
}


/** How far a replay got, as a whole percent of the site's history up to `now`, or null when done. */
export async function replayProgress(store: Pick<Store, 'events'>, funnel: Funnel, now: number): Promise<number | null> {
  if (!funnel.computing) return null;
  const first = await store.events.firstTs(funnel.siteId);
  if (first === null || funnel.cursor === null || now <= first) return 0;
  return Math.max(0, Math.min(99, Math.floor(((funnel.cursor.ts - first) / (now - first)) * 100)));
}

export async function funnelReport(store: Pick<Store, 'events' | 'funnels'>, funnel: Funnel, range: Range, now: number) {
  const n = funnel.steps.length;
  const counts = await store.funnels.counts(funnel.siteId, funnel.id, range.from, range.to);
  const totals = perStep(counts, n);
  const steps = funnel.steps.map((step, i) => ({
    ...step,
    people: totals[i]!,
    fromFirst: ratio(totals[i]!, totals[0]!),
    fromPrevious: i === 0 ? null : ratio(totals[i]!, totals[i - 1]!),
    // Those who reached this step and not the next.
    droppedOff: i === n - 1 ? null : totals[i]! - totals[i + 1]!,
  }));
  const sources = breakdown(counts, n, (row) => row.source).sort((a, b) => b.started - a.started || a.label.localeCompare(b.label));
  const rest = sources.slice(topSources);
  const others = rest.reduce((sum, row) => ({ started: sum.started + row.started, completed: sum.completed + row.completed }), { started: 0, completed: 0 });
  const byDevice = new Map(breakdown(counts, n, (row) => row.device).map((row) => [row.label, row]));
  return {
    computing: await replayProgress(store, funnel, now),
    steps,
    current: { started: totals[0]!, completed: totals[n - 1]!, conversion: ratio(totals[n - 1]!, totals[0]!) },
    previous: await funnelSummary(store, funnel, range.previous),
    medianSeconds: median(await store.funnels.times(funnel.siteId, funnel.id, range.from, range.to)),
    bySource: rest.length === 0 ? sources : [...sources.slice(0, topSources), { label: `${rest.length} other sources`, ...others, conversion: ratio(others.completed, others.started) }],
    byDevice: devices.map((device) => byDevice.get(device) ?? { label: device, started: 0, completed: 0, conversion: null }),
  };
}

export type FunnelReport = Awaited<ReturnType<typeof funnelReport>>;
