// A funnel as its row holds it, on either backend, and its definition as the row's JSON keeps it.
import type { Funnel, FunnelDefinition } from '../model/funnel.js';

export interface FunnelRow {
  id: number;
  site_id: number;
  name: string;
  definition: string;
  created_at: number;
  updated_at: number;
  generation: number;
  computing: number;
  cursor_ts: number | null;
  cursor_seq: number | null;
}

export const toFunnel = (row: FunnelRow): Funnel => {
  const definition = JSON.parse(row.definition) as Omit<FunnelDefinition, 'name'>;
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    steps: definition.steps,
    windowMinutes: definition.windowMinutes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    generation: row.generation,
    computing: row.computing === 1,
    cursor: row.cursor_ts === null ? null : { ts: row.cursor_ts, seq: row.cursor_seq! },
  };
};

// The name has a column of its own.
export const definitionJson = (d: FunnelDefinition) => JSON.stringify({ steps: d.steps, windowMinutes: d.windowMinutes });
