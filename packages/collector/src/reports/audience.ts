// The specification's metrics for a range, read from the daily rollups: reach, active people, activity mix, groups.
import type { Store } from '../storage/store.js';
import type { Range } from './range.js';

const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sum = (rows: { people: number }[]) => rows.reduce((total, row) => total + row.people, 0);

export function audienceOf(store: Pick<Store, 'rollups'>, siteId: number, range: Range) {
  const current = { siteId, from: range.from, to: range.to };
  const previous = { siteId, ...range.previous };
  const reach = store.rollups.reach(current);
  const active = new Map(store.rollups.activePerDay(current).map((row) => [row.day, row.people]));
  // Weeks ending on the range's last day, so the newest week is always whole.
  const weeks = [];
  for (let end = range.to; end >= range.from; end -= 7) {
    const from = Math.max(range.from, end - 6);
    weeks.unshift({ from, to: end, people: store.rollups.activePeople({ siteId, from, to: end }) });
  }
  const groupsByDay = days(range.from, range.to).map((day) => ({ day, ...store.rollups.groupSizes(siteId, day) }));
  return {
    reached: { value: sum(reach), previous: sum(store.rollups.reach(previous)) },
    activePeople: { value: store.rollups.activePeople(current), previous: store.rollups.activePeople(previous) },
    reach,
    activePerDay: days(range.from, range.to).map((day) => ({ day, people: active.get(day) ?? 0 })),
    weeks,
    mix: store.rollups.activityMix(current),
    previousMix: new Map(store.rollups.activityMix(previous).map((row) => [row.name, row.events])),
    groupsByDay,
    groupsNow: groupsByDay.at(-1)!,
    groupsBefore: store.rollups.groupSizes(siteId, range.previous.to),
  };
}

export type Audience = ReturnType<typeof audienceOf>;
