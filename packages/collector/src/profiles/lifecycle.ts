// The specification's three groups — new, active, passive — worked out from a profile in constant time.
import { dayMs } from '../days.js';
import type { Lifecycle } from '../model/profile.js';

export interface LifecycleRules {
  /** New: first activity within this many days. Default 7. */
  newDays: number;
  /** Active: activity in at least `activeWeeks` of the last `ofWeeks` calendar weeks. Default 2 of 4. */
  activeWeeks: number;
  ofWeeks: number;
  /** Passive: no activity for this many days, whatever the weeks say. Default 30. */
  passiveDays: number;
}

export const defaultLifecycle: LifecycleRules = { newDays: 7, activeWeeks: 2, ofWeeks: 4, passiveDays: 30 };

const weekMs = 7 * dayMs;
// 1970-01-01 was a Thursday: shifting by four days makes weeks start on Monday.
const mondayOffset = 4 * dayMs;
const weekBits = 32;

/** The calendar week (Monday to Sunday, UTC) a time falls in. */
export const weekOf = (ts: number) => Math.floor((ts - mondayOffset) / weekMs);
const weekStart = (week: number) => week * weekMs + mondayOffset;

export interface ActivityWeeks {
  activeWeeks: number;
  weekBase: number;
}

/** Marks the week of `ts` as active; a late event marks its own, older week. */
export function markActiveWeek(weeks: ActivityWeeks, ts: number): ActivityWeeks {
  const week = weekOf(ts);
  if (weeks.activeWeeks === 0) return { activeWeeks: 1, weekBase: week };
  if (week > weeks.weekBase) {
    const shift = week - weeks.weekBase;
    return { activeWeeks: shift >= weekBits ? 1 : ((weeks.activeWeeks << shift) | 1) >>> 0, weekBase: week };
  }
  const back = weeks.weekBase - week;
  return back >= weekBits ? weeks : { activeWeeks: (weeks.activeWeeks | (1 << back)) >>> 0, weekBase: weeks.weekBase };
}

/** Two profiles' active weeks as one, when identity merges them. */
export function mergeActiveWeeks(a: ActivityWeeks, b: ActivityWeeks): ActivityWeeks {
  const [late, early] = a.weekBase >= b.weekBase ? [a, b] : [b, a];
  const shift = late.weekBase - early.weekBase;
  const shifted = shift >= weekBits ? 0 : early.activeWeeks << shift;
  return { activeWeeks: (late.activeWeeks | shifted) >>> 0, weekBase: late.weekBase };
}

/** How many of the `ofWeeks` calendar weeks up to and including the week of `now` had activity. */
export function activeWeeksUpTo(weeks: ActivityWeeks, now: number, ofWeeks: number): number {
  const skipped = weekOf(now) - weeks.weekBase;
  const window = ofWeeks - skipped;
  if (window <= 0) return 0;
  let bits = window >= weekBits ? weeks.activeWeeks : weeks.activeWeeks & ((1 << window) - 1);
  let count = 0;
  for (; bits; bits &= bits - 1) count++;
  return count;
}

export interface LifecycleFacts extends ActivityWeeks {
  firstSeen: number;
  lastSeen: number;
}

/** New while the first activity is recent; else active when active often enough and not idle too long; else passive. */
export function lifecycleOf(p: LifecycleFacts, now: number, rules: LifecycleRules): Lifecycle {
  if (now - p.firstSeen < rules.newDays * dayMs) return 'new';
  if (now - p.lastSeen < rules.passiveDays * dayMs && activeWeeksUpTo(p, now, rules.ofWeeks) >= rules.activeWeeks) {
    return 'active';
  }
  return 'passive';
}

/**
 * When the group changes next with no further activity, or null if never. The group can only
 * change when the new period ends, when a week starts (an old active week leaves the window) or
 * when the passive period begins: the first of those moments that changes it is the answer.
 */
export function nextLifecycleChange(p: LifecycleFacts, now: number, rules: LifecycleRules): number | null {
  const current = lifecycleOf(p, now, rules);
  if (current === 'passive') return null;
  const moments = [p.firstSeen + rules.newDays * dayMs, p.lastSeen + rules.passiveDays * dayMs];
  for (let week = weekOf(now) + 1; week <= weekOf(now) + rules.ofWeeks + 1; week++) moments.push(weekStart(week));
  const future = moments.filter((t) => t > now).sort((a, b) => a - b);
  return future.find((t) => lifecycleOf(p, t, rules) !== current) ?? null;
}
