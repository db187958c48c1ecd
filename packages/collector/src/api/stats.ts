// The stats page's numbers as JSON: the same data functions the Overview, Audience and Funnels pages render.
import { InputError } from '../validation.js';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { overviewOf } from '../reports/overview.js';
import { audienceOf } from '../reports/audience.js';
import { funnelReport } from '../reports/funnels.js';
import { dayToIso, rangeOf, type Range } from '../reports/range.js';
import { audienceSchema, funnelsSchema, overviewSchema } from './schemas.js';
import { badInput, json, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { siteParams } from './params.js';
import type { ApiDeps, ApiEnv } from './env.js';

// Described here; checked by the stats page's own range schema, so a range means the same in both.
const rangeQuery = z.object({
  range: z.enum(['today', '7d', '30d', 'custom']).optional().openapi({ description: 'the last 1, 7 or 30 days (UTC) ending today, or custom; 7d when left out' }),
  from: z.string().optional().openapi({ description: 'the first day (YYYY-MM-DD) of a custom range', example: '2026-01-01' }),
  to: z.string().optional().openapi({ description: 'the last day (YYYY-MM-DD) of a custom range, at most two years after from', example: '2026-01-31' }),
});

const statsRoute = (path: string, summary: string, schema: z.ZodType) =>
  createRoute({
    method: 'get',
    path: `/stats/${path}`,
    summary,
    description: 'Each number beside the same number of days just before (`previous`). Read from the daily rollups, as the stats page is.',
    security: security('read'),
    request: { params: siteParams(), query: rangeQuery },
    responses: { 200: json(schema, summary), ...badInput, ...refusals },
  });

const overview = statsRoute('overview', 'The Overview page: visitors, sessions, pageviews, events, bounce rate, a series, the top lists', overviewSchema);
const audience = statsRoute('audience', 'The Audience page: people reached, active people, the activity mix, the groups', audienceSchema);
const funnels = statsRoute('funnels', 'The Funnels page: every saved funnel with its steps, conversion and breakdowns', funnelsSchema);

export function statsApi({ store, now }: ApiDeps) {
  const app = apiArea();
  const rangeIn = (c: Context<ApiEnv>): Range => {
    const asked = rangeOf(c.req.query(), now());
    if ('problem' in asked) throw new InputError(400, asked.field, asked.problem);
    return asked.range;
  };
  const days = (range: Range) => ({ from: dayToIso(range.from), to: dayToIso(range.to) });

  app.openapi(overview, (c) => {
    const range = rangeIn(c);
    return c.json({ range: days(range), ...overviewOf(store, c.get('site').id, range, now()) }, 200);
  });
  app.openapi(audience, (c) => {
    const range = rangeIn(c);
    const { previousMix, mix, ...rest } = audienceOf(store, c.get('site').id, range);
    // The page looks the period before up in a Map; JSON carries it beside each name.
    return c.json({ range: days(range), ...rest, mix: mix.map((row) => ({ ...row, previous: previousMix.get(row.name) ?? 0 })) }, 200);
  });
  app.openapi(funnels, (c) => {
    const range = rangeIn(c);
    const at = now();
    const reports = store.funnels.list(c.get('site').id).map((funnel) => ({
      id: funnel.id,
      name: funnel.name,
      windowMinutes: funnel.windowMinutes,
      ...funnelReport(store, funnel, range, at),
    }));
    return c.json({ range: days(range), funnels: reports }, 200);
  });
  return app;
}
