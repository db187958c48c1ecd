// The points an event is worth: a new name's default, and what a definition's rules give.
import type { EventDefinition } from '../model/definition.js';
import { propMatches } from '../model/props.js';

/** Points of a new event name until an admin sets them: a pageview is worth 1, anything else 0. */
export const defaultPoints: Record<string, number> = { page: 1 };

/** The points an event is worth by its definition: 0 when hidden, else the first matching rule's, else the definition's. */
export function pointsFor(definition: EventDefinition, props: Record<string, unknown> | null): number {
  if (!definition.shown) return 0;
  const rule = definition.rules.find((r) => propMatches(r, props));
  return rule ? rule.points : definition.points;
}
