// The event log out (an NDJSON stream for a time range) and events in from other systems (offline purchases, calls).
import { createRoute, z } from '@hono/zod-openapi';
import { bytesToUuid, type ExportedEventRow, type Store } from '../storage/store.js';
import { ingestServerEvents } from '../ingest/server-events.js';
import { limits } from '../ingest/schema.js';
import { dayMs } from '../days.js';
import { errorSchema, exportedEventSchema, storedEventsSchema } from './schemas.js';
import { badInput, json, jsonBody, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { siteParams } from './params.js';
import type { ApiDeps } from './env.js';
import type { EventCursor } from '../model/event.js';

/** Rows read per step of an export: large enough to be cheap per row, small enough to hold in memory at once. */
const exportPageSize = 1_000;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** A date is a whole UTC day: `from` starts with it, `to` ends with it. */
const timeParam = (edge: 'from' | 'to') =>
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(v), 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time')
    .transform((v) => Date.parse(isoDate.test(v) ? `${v}T00:00:00Z` : v) + (isoDate.test(v) && edge === 'to' ? dayMs : 0))
    .openapi({
      description: edge === 'from'
        ? 'the first moment exported: a date (from its start, UTC) or a date-time'
        : 'the end, not included: a date-time, or a date (to its end, UTC)',
      example: edge === 'from' ? '2026-01-01' : '2026-01-31',
    });

const exportRoute = createRoute({
  method: 'get',
  path: '/events',
  summary: 'The raw events of a time range as NDJSON, oldest first, streamed',
  description: 'One JSON object a line. The range is read a thousand events at a time along the (site, time) index while the answer is sent, so an export of any size holds little in memory. Events stored during the export may or may not be in it.',
  security: security('read'),
  request: {
    params: siteParams(),
    query: z
      .object({ from: timeParam('from'), to: timeParam('to') })
      .refine((q) => q.from < q.to, { path: ['to'], message: 'must be after from' }),
  },
  responses: {
    200: { content: { 'application/x-ndjson': { schema: exportedEventSchema } }, description: 'one ExportedEvent a line' },
    ...badInput,
    ...refusals,
  },
});

const optionalContext = ['url', 'title', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'language', 'timezone'] as const;

function exported(row: ExportedEventRow) {
  const context: Record<string, unknown> = {};
  for (const key of optionalContext) if (row[key] !== null) context[key] = row[key];
  if (row.click_id_type !== null) context[row.click_id_type] = row.click_id;
  if (row.screen !== null) {
    const [width, height] = row.screen.split('x').map(Number);
    context.screen = { width, height };
  }
  return {
    id: bytesToUuid(row.id),
    type: row.type,
    name: row.name,
    ts: row.ts,
    client_ts: row.client_ts,
    received_at: row.received_at,
    visitor_id: row.visitor_id,
    session_id: row.session_id,
    user_id: row.user_id,
    props: row.props === null ? null : JSON.parse(row.props),
    traits: row.traits === null ? null : JSON.parse(row.traits),
    context,
    device: row.device,
    browser: row.browser,
    os: row.os,
    country: row.country,
    city: row.city,
  };
}

/** Reads the next page only when the client has taken the last one: the socket's backpressure paces the reads. */
function exportStream(store: Store, siteId: number, from: number, to: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: EventCursor | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await store.events.exportPage(siteId, from, to, after, exportPageSize);
        if (rows.length > 0) {
          controller.enqueue(encoder.encode(rows.map((row) => `${JSON.stringify(exported(row))}\n`).join('')));
          const last = rows.at(-1)!;
          after = { ts: last.ts, seq: last.seq };
        }
        if (rows.length < exportPageSize) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

const serverEventSchema = z
  .object({
    id: z.uuid().optional().openapi({ description: 'your own id for the event (a UUID): a resend with the same id is stored once. Made up when left out' }),
    type: z.enum(['track', 'identify']).default('track'),
    name: z.string().optional().openapi({ description: 'required for track', example: 'purchase' }),
    ts: z.number().int().min(0).openapi({ description: 'when it happened, epoch milliseconds; as in /v1/events, a time older than 31 days or in the future is replaced by the time of receipt', example: 1795435200000 }),
    user_id: z.string().optional().openapi({ description: "the site's own customer id: the person's profile, or a new one", example: 'customer-42' }),
    visitor_id: z.string().optional().openapi({ description: "an anonymous id the SDK gave the person's browser, instead of user_id or with it" }),
    session_id: z.string().optional().openapi({ description: 'left out, the events of a person and day form one visit' }),
    props: z.record(z.string(), z.unknown()).optional().openapi({ example: { value: 129.9, order_id: 'A-1001', channel: 'store' } }),
    traits: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((e) => e.user_id !== undefined || e.visitor_id !== undefined, { path: ['user_id'], message: 'is required when visitor_id is not given' })
  .openapi('ServerEvent');

const ingestRoute = createRoute({
  method: 'post',
  path: '/events',
  summary: 'Record events from another system: offline purchases from a CRM, calls from telephony',
  description: "Validated as the wire format of /v1/events (the same limits on names, ids, props and traits) and stored all or nothing, scoring and updating the person's profile, groups, segments and funnels like any event. No Origin check and no bot filter: the token vouches for the sender.",
  security: security('write'),
  request: {
    params: siteParams(),
    body: jsonBody(z.object({ events: z.array(serverEventSchema).min(1).max(limits.eventsPerBatch) })),
  },
  responses: {
    200: json(storedEventsSchema, 'stored'),
    ...badInput,
    ...refusals,
    415: json(errorSchema, 'the body was not sent as application/json'),
  },
});

export function eventsApi(deps: ApiDeps) {
  const app = apiArea();
  app.openapi(exportRoute, (c) => {
    const { from, to } = c.req.valid('query');
    const body = exportStream(deps.store, c.get('site').id, from, to);
    return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } }) as never;
  });

  app.openapi(ingestRoute, async (c) => {
    const { events } = c.req.valid('json');
    const answer = await ingestServerEvents(deps, c.get('site'), events, deps.now());
    return c.json(answer, 200);
  });
  return app;
}
