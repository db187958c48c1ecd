// Every visit of every person, planned before any event is made: in time order, with lengths that add up to exactly the events asked for.
import { visitsOf, type Audience } from './people.js';
import { planVisit } from './visit-plan.js';

/** The visits in the order they start; about 20 bytes each, where their events would take kilobytes. */
export interface Schedule {
  visits: number;
  start: Float64Array;
  person: Uint32Array;
  /** The visit's number among the person's visits, 0 for the first. */
  visit: Uint16Array;
  events: Uint32Array;
}

/**
 * Plans the visits of `people` people and gives them `total` events between them. Each visit keeps
 * at least one event, and the events it would make beyond its first are scaled by one factor for
 * all visits, rounded so that the sum is exact: browsing stretches or shrinks, the mix stays.
 */
export function scheduleVisits(audience: Audience, people: number, total: number): Schedule {
  const start: number[] = [];
  const person: number[] = [];
  const visit: number[] = [];
  const planned: number[] = [];
  for (let p = 0; p < people; p++) {
    const { starts, first } = visitsOf(audience, p);
    starts.forEach((t, i) => {
      start.push(t);
      person.push(p);
      visit.push(first + i);
      planned.push(planVisit(audience.seed, p, first + i).events);
    });
  }
  const count = start.length;
  if (count > total) throw new Error(`${count} visits cannot share ${total} events`);
  const order = Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => start[a]! - start[b]! || a - b);

  const extra = planned.reduce((sum, n) => sum + n - 1, 0);
  // With no visit planned beyond one event, the events left over are shared evenly.
  const weight = (i: number) => (extra > 0 ? planned[i]! - 1 : 1);
  const factor = (total - count) / (extra > 0 ? extra : count);
  const schedule: Schedule = {
    visits: count,
    start: new Float64Array(count),
    person: new Uint32Array(count),
    visit: new Uint16Array(count),
    events: new Uint32Array(count),
  };
  let share = 0;
  let given = 0;
  order.forEach((i, k) => {
    share += weight(i) * factor;
    const more = Math.round(share) - given;
    given += more;
    schedule.start[k] = start[i]!;
    schedule.person[k] = person[i]!;
    schedule.visit[k] = visit[i]!;
    schedule.events[k] = 1 + more;
  });
  // Rounding leaves the sum exact already; this only guards it against the float sum's last bit.
  if (count > 0) schedule.events[count - 1] = schedule.events[count - 1]! + total - count - given;
  return schedule;
}
