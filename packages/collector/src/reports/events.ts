// The Events page's data: the specification's table of event definitions with how often each happened.
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import type { Range } from './range.js';
import { definitionChangesSchema, type EventDefinition } from '../model/definition.js';

export interface EventRow extends EventDefinition {
  events: number;
  previous: number;
}

export async function eventsOf(store: Pick<Store, 'definitions' | 'rollups' | 'settings'>, siteId: number, range: Range) {
  const counts = async (from: number, to: number) => new Map((await store.rollups.activityMix({ siteId, from, to })).map((row) => [row.name, row.events]));
  const current = await counts(range.from, range.to);
  const previous = await counts(range.previous.from, range.previous.to);
  const rows: EventRow[] = (await store.definitions.list(siteId)).map((d) => ({ ...d, events: current.get(d.name) ?? 0, previous: previous.get(d.name) ?? 0 }));
  return { shown: rows.filter((row) => row.shown), hidden: rows.filter((row) => !row.shown), retentionDays: await store.settings.retentionDays() };
}

export type Events = Awaited<ReturnType<typeof eventsOf>>;

// Form fields arrive as strings: an empty cap means no cap; the bounds are the admin API's.
const { points, dailyCap } = definitionChangesSchema.shape;
export const eventFormSchema = z.object({
  points: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), points.unwrap()),
  dailyCap: z.preprocess((v) => (v === '' || v === undefined ? null : Number(v)), dailyCap.unwrap()),
});
