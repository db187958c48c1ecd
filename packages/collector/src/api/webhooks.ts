// Webhook endpoints: listed with their delivery counts, added (the secret shown once), changed and deleted.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accepted, InputError } from '../validation.js';
import { endpointChangesSchema, newEndpointSchema } from '../webhooks/endpoints.js';
import { endpointSchema, newEndpointAnswerSchema } from './schemas.js';
import { badInput, json, jsonBody, noContent, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { idParam, siteParams } from './params.js';
import type { ApiDeps, ApiEnv } from './env.js';

const list = createRoute({
  method: 'get',
  path: '/webhooks',
  summary: 'The webhook endpoints with their delivered, pending and failed counts (never their secrets)',
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(z.array(endpointSchema), 'the endpoints'), ...refusals },
});

const add = createRoute({
  method: 'post',
  path: '/webhooks',
  summary: 'Add an endpoint; the answer holds its secret, shown this once (made unless given)',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(newEndpointSchema) },
  responses: { 201: json(newEndpointAnswerSchema, 'the endpoint and its secret'), ...badInput, ...refusals },
});

const change = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  summary: 'Change an endpoint: its URL, what it listens to, or whether it is on (off holds its unsent deliveries, on sends them)',
  security: security('write'),
  request: { params: siteParams({ id: idParam }), body: jsonBody(endpointChangesSchema) },
  responses: { 200: json(endpointSchema.omit({ pending: true }), 'the endpoint as it now stands'), ...badInput, ...refusals },
});

const remove = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  summary: 'Delete an endpoint with its deliveries, sent or not',
  security: security('write'),
  request: { params: siteParams({ id: idParam }) },
  responses: { 204: noContent('deleted'), ...badInput, ...refusals },
});

export function webhooksApi({ store, writer, now }: ApiDeps) {
  const app = apiArea();
  const endpointOf = async (c: Context<ApiEnv>, id: number) => {
    const endpoint = await store.webhooks.find(c.get('site').id, id);
    if (!endpoint) throw new InputError(404, 'id', `id: no webhook ${id} on this site`);
    return endpoint;
  };

  app.openapi(list, async (c) => c.json(await store.webhooks.list(c.get('site').id), 200));
  app.openapi(add, async (c) => c.json(accepted(await writer.run('addEndpoint', { siteId: c.get('site').id, input: c.req.valid('json'), now: now() })), 201));
  app.openapi(change, async (c) => {
    const existing = await endpointOf(c, c.req.valid('param').id);
    const endpoint = await writer.run('changeEndpoint', { existing, changes: c.req.valid('json'), now: now() });
    if (!endpoint) throw new InputError(404, 'id', `id: no webhook ${existing.id} on this site`);
    return c.json(accepted(endpoint), 200);
  });
  app.openapi(remove, async (c) => {
    const endpoint = await endpointOf(c, c.req.valid('param').id);
    await writer.run('deleteEndpoint', { siteId: c.get('site').id, id: endpoint.id });
    return c.body(null, 204);
  });
  return app;
}
