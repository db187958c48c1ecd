// A segment as its row holds it, on either backend, and as the model has it.
import type { Rule } from '../model/rule.js';
import type { Segment } from '../model/segment.js';

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
