// Smart presets: what there is to turn on, and turning one on (or tuning it) and off for a site, as an ordinary rule segment.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accepted, InputError, invalidInput } from '../validation.js';
import { saveSegment } from '../jobs/segments.js';
import { presetKinds, presets, presetSegment, type PresetKind } from '../segments/presets.js';
import type { Segment } from '../model/segment.js';
import { errorSchema, segmentSchema } from './schemas.js';
import { badInput, collectorRefusals, json, jsonBody, noContent, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { siteParams } from './params.js';
import type { ApiDeps, ApiEnv } from './env.js';

const kindParam = z.string().openapi({ param: { name: 'kind', in: 'path' }, example: 'high_interest', description: presetKinds.join(', ') });
const presetListSchema = z.array(z.object({ kind: z.enum(presetKinds as [PresetKind, ...PresetKind[]]), label: z.string(), about: z.string() })).openapi('Presets');

const listRoute = createRoute({
  method: 'get',
  path: '/presets',
  summary: 'The smart presets, each with its one-sentence description',
  security: security('read'),
  responses: { 200: json(presetListSchema, 'the presets'), 401: collectorRefusals[401] },
});

const turnOn = createRoute({
  method: 'put',
  path: '/presets/{kind}',
  summary: 'Turn a preset on for the site, or tune it: one segment per category or brand it aims at',
  description: 'The body holds the preset\'s parameters (for example {"category": "phones", "minViews": 5}); left out, each takes its default.',
  security: security('write'),
  request: { params: siteParams({ kind: kindParam }), body: jsonBody(z.record(z.string(), z.unknown())) },
  responses: { 200: json(segmentSchema, 'tuned'), 201: json(segmentSchema, 'turned on'), ...badInput, ...refusals },
});

const turnOff = createRoute({
  method: 'delete',
  path: '/presets/{kind}',
  summary: 'Turn a preset off for the site (the one aimed at the category or brand in the query)',
  security: security('write'),
  request: {
    params: siteParams({ kind: kindParam }),
    query: z.object({ category: z.string().optional(), brand: z.string().optional() }),
  },
  responses: { 204: noContent('turned off'), ...badInput, ...refusals, 404: json(errorSchema, 'no such preset, or it is not on for the site') },
});

const kindOf = (kind: string): PresetKind => {
  if (!presetKinds.includes(kind as PresetKind)) throw new InputError(404, 'kind', `kind: no preset '${kind}' (there are ${presetKinds.join(', ')})`);
  return kind as PresetKind;
};

/** The segment a preset writes with these parameters, or the 400 naming the parameter that is wrong. */
function written(kind: PresetKind, params: unknown) {
  try {
    return presetSegment(kind, params);
  } catch (error) {
    if (error instanceof z.ZodError) throw invalidInput(error);
    throw error;
  }
}

/** GET /api/v1/presets: the same for every site, so it sits beside the sites. */
export function presetListApi() {
  const app = apiArea();
  app.openapi(listRoute, (c) => c.json(presetKinds.map((kind) => ({ kind, label: presets[kind].label, about: presets[kind].about })), 200));
  return app;
}

export function presetsApi({ store, writer, now }: ApiDeps) {
  const app = apiArea();
  const existing = async (c: Context<ApiEnv>, name: string): Promise<Segment | undefined> => (await store.segments.list(c.get('site').id)).find((s) => s.name === name);

  app.openapi(turnOn, async (c) => {
    const { name, rules } = written(kindOf(c.req.valid('param').kind), c.req.valid('json'));
    const before = await existing(c, name);
    const saved = await saveSegment({ writer, now }, c.get('site').id, { id: before?.id, name, rules });
    if (!saved) throw new InputError(404, 'kind', `kind: the preset's segment '${name}' was deleted meanwhile; try again`);
    const segment = accepted(saved);
    return c.json({ ...segment, rules: segment.rules as Record<string, unknown>, size: await store.segments.size(segment.siteId, segment.id) }, before ? 200 : 201);
  });

  app.openapi(turnOff, async (c) => {
    const { name } = written(kindOf(c.req.valid('param').kind), c.req.valid('query'));
    const segment = await existing(c, name);
    if (!segment) throw new InputError(404, 'kind', `kind: the preset '${name}' is not on for this site`);
    await writer.run('deleteSegment', { siteId: c.get('site').id, id: segment.id });
    return c.body(null, 204);
  });
  return app;
}
