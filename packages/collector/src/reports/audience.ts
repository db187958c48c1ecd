// The specification's metrics for a range, read from the daily rollups: reach, active people, activity mix, groups.
import type { Store } from '../storage/store.js';
import type { Range } from './range.js';

const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sum = (rows: { people: number }[]) => rows.reduce((total, row) => total + row.people, 0);

export async function audienceOf(store: Pick<Store, 'rollups'>, siteId: number, range: Range) {
  const current = { siteId, from: range.from, to: range.to };
  const previous = { siteId, ...range.previous };
  const reach = await store.rollups.reach(current);
  const active = new Map((await store.rollups.activePerDay(current)).map((row) => [row.day, row.people]));
  // Weeks ending on the range's last day, so the newest week is always whole.
  const weeks = [];
  for (let end = range.to; end >= range.from; end -= 7) {
    const from = Math.max(range.from, end - 6);
    weeks.unshift({ from, to: end, people: await store.rollups.activePeople({ siteId, from, to: end }) });
  }
  const groupsByDay = await Promise.all(days(range.from, range.to).map(async (day) => ({ day, ...await store.rollups.groupSizes(siteId, day) })));
  return {
    reached: { value: sum(reach), previous: sum(await store.rollups.reach(previous)) },
    activePeople: { value: await store.rollups.activePeople(current), previous: await store.rollups.activePeople(previous) },
    reach,
    activePerDay: days(range.from, range.to).map((day) => ({ day, people: active.get(day) ?? 0 })),
    weeks,
    mix: await store.rollups.activityMix(current),
    previousMix: new Map((await store.rollups.activityMix(previous)).map((row) => [row.name, row.events])),
    groupsByDay,
    groupsNow: (await groupsByDay.at(-1))!,
    groupsBefore: await store.rollups.groupSizes(siteId, range.previous.to),
  };
}

export type Audience = Awaited<ReturnType<typeof audienceOf>>;
