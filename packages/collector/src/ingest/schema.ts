// The wire format of POST /v1/events: the one source of truth for what a client may send.
import { z } from 'zod';

/** Bounds on everything a client sends: anyone can post to the ingest endpoint. */
export const limits = {
  eventsPerBatch: 500,
  idLength: 64,
  userIdLength: 128,
  nameLength: 100,
  urlLength: 2048,
  textLength: 300,
  objectKeys: 50,
  keyLength: 64,
  depth: 4,
  stringLength: 1024,
  arrayItems: 100,
  objectBytes: 16_384,
} as const;

const noControlChars = /^[^\u0000-\u001f\u007f]*$/;
const text = (max: number) => z.string().max(max).regex(noControlChars, 'must not contain control characters');

const clientId = z
  .string()
  .min(1)
  .max(limits.idLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits and _ . : -');

const epochMs = z.number().int().min(0).max(8.64e15);

/** JSON values walked once, failing with the path of the first thing out of bounds. */
export const boundedObject = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const size = JSON.stringify(value).length;
  if (size > limits.objectBytes) {
    ctx.addIssue({ code: 'custom', message: `is ${size} bytes as JSON, over the limit of ${limits.objectBytes}` });
    return;
  }
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const walk = (node: unknown, path: (string | number)[], depth: number): boolean => {
    if (node === null || typeof node === 'boolean') return true;
    if (typeof node === 'number') return Number.isFinite(node) || (fail(path, 'must be a finite number'), false);
    if (typeof node === 'string') {
      return node.length <= limits.stringLength || (fail(path, `must be at most ${limits.stringLength} characters`), false);
    }
    if (depth >= limits.depth) return fail(path, `nests deeper than ${limits.depth} levels`), false;
    if (Array.isArray(node)) {
      if (node.length > limits.arrayItems) return fail(path, `must hold at most ${limits.arrayItems} items`), false;
      return node.every((item, i) => walk(item, [...path, i], depth + 1));
    }
    if (typeof node === 'object') {
      const entries = Object.entries(node);
      if (entries.length > limits.objectKeys) return fail(path, `must hold at most ${limits.objectKeys} keys`), false;
      return entries.every(([key, item]) => {
        if (key.length === 0 || key.length > limits.keyLength || !noControlChars.test(key)) {
          return fail([...path, key], `key must be 1 to ${limits.keyLength} printable characters`), false;
        }
        return walk(item, [...path, key], depth + 1);
      });
    }
    return fail(path, 'must be a JSON value'), false;
  };
  walk(value, [], 0);
});

// A pattern, not new URL(): this runs twice per event on the hot path, and normalize.ts parses
// (and caches) the URLs that pass.
const httpUrlPattern = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const httpUrl = text(limits.urlLength).regex(httpUrlPattern, 'must be an absolute http(s) URL');

export const contextSchema = z.object({
  url: httpUrl.optional(),
  title: text(limits.textLength).optional(),
  // Browsers send an empty referrer for direct visits.
  referrer: text(limits.urlLength)
    .refine((value) => value === '' || httpUrlPattern.test(value), 'must be empty or an absolute http(s) URL')
    .optional(),
  utm_source: text(limits.textLength).optional(),
  utm_medium: text(limits.textLength).optional(),
  utm_campaign: text(limits.textLength).optional(),
  utm_term: text(limits.textLength).optional(),
  utm_content: text(limits.textLength).optional(),
  gclid: text(limits.textLength).optional(),
  yclid: text(limits.textLength).optional(),
  fbclid: text(limits.textLength).optional(),
  msclkid: text(limits.textLength).optional(),
  screen: z
    .object({ width: z.number().int().min(0).max(100_000), height: z.number().int().min(0).max(100_000) })
    .optional(),
  language: text(35).optional(),
  timezone: text(64).optional(),
});

export const eventSchema = z
  .object({
    id: z.uuid({ message: 'must be a UUID (the SDK sends UUIDv7)' }),
    type: z.enum(['page', 'track', 'identify']),
    name: text(limits.nameLength).min(1).optional(),
    ts: epochMs,
    visitor_id: clientId,
    session_id: clientId,
    // The site's own customer id: often an email address, so any printable characters.
    user_id: text(limits.userIdLength).min(1).optional(),
    props: boundedObject.optional(),
    traits: boundedObject.optional(),
    context: contextSchema.optional(),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'track' && event.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required for track events' });
    }
    if (event.type === 'identify' && event.user_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['user_id'], message: 'is required for identify events' });
    }
  });

/** The envelope is checked first; each event is then validated on its own so one bad event rejects only itself. */
export const batchSchema = z.object({
  site: z.string().min(1).max(limits.idLength),
  // The client's clock when it sent the batch: corrects its skew (see clock.ts).
  sent_at: epochMs.optional(),
  events: z.array(z.unknown()).max(limits.eventsPerBatch),
});

export type WireEvent = z.infer<typeof eventSchema>;
export type WireBatch = z.infer<typeof batchSchema>;
export type WireContext = z.infer<typeof contextSchema>;

/** One rejected event in an ingest answer. */
export const rejectionSchema = z.object({ index: z.number().int(), field: z.string(), message: z.string() });

export const ingestAnswerSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(rejectionSchema),
  /** Events dropped because the sender is a bot. */
  dropped: z.number().int(),
});

export type Rejection = z.infer<typeof rejectionSchema>;
export type IngestAnswer = z.infer<typeof ingestAnswerSchema>;
