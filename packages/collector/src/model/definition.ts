// Event definitions: the points each event name is worth, its prop rules, its daily cap, whether it is shown.
import { z } from 'zod';
import { propTestSchema } from './props.js';

/** A prop condition that changes an event's points, e.g. a purchase with value > 10000 is worth 20. */
export const pointsRuleSchema = propTestSchema.extend({ points: z.number().int().min(-1_000).max(1_000) });

export type PointsRule = z.infer<typeof pointsRuleSchema>;

/** What an admin may change of a definition. */
export const definitionChangesSchema = z
  .object({
    points: z.number().int().min(-1_000).max(1_000),
    shown: z.boolean(),
    rules: z.array(pointsRuleSchema).max(20),
    dailyCap: z.number().int().min(1).max(100_000).nullable(),
  })
  .partial();

export type DefinitionChanges = z.infer<typeof definitionChangesSchema>;

export interface EventDefinition {
  id: number;
  siteId: number;
  name: string;
  points: number;
  shown: boolean;
  rules: PointsRule[];
  /** The most points one profile can get from this event in a day, or null for no cap. */
  dailyCap: number | null;
  /** When it was last hidden, while it is hidden. */
  hiddenAt: number | null;
}
