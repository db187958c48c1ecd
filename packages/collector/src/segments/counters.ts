// Windowed counts and sums for segment rules: per person, per day, for each event-and-prop test a rule uses.
import type { PropTest } from '../props.js';
import { propMatches } from '../props.js';
import type { EventRow } from '../storage/store.js';

/** What a rule counts: an event name, the prop tests its events must pass, and the prop it sums, if any. */
export interface CounterSpec {
  event: string;
  where: PropTest[];
  sum: string | null;
}

const keys = new WeakMap<CounterSpec, string>();

/** The same spec always gives the same key, so rules that count the same thing share one counter. */
export function counterKey(spec: CounterSpec): string {
  let key = keys.get(spec);
  if (key === undefined) keys.set(spec, (key = JSON.stringify([spec.event, spec.where, spec.sum])));
  return key;
}

export interface Counter {
  id: number;
  spec: CounterSpec;
}

/** What one event adds to a counter: nothing when it does not pass the spec. */
export function counterDelta(spec: CounterSpec, event: Pick<EventRow, 'name' | 'props'>): { count: number; total: number } | null {
  if (event.name !== spec.event || !spec.where.every((test) => propMatches(test, event.props))) return null;
  const value = spec.sum === null ? 0 : event.props?.[spec.sum];
  return { count: 1, total: typeof value === 'number' && Number.isFinite(value) ? value : 0 };
}
