// The stats page's numbers as JSON: the same data functions the Overview, Audience and Funnels pages render.
import { createRoute, z } from '@hono/zod-openapi';
import { overviewOf } from '../reports/overview.js';
import { audienceOf } from '../reports/audience.js';
import { funnelReport } from '../reports/funnels.js';
import { rangeDays as days, rangeIn, rangeQuery } from './range.js';
import { audienceSchema, funnelsSchema, overviewSchema } from './schemas.js';
import { badInput, json, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { siteParams } from './params.js';
import type { ApiDeps } from './env.js';

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

  app.openapi(overview, async (c) => {
    const range = rangeIn(c, now());
    return c.json({ range: days(range), ...await overviewOf(store, c.get('site').id, range, now()) }, 200);
  });
  app.openapi(audience, async (c) => {
    const range = rangeIn(c, now());
    const { previousMix, mix, ...rest } = await audienceOf(store, c.get('site').id, range);
    // The page looks the period before up in a Map; JSON carries it beside each name.
    return c.json({ range: days(range), ...rest, mix: mix.map((row) => ({ ...row, previous: previousMix.get(row.name) ?? 0 })) }, 200);
  });
  app.openapi(funnels, async (c) => {
    const range = rangeIn(c, now());
    const at = now();
    const reports = await Promise.all((await store.funnels.list(c.get('site').id)).map(async (funnel) => ({
      id: funnel.id,
      name: funnel.name,
      windowMinutes: funnel.windowMinutes,
      ...await funnelReport(store, funnel, range, at),
    })));
    return c.json({ range: days(range), funnels: reports }, 200);
  });
  return app;
}
