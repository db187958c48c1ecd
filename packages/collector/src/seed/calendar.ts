// When people visit: a window of days with slow growth and quieter weekends, each day peaking in the evening, local time.
import { dayMs } from '../days.js';
import type { Random } from './random.js';

const hourMs = 3_600_000;
/** Sunday to Saturday. */
const weekday = [0.9, 1.06, 1.05, 1.0, 0.98, 0.9, 0.78];
/** Visits per local hour, midnight to 23:00: a quiet night, a lunch peak and an evening peak. */
const hourly = [2.0, 1.2, 0.7, 0.5, 0.5, 0.8, 1.6, 2.8, 3.8, 4.6, 5.0, 5.2, 5.6, 5.5, 5.0, 4.8, 4.8, 5.0, 5.4, 6.2, 6.6, 6.0, 4.6, 3.2];

export interface Calendar {
  /** The window's start: no event is earlier. */
  start: number;
  end: number;
  /** The first day people may first have come: weeks before the window, so that its first weeks have returning visitors too. */
  firstDay: number;
  /** Running totals of each day's weight, for drawing a day. */
  days: Float64Array;
}

const runningTotals = (weights: number[]) => {
  const totals = new Float64Array(weights.length);
  weights.reduce((sum, w, i) => (totals[i] = sum + w), 0);
  return totals;
};
const hours = runningTotals(hourly);

/** The first index whose running total passes x. */
function indexAt(totals: Float64Array, x: number): number {
  let low = 0;
  let high = totals.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (totals[mid]! > x) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Days before the window in which people may first have come. */
const warmUpDays = 28;

/**
 * The window of the `days` calendar days (UTC) that end with the day of `end`, of which only the
 * part up to `end`. Traffic grows by `growth` from the first day anyone came to the last (0.4: 40 % more).
 */
export function calendarOf(end: number, days: number, growth = 0.4): Calendar {
  const lastDay = Math.floor(end / dayMs);
  const firstDay = lastDay - days + 1 - warmUpDays;
  const span = days + warmUpDays;
  const weights = Array.from({ length: span }, (_, d) => (1 + (growth * d) / span) * weekday[(firstDay + d + 4) % 7]!); // 1970-01-01 was a Thursday
  return { start: (lastDay - days + 1) * dayMs, end, firstDay, days: runningTotals(weights) };
}

/** Midnight (UTC) of the window's first day. */
export const windowStart = (end: number, days: number) => calendarOf(end, days).start;

/** A moment on a local calendar day, at an hour drawn from the daily curve. */
export function onLocalDay(r: Random, day: number, offsetHours: number): number {
  const hour = indexAt(hours, r() * hours[hours.length - 1]!) + r();
  return Math.floor(day * dayMs + (hour - offsetHours) * hourMs);
}

/** A first visit: a day drawn by the trend and the week's rhythm, then an hour; redrawn while it is before `from` or not yet. */
export function visitTime(r: Random, calendar: Calendar, offsetHours: number, from = calendar.firstDay * dayMs): number {
  const total = calendar.days[calendar.days.length - 1]!;
  for (let tries = 0; tries < 50; tries++) {
    const t = onLocalDay(r, calendar.firstDay + indexAt(calendar.days, r() * total), offsetHours);
    if (t >= from && t < calendar.end - 60_000) return t;
  }
  // Only a window of minutes (--days 1 just after midnight) gets here.
  return Math.max(from, calendar.end - 60_000 - Math.floor(r() * hourMs));
}

/**
 * A return visit after `previous`: a fifth come back the same day, the rest after days to weeks,
 * at an hour of their day. At least an hour later, so that visits never overlap.
 */
export function returnTime(r: Random, previous: number, offsetHours: number): number {
  if (r() < 0.2) return previous + hourMs + Math.floor(r() * 7 * hourMs);
  const gapDays = 1 - 7 * Math.log(1 - r());
  let localDay = Math.floor((previous + offsetHours * hourMs) / dayMs + gapDays);
  // Fewer come back at weekends: a return that falls on a quieter day moves to the next one by that day's shortfall.
  if (r() * weekday[1]! > weekday[(localDay + 4) % 7]!) localDay++;
  return Math.max(previous + hourMs, onLocalDay(r, localDay, offsetHours));
}
