// An event definition as its row holds it, on either backend, and as the model has it.
import type { EventDefinition, PointsRule } from '../model/definition.js';

export interface DefinitionRow {
  id: number;
  site_id: number;
  name: string;
  points: number;
  shown: number;
  rules: string;
  daily_cap: number | null;
  hidden_at: number | null;
}

export const toDefinition = (row: DefinitionRow): EventDefinition => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  points: row.points,
  shown: row.shown === 1,
  rules: JSON.parse(row.rules) as PointsRule[],
  dailyCap: row.daily_cap,
  hiddenAt: row.hidden_at,
});
