// A segment as its row holds it, on either backend, and as the model has it.
import type { Rule } from '../model/rule.js';
import type { Counter, CounterFill, CounterSpec, Segment } from '../model/segment.js';

export interface SegmentRow {
  id: number;
  site_id: number;
  name: string;
  rules: string;
  browser_key: string | null;
  created_at: number;
  updated_at: number;
}

export const toSegment = (row: SegmentRow): Segment => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  rules: JSON.parse(row.rules) as Rule,
  browserKey: row.browser_key,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A counter as its row holds it: the spec is stored as its key, a JSON array. */
export function counterFromRow(row: { id: number; spec: string }): Counter {
  const [event, where, sum] = JSON.parse(row.spec) as [string, CounterSpec['where'], string | null];
  return { id: row.id, spec: { event, where, sum } };
}

export interface CounterFillRow {
  id: number;
  site_id: number;
  spec: string;
  fill_from: number;
  fill_after: number;
  fill_until: number;
}

export const fillColumns = 'id, site_id, spec, fill_from, fill_after, fill_until';

export const fillFromRow = (row: CounterFillRow): CounterFill => ({ ...counterFromRow(row), siteId: row.site_id, fromTs: row.fill_from, after: row.fill_after, until: row.fill_until });
