// Event definitions: the specification's table of events — points, shown, prop rules, daily cap — read and changed.
import { createRoute, z } from '@hono/zod-openapi';
import { definitionChangesSchema } from '../model/definition.js';
import { defaultPoints } from '../score/definition.js';
import { definitionSchema } from './schemas.js';
import { badInput, json, jsonBody, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { siteParams } from './params.js';
import type { ApiDeps } from './env.js';

const nameParam = z.string().min(1).max(100).openapi({ param: { name: 'name', in: 'path' }, example: 'add_to_cart' });

const list = createRoute({
  method: 'get',
  path: '/definitions',
  summary: 'The event definitions: id, name, points, shown, prop rules and daily cap',
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(z.array(definitionSchema), 'the definitions, oldest first'), ...refusals },
});

const change = createRoute({
  method: 'patch',
  path: '/definitions/{name}',
  summary: "Change an event's points, prop rules, daily cap or whether it is shown; a name not seen yet gets a definition",
  description: 'A change counts for events from then on. Hiding an event stamps hiddenAt: it scores nothing and leaves the activity figures until shown again.',
  security: security('write'),
  request: { params: siteParams({ name: nameParam }), body: jsonBody(definitionChangesSchema.strict().openapi('DefinitionChanges')) },
  responses: { 200: json(definitionSchema, 'the definition as it now stands'), ...badInput, ...refusals },
});

export function definitionsApi({ store, writer, now }: ApiDeps) {
  const app = apiArea();
  app.openapi(list, async (c) => c.json(await store.definitions.list(c.get('site').id), 200));
  app.openapi(change, async (c) => {
    const { name } = c.req.valid('param');
    const changes = c.req.valid('json');
    return c.json(await writer.run('saveDefinition', { siteId: c.get('site').id, name, changes, defaultPoints: defaultPoints[name] ?? 0, now: now() }), 200);
  });
  return app;
}
