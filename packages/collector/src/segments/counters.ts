// Windowed counts and sums for segment rules: per person, per day, for each event-and-prop test a rule uses.
import { propMatches } from '../model/props.js';
import type { EventRow } from '../model/event.js';
import type { CounterSpec } from '../model/segment.js';

/** What one event adds to a counter: nothing when it does not pass the spec. */
export function counterDelta(spec: CounterSpec, event: Pick<EventRow, 'name' | 'props'>): { count: number; total: number } | null {
  if (event.name !== spec.event || !spec.where.every((test) => propMatches(test, event.props))) return null;
  const value = spec.sum === null ? 0 : event.props?.[spec.sum];
  return { count: 1, total: typeof value === 'number' && Number.isFinite(value) ? value : 0 };
}
