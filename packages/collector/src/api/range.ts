// The date range a report route takes, described for the OpenAPI document and checked by the stats page's own range schema, so a range means the same in both.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { InputError } from '../validation.js';
import { dayToIso, rangeOf, type Range } from '../reports/range.js';

export const rangeQuery = z.object({
  range: z.enum(['today', '7d', '30d', 'custom']).optional().openapi({ description: 'the last 1, 7 or 30 days (UTC) ending today, or custom; 7d when left out' }),
  from: z.string().optional().openapi({ description: 'the first day (YYYY-MM-DD) of a custom range', example: '2026-01-01' }),
  to: z.string().optional().openapi({ description: 'the last day (YYYY-MM-DD) of a custom range, at most two years after from', example: '2026-01-31' }),
});

/** The range the request's query asks for; a bad one is a 400 naming the field. */
export function rangeIn(c: Context, now: number): Range {
  const asked = rangeOf(c.req.query(), now);
  if ('problem' in asked) throw new InputError(400, asked.field, asked.problem);
  return asked.range;
}

/** A range's days as the answers give them. */
export const rangeDays = (range: Range) => ({ from: dayToIso(range.from), to: dayToIso(range.to) });
