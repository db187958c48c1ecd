// The overview's rollups: a batch's sessions and page views folded into one change per touched hour and list row.
import { dayOf, hourOf } from '../days.js';
import { sourceOf } from '../profiles/source.js';
import type { Dimension, Traffic } from '../model/traffic.js';
import type { EventRow } from '../model/event.js';
import type { SessionShape, VisitChange } from '../model/visit.js';

/** A batch's changes: per hour, and per list row keyed `dimension \t day \t value`. */
export interface TrafficTally {
  hours: Map<number, Traffic>;
  rows: Map<string, number>;
}

export const newTrafficTally = (): TrafficTally => ({ hours: new Map(), rows: new Map() });

function hourIn(tally: TrafficTally, hour: number): Traffic {
  let traffic = tally.hours.get(hour);
  if (!traffic) tally.hours.set(hour, (traffic = { sessions: 0, pageviews: 0, bounces: 0, durationMs: 0 }));
  return traffic;
}

function addRow(tally: TrafficTally, dimension: Dimension, day: number, value: string | null, count: number): void {
  if (value === null) return;
  const key = `${dimension}\t${day}\t${value}`;
  tally.rows.set(key, (tally.rows.get(key) ?? 0) + count);
}

const sessionDimensions = [
  ['referrer', (s: SessionShape) => s.referrerHost],
  ['utm_campaign', (s: SessionShape) => s.utmCampaign],
  ['device', (s: SessionShape) => s.device],
  ['browser', (s: SessionShape) => s.browser],
  ['os', (s: SessionShape) => s.os],
  ['country', (s: SessionShape) => s.country],
  ['city', (s: SessionShape) => s.city],
] as const;

/** The list rows a session counts in are those of its start day and its first touch. */
const sameRows = (a: SessionShape, b: SessionShape) =>
  dayOf(a.startedAt) === dayOf(b.startedAt) && sourceOf(a) === sourceOf(b) && sessionDimensions.every(([, valueOf]) => valueOf(a) === valueOf(b));

/** Adds (sign 1) or takes back (sign -1) what a session counts in its start hour, and optionally in the lists. */
function countSession(tally: TrafficTally, session: SessionShape, sign: 1 | -1, lists: boolean): void {
  const hour = hourIn(tally, hourOf(session.startedAt));
  hour.sessions += sign;
  if (session.pageviews <= 1) hour.bounces += sign;
  hour.durationMs += sign * (session.lastSeen - session.startedAt);
  if (!lists) return;
  const day = dayOf(session.startedAt);
  addRow(tally, 'source', day, sourceOf(session), sign);
  for (const [dimension, valueOf] of sessionDimensions) addRow(tally, dimension, day, valueOf(session), sign);
}

/**
 * A batch changed a session: the rollups move from what it counted before to what it counts now.
 * Usually only its length (and bounce) change; a late event can also move its start to another
 * hour or day and change its source, which the same subtraction handles.
 */
export function countVisit(tally: TrafficTally, { before, after }: VisitChange): void {
  const lists = !before || !sameRows(before, after);
  if (before) countSession(tally, before, -1, lists);
  countSession(tally, after, 1, lists);
}

/** Page views count in their own hour, and by path on their own day. */
export function countPageviews(tally: TrafficTally, rows: EventRow[]): void {
  for (const row of rows) {
    if (row.type !== 'page') continue;
    hourIn(tally, hourOf(row.ts)).pageviews += 1;
    addRow(tally, 'page', dayOf(row.ts), row.path, 1);
  }
}

/** The list rows of a tally that moved, as (dimension, day, value, count). */
export function* tallyRows(tally: TrafficTally): Generator<[Dimension, number, string, number]> {
  for (const [key, count] of tally.rows) {
    if (count === 0) continue;
    // Values may hold tabs; the dimension and the day never do.
    const first = key.indexOf('\t');
    const second = key.indexOf('\t', first + 1);
    yield [key.slice(0, first) as Dimension, Number(key.slice(first + 1, second)), key.slice(second + 1), count];
  }
}
