// The retention period, collector-wide: how long raw events and sessions are kept, for every site.
import { createRoute } from '@hono/zod-openapi';
import { retentionSchema } from '../jobs/retention.js';
import { retentionAnswerSchema } from './schemas.js';
import { badInput, collectorRefusals, json, jsonBody, security } from './responses.js';
import { apiArea } from './area.js';
import type { ApiDeps } from './env.js';

const read = createRoute({
  method: 'get',
  path: '/retention',
  summary: 'How many days raw events and sessions are kept (null: for ever)',
  security: security('read'),
  responses: { 200: json(retentionAnswerSchema, 'the period'), ...collectorRefusals },
});

const set = createRoute({
  method: 'put',
  path: '/retention',
  summary: 'Set how many days raw events and sessions are kept; older ones are deleted by the running collector every hour, rollups stay',
  security: security('write'),
  request: { body: jsonBody(retentionSchema) },
  responses: { 200: json(retentionAnswerSchema, 'the period as it now stands'), ...badInput, ...collectorRefusals },
});

export function retentionApi({ store, writer }: ApiDeps) {
  const app = apiArea();
  app.openapi(read, async (c) => c.json({ days: await store.settings.retentionDays() }, 200));
  app.openapi(set, async (c) => {
    const { days } = c.req.valid('json');
    await writer.run('setRetention', { days });
    return c.json({ days }, 200);
  });
  return app;
}
