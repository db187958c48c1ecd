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

type Problem = { path: (string | number)[]; message: string };

/**
 * The first thing out of bounds in a JSON value, or null. It runs for every event on the hot path,
 * so it allocates nothing until it finds a problem, and builds that problem's path on the way out.
 */
function outOfBounds(node: unknown, depth: number): Problem | null {
  if (node === null || typeof node === 'boolean') return null;
  if (typeof node === 'number') return Number.isFinite(node) ? null : { path: [], message: 'must be a finite number' };
  if (typeof node === 'string') {
    return node.length <= limits.stringLength ? null : { path: [], message: `must be at most ${limits.stringLength} characters` };
  }
  if (typeof node !== 'object') return { path: [], message: 'must be a JSON value' };
  if (depth >= limits.depth) return { path: [], message: `nests deeper than ${limits.depth} levels` };
  if (Array.isArray(node)) {
    if (node.length > limits.arrayItems) return { path: [], message: `must hold at most ${limits.arrayItems} items` };
    for (let i = 0; i < node.length; i++) {
      const problem = outOfBounds(node[i], depth + 1);
      if (problem) return problem.path.unshift(i), problem;
    }
    return null;
  }
  let keys = 0;
  for (const key in node) {
    if (++keys > limits.objectKeys) return { path: [], message: `must hold at most ${limits.objectKeys} keys` };
    if (key.length === 0 || key.length > limits.keyLength || !noControlChars.test(key)) {
      return { path: [key], message: `key must be 1 to ${limits.keyLength} printable characters` };
    }
    const problem = outOfBounds((node as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem.path.unshift(key), problem;
  }
  return null;
}

/** A JSON object within the bounds above (props, traits), failing with the path of the first thing out of them. */
export const boundedObject = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be a JSON object')
  .superRefine((value, ctx) => {
    const problem = outOfBounds(value, 0);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
      return;
    }
    const size = JSON.stringify(value).length;
    if (size > limits.objectBytes) ctx.addIssue({ code: 'custom', message: `is ${size} bytes as JSON, over the limit of ${limits.objectBytes}` });
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
