// Call tracking over the API: telephony's calls in, the call report out, and the site's pools, static numbers and call settings.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ingestCall } from '../ingest/calls.js';
import { callReport, poolHealth, staticNumbers, type PoolHealth } from '../reports/calls.js';
import { accepted, InputError } from '../validation.js';
import { widgetOrDefaults } from '../calls/callback.js';
import {
  callAnswerSchema, callBodySchema, callReportSchema, callSettingsAnswerSchema, callSettingsBodySchema, poolBodySchema, poolSchema, signingSecretSchema,
  staticNumberAnswerSchema, staticNumberBodySchema, widgetSchema,
} from './call-schemas.js';
import { badInput, json, jsonBody, noContent, refusals, security } from './responses.js';
import { rangeDays, rangeIn, rangeQuery } from './range.js';
import { apiArea } from './area.js';
import { idParam, siteParams } from './params.js';
import type { ApiDeps, ApiEnv } from './env.js';

const record = createRoute({
  method: 'post',
  path: '/calls',
  summary: 'Record a call from telephony: matched to the session that held the called number when it began, and scored as that person\'s `call` event',
  description:
    'Telephony that cannot send a token may POST the same body to `/v1/calls/{site}` instead, signed: header `X-Pulse-Signature: sha256=<hex HMAC-SHA256 of the raw body under the signing secret>` (POST call-settings/secret makes one; the stats page shows it). An unmatched call is stored as unattributed.',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(callBodySchema) },
  responses: { 201: json(callAnswerSchema, 'stored'), 200: json(callAnswerSchema, 'a call id already stored: the stored call'), ...badInput, ...refusals },
});

const report = createRoute({
  method: 'get',
  path: '/calls',
  summary: 'The Calls page as JSON: totals, calls per day, breakdowns by source, campaign, landing page, device and city, and the latest calls',
  security: security('read'),
  request: { params: siteParams(), query: rangeQuery },
  responses: { 200: json(callReportSchema, 'the report'), ...badInput, ...refusals },
});

const pools = createRoute({
  method: 'get',
  path: '/call-pools',
  summary: "The site's number pools, each with its numbers, leases now, recommended size and the share of sessions given the default number",
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(z.array(poolSchema), 'the pools'), ...refusals },
});

const addPool = createRoute({
  method: 'post',
  path: '/call-pools',
  summary: 'Add a pool: its numbers (each one pool\'s only), the default number, where numbers go on the page and the hold time',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(poolBodySchema) },
  responses: { 201: json(poolSchema, 'the pool'), ...badInput, ...refusals },
});

const replacePool = createRoute({
  method: 'put',
  path: '/call-pools/{id}',
  summary: 'Change a pool; numbers left out are removed with their lease history, new ones start free',
  security: security('write'),
  request: { params: siteParams({ id: idParam }), body: jsonBody(poolBodySchema) },
  responses: { 200: json(poolSchema, 'the pool'), ...badInput, ...refusals },
});

const removePool = createRoute({
  method: 'delete',
  path: '/call-pools/{id}',
  summary: 'Delete a pool with its numbers and leases; calls already stored stay',
  security: security('write'),
  request: { params: siteParams({ id: idParam }) },
  responses: { 204: noContent('deleted'), ...badInput, ...refusals },
});

const listStatic = createRoute({
  method: 'get',
  path: '/call-numbers',
  summary: 'The static numbers: each fixed to a source (print, a campaign) and never leased',
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(z.array(staticNumberAnswerSchema), 'the static numbers'), ...refusals },
});

const addStatic = createRoute({
  method: 'post',
  path: '/call-numbers',
  summary: 'Add a static number for a source',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(staticNumberBodySchema) },
  responses: { 201: json(staticNumberAnswerSchema, 'the number'), ...badInput, ...refusals },
});

const removeStatic = createRoute({
  method: 'delete',
  path: '/call-numbers/{id}',
  summary: 'Delete a static number; calls already stored stay',
  security: security('write'),
  request: { params: siteParams({ id: idParam }) },
  responses: { 204: noContent('deleted'), ...badInput, ...refusals },
});

const settings = createRoute({
  method: 'get',
  path: '/call-settings',
  summary: "The site's call settings: whether callers' numbers are kept in clear",
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(callSettingsAnswerSchema, 'the settings'), ...refusals },
});

const rotateSecret = createRoute({
  method: 'post',
  path: '/call-settings/secret',
  summary: 'A new signing secret for calls sent to /v1/calls/{site}, shown this once; calls signed with the old one are refused from now on',
  security: security('write'),
  request: { params: siteParams() },
  responses: { 200: json(signingSecretSchema, 'the new secret'), ...refusals },
});

const changeSettings = createRoute({
  method: 'patch',
  path: '/call-settings',
  summary: "Keep callers' numbers in clear (true) or only as a salted hash (false, the default); counts for calls from then on",
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(callSettingsBodySchema) },
  responses: { 200: json(callSettingsAnswerSchema, 'the settings'), ...badInput, ...refusals },
});

const widget = createRoute({
  method: 'get',
  path: '/callback-widget',
  summary: 'The callback widget: whether it is offered, its words, and the rules for whom and when',
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(widgetSchema, 'the widget (off, with its defaults, until set)'), ...refusals },
});

const saveWidget = createRoute({
  method: 'put',
  path: '/callback-widget',
  summary: 'Set the callback widget up; pages of sites with a number pool offer it from their next page view',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(widgetSchema) },
  responses: { 200: json(widgetSchema, 'the widget as saved'), ...badInput, ...refusals },
});

const poolView = ({ pool, ...health }: PoolHealth) => ({
  id: pool.id,
  name: pool.name,
  defaultNumber: pool.defaultNumber,
  publishedNumber: pool.publishedNumber,
  selector: pool.selector,
  holdMinutes: pool.holdMs / 60_000,
  ...health,
});

export function callsApi({ store, writer, now }: ApiDeps) {
  const app = apiArea();
  const siteId = (c: Context<ApiEnv>) => c.get('site').id;
  const poolOf = async (c: Context<ApiEnv>, id: number) => {
    const health = (await poolHealth(store, siteId(c), now())).find((p) => p.pool.id === id);
    if (!health) throw new InputError(404, 'id', `id: no pool ${id} on this site`);
    return poolView(health);
  };
  const staticOf = (c: Context<ApiEnv>) => staticNumbers(store, siteId(c));
  const settingsOf = async (c: Context<ApiEnv>) => ({ storeCallers: (await store.calls.settings(siteId(c)))?.storeCallers ?? false });

  app.openapi(record, async (c) => {
    const answer = await ingestCall({ store, writer }, c.get('site'), c.req.valid('json'), now());
    return c.json(answer, answer.duplicate ? 200 : 201);
  });
  app.openapi(report, async (c) => {
    const range = rangeIn(c, now());
    return c.json({ range: rangeDays(range), ...await callReport(store, siteId(c), range) }, 200);
  });
  app.openapi(pools, async (c) => c.json((await poolHealth(store, siteId(c), now())).map(poolView), 200));
  app.openapi(addPool, async (c) => {
    const pool = accepted(await writer.run('savePool', { siteId: siteId(c), input: c.req.valid('json'), now: now() }));
    return c.json(await poolOf(c, pool.id), 201);
  });
  app.openapi(replacePool, async (c) => {
    const { id } = c.req.valid('param');
    await poolOf(c, id);
    accepted(await writer.run('savePool', { siteId: siteId(c), id, input: c.req.valid('json'), now: now() }));
    return c.json(await poolOf(c, id), 200);
  });
  app.openapi(removePool, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await writer.run('deletePool', { siteId: siteId(c), id }))) throw new InputError(404, 'id', `id: no pool ${id} on this site`);
    return c.body(null, 204);
  });
  app.openapi(listStatic, async (c) => c.json(await staticOf(c), 200));
  app.openapi(addStatic, async (c) => {
    const { id } = accepted(await writer.run('addStaticNumber', { siteId: siteId(c), input: c.req.valid('json') }));
    return c.json((await staticOf(c)).find((n) => n.id === id)!, 201);
  });
  app.openapi(removeStatic, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await staticOf(c)).some((n) => n.id === id) || !(await writer.run('deleteNumber', { siteId: siteId(c), id }))) {
      throw new InputError(404, 'id', `id: no static number ${id} on this site`);
    }
    return c.body(null, 204);
  });
  app.openapi(settings, async (c) => c.json(await settingsOf(c), 200));
  app.openapi(changeSettings, async (c) => {
    await writer.run('setStoreCallers', { siteId: siteId(c), on: c.req.valid('json').store_callers });
    return c.json(await settingsOf(c), 200);
  });
  app.openapi(widget, async (c) => c.json(widgetOrDefaults(await store.calls.settings(siteId(c))), 200));
  app.openapi(saveWidget, async (c) => {
    const body = c.req.valid('json');
    const segments = new Set((await store.segments.list(siteId(c))).map((s) => s.id));
    const unknown = body.segments.findIndex((id) => !segments.has(id));
    if (unknown >= 0) throw new InputError(400, `segments[${unknown}]`, `segments[${unknown}]: no segment ${body.segments[unknown]} on this site`);
    await writer.run('saveWidget', { siteId: siteId(c), widget: body });
    return c.json(widgetOrDefaults(await store.calls.settings(siteId(c))), 200);
  });
  app.openapi(rotateSecret, async (c) => c.json({ signingSecret: await writer.run('rotateCallSecret', { siteId: siteId(c) }) }, 200));
  return app;
}
