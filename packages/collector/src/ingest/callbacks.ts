// POST /v1/callbacks, the ingest side: a visitor's "call me back" checked, throttled per visitor and address, and stored as their callback_request event.
import { randomUUID } from 'node:crypto';
import { callbackRequestSchema } from './schema.js';
import { ingestBatch, siteOfPage, type BatchRequest, type IngestDeps } from './ingest.js';
import { callbackEvent } from '../calls/callback.js';
import { callerKey } from '../calls/phone.js';
import { InputError, parseInput } from '../validation.js';
import { createThrottle, type Throttle } from '../throttle.js';

/** Requests one visitor may make an hour, and one address (an office behind one router has many visitors). */
const perVisitor = 3;
const perAddress = 10;
const hourMs = 3_600_000;

export interface CallbackThrottles {
  visitor: Throttle;
  address: Throttle;
}

export const callbackThrottles = (): CallbackThrottles => ({ visitor: createThrottle(perVisitor, hourMs), address: createThrottle(perAddress, hourMs) });

/**
 * Stores the request as the visitor's `callback_request` event through the ingest path (the same
 * origin check, bot filter, validation and enrichment), so it carries the visit's source and scores
 * like any event; the engine tells the site's webhooks (`callback.requested`), which is how the
 * number reaches whoever calls back. The phone is kept as written when it is not international.
 */
export async function requestCallback(deps: IngestDeps & { throttles: CallbackThrottles }, request: BatchRequest): Promise<{ requested: boolean }> {
  const body = parseInput(callbackRequestSchema, request.body);
  await siteOfPage(deps.store, body.site, request.origin);
  const minutes = (ms: number) => Math.ceil(ms / 60_000);
  const visitor = `${body.site}\t${body.visitor_id}`;
  const visitorWait = deps.throttles.visitor.waitFor(visitor, request.receivedAt);
  if (visitorWait > 0) throw new InputError(429, 'visitor_id', `visitor_id: ${perVisitor} requests an hour at most; try again in ${minutes(visitorWait)} minutes`);
  const address = request.ip ?? 'unknown';
  const addressWait = deps.throttles.address.waitFor(address, request.receivedAt);
  if (addressWait > 0) throw new InputError(429, 'address', `address: ${perAddress} requests an hour from one address at most; try again in ${minutes(addressWait)} minutes`);
  deps.throttles.visitor.count(visitor, request.receivedAt);
  deps.throttles.address.count(address, request.receivedAt);
  const props = { phone: callerKey(body.phone), ...(body.name ? { name: body.name } : {}) };
  const event = { id: randomUUID(), type: 'track', name: callbackEvent, ts: request.receivedAt, visitor_id: body.visitor_id, session_id: body.session_id, props, context: body.context };
  const answer = await ingestBatch(deps, { ...request, body: { site: body.site, events: [event] } });
  return { requested: answer.accepted + answer.duplicates > 0 };
}
