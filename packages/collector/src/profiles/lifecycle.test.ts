import { describe, expect, it } from 'vitest';
import { activeWeeksUpTo, defaultLifecycle, lifecycleOf, markActiveWeek, mergeActiveWeeks, nextLifecycleChange, weekOf } from './lifecycle.js';

const day = 86_400_000;
const monday = Date.UTC(2026, 0, 5); // a Monday

function person(...activity: number[]) {
  let weeks = { activeWeeks: 0, weekBase: 0 };
  for (const ts of activity) weeks = markActiveWeek(weeks, ts);
  return { ...weeks, firstSeen: Math.min(...activity), lastSeen: Math.max(...activity) };
}

describe('weeks', () => {
  it('start on Monday and count active weeks in the window, late events included', () => {
    expect(weekOf(monday)).toBe(weekOf(monday + 6 * day + 86_399_000));
    expect(weekOf(monday)).toBe(weekOf(monday - 1) + 1);
    const p = person(monday, monday + 7 * day, monday + 21 * day, monday + 8 * day);
    expect(activeWeeksUpTo(p, monday + 22 * day, 4)).toBe(3);
    expect(activeWeeksUpTo(p, monday + 22 * day, 2)).toBe(1);
    expect(activeWeeksUpTo(p, monday + 70 * day, 4)).toBe(0);
  });

  it('merge as one history when identity merges two profiles', () => {
    const merged = mergeActiveWeeks(person(monday), person(monday + 14 * day));
    expect(activeWeeksUpTo(merged, monday + 14 * day, 4)).toBe(2);
  });
});

describe('lifecycleOf', () => {
  it('is new for the first week after the first activity', () => {
    const p = person(monday);
    expect(lifecycleOf(p, monday + 6 * day, defaultLifecycle)).toBe('new');
    expect(lifecycleOf(p, monday + 7 * day, defaultLifecycle)).toBe('passive');
  });

  it('is active with activity in 2 of the last 4 weeks, passive once that lapses', () => {
    const p = person(monday, monday + 8 * day);
    expect(lifecycleOf(p, monday + 9 * day, defaultLifecycle)).toBe('active');
    expect(lifecycleOf(p, monday + 27 * day, defaultLifecycle)).toBe('active');
    // The fifth week starts: the first active week leaves the window.
    expect(lifecycleOf(p, monday + 28 * day, defaultLifecycle)).toBe('passive');
  });

  it('is passive after 30 idle days even when the weeks window is longer', () => {
    const rules = { ...defaultLifecycle, ofWeeks: 8 };
    const p = person(monday, monday + 8 * day);
    expect(lifecycleOf(p, monday + 37 * day, rules)).toBe('active');
    expect(lifecycleOf(p, monday + 38 * day, rules)).toBe('passive');
  });
});

describe('nextLifecycleChange', () => {
  it('names the moment time alone changes the group, and nothing for passive profiles', () => {
    expect(nextLifecycleChange(person(monday + day), monday + day, defaultLifecycle)).toBe(monday + 8 * day);
    expect(nextLifecycleChange(person(monday, monday + 8 * day), monday + 9 * day, defaultLifecycle)).toBe(monday + 28 * day);
    expect(nextLifecycleChange(person(monday), monday + 20 * day, defaultLifecycle)).toBeNull();
  });
});
