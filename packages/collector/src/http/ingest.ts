// POST /v1/events, /v1/numbers and /v1/callbacks: the public endpoints pages send to, answered for the origins registered for the site.
import { InputError } from '../validation.js';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { HttpBindings } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import { ingestBatch, type BatchRequest, type IngestDeps } from '../ingest/ingest.js';
import { requestNumbers, type NumbersDeps } from '../ingest/numbers.js';
import { callbackThrottles, requestCallback } from '../ingest/callbacks.js';
import { originDomains } from '../sites/domains.js';
import { readBody } from './read-body.js';

export interface IngestRouteDeps extends IngestDeps {
  maxBodyBytes: number;
  clientIp: (request: IncomingMessage) => string | undefined;
  now: () => number;
}

/**
 * A POST a page sends: JSON read from the text whatever the content type says (sendBeacon sends
 * text/plain, which needs no preflight), and the request's origin, agent and address passed on.
 */
function pageEndpoint(deps: IngestRouteDeps, expected: string, handle: (request: BatchRequest) => Promise<object>) {
  const app = new Hono<{ Bindings: HttpBindings }>();

  // A preflight carries no body, so it cannot name its site: any registered origin is answered,
  // and the POST itself is then checked against its own site's domains.
  app.options(
    '/',
    cors({
      origin: async (origin) => (await deps.store.sites.anyAcceptsDomains(originDomains(origin)) ? origin : null),
      allowMethods: ['POST'],
      allowHeaders: ['Content-Type'],
      maxAge: 86_400,
    }),
  );

  app.post('/', async (c) => {
    // Answers to a POST, refusals included, are readable by any origin, so that an SDK on an
    // unregistered one sees its 403 and stops retrying. Set before the answer exists, the headers
    // cost nothing; Hono's cors() sets them on the finished answer, which rebuilds it.
    const origin = c.req.header('origin');
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    const receivedAt = deps.now();
    const text = await readBody(c, deps.maxBodyBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new InputError(400, 'body', `body: not valid JSON (expected ${expected})`);
    }
    const answer = await handle({
      body,
      origin,
      userAgent: c.req.header('user-agent'),
      ip: c.env?.incoming ? deps.clientIp(c.env.incoming) : undefined,
      receivedAt,
    });
    return c.json(answer);
  });
  return app;
}

export const ingestApp = (deps: IngestRouteDeps) => pageEndpoint(deps, '{"site": "...", "events": [...]}', (request) => ingestBatch(deps, request));

export const numbersApp = (deps: IngestRouteDeps & NumbersDeps) =>
  pageEndpoint(deps, '{"site": "...", "visitor_id": "...", "session_id": "..."}', (request) => requestNumbers(deps, request));

export function callbacksApp(deps: IngestRouteDeps) {
  const throttles = callbackThrottles();
  return pageEndpoint(deps, '{"site": "...", "visitor_id": "...", "session_id": "...", "phone": "...", "consent": true}', (request) => requestCallback({ ...deps, throttles }, request));
}
