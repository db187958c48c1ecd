// The date range a stats page shows, and the period before it that each number is compared with.
import { z } from 'zod';
import { dayMs, dayOf } from '../days.js';
import { firstIssue } from '../validation.js';

export const presetRanges = { today: 1, '7d': 7, '30d': 30 } as const;
export type RangeKey = keyof typeof presetRanges | 'custom';

export interface Range {
  key: RangeKey;
  from: number;
  to: number;
  /** The same number of days just before. */
  previous: { from: number; to: number };
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .transform((value, ctx) => {
    const ts = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ts)) ctx.addIssue({ code: 'custom', message: 'is not a calendar date' });
    return dayOf(ts);
  });

const querySchema = z.discriminatedUnion('range', [
  z.object({ range: z.enum(['today', '7d', '30d']) }),
  z
    .object({ range: z.literal('custom'), from: isoDay, to: isoDay })
    .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' })
    .refine((q) => q.to - q.from < 732, { path: ['to'], message: 'a range may span at most two years' }),
]);

export const dayToIso = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

/** The range a query asks for (7 days when it names none), or what is wrong with the query. */
export function rangeOf(query: Record<string, string>, now: number): { range: Range } | { problem: string; field: string } {
  const parsed = querySchema.safeParse({ range: '7d', ...query });
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    return { problem: message, field };
  }
  const q = parsed.data;
  const today = dayOf(now);
  const [from, to] = q.range === 'custom' ? [q.from, q.to] : [today - presetRanges[q.range] + 1, today];
  const days = to - from + 1;
  return { range: { key: q.range, from, to, previous: { from: from - days, to: from - 1 } } };
}
