// The wire format of POST /v1/events: the one source of truth for what a client may send.
import { wireLimits as limits } from '@pulse/wire';
import { z } from 'zod';

/** Bounds on everything a client sends (@pulse/wire, which the SDK's types also read). */
export { limits };

const noControlChars = /^[^\u0000-\u001f\u007f]*$/;

/** The bounds of one text field. */
interface TextBounds {
  max: number;
  min?: number;
  /** A pattern the text must match, with the message when it does not. */
  pattern?: [RegExp, string];
}

/**
 * An object's text fields, typed by zod and bounded in one pass over the object. Every zod check
 * costs about 0.2 µs on this hot path, and a field with a length and a character check has two: one
 * pass for all of them keeps validation cheaper than parsing the JSON.
 */
function withText<S extends z.ZodRawShape>(shape: S, bounds: { [K in keyof S]?: TextBounds }) {
  return z.object(shape).superRefine((object, ctx) => {
    for (const key in bounds) {
      const value = (object as Record<string, unknown>)[key];
      if (typeof value !== 'string') continue;
      const { max, min = 0, pattern } = bounds[key]!;
      const message =
        value.length > max ? `must be at most ${max} characters`
        : value.length < min ? `must be at least ${min} character${min === 1 ? '' : 's'}`
        : !noControlChars.test(value) ? 'must not contain control characters'
        : pattern && !pattern[0].test(value) ? pattern[1]
        : null;
      if (message) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  });
}

const clientId: TextBounds = { min: 1, max: limits.idLength, pattern: [/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits and _ . : -'] };

const maxEpochMs = 8.64e15;
const epochMs = z.number().refine((n) => Number.isInteger(n) && n >= 0 && n <= maxEpochMs, 'must be a time in whole epoch milliseconds');

type Problem = { path: (string | number)[]; message: string };

/**
 * What the last walk saw: its characters plus 4 per value. Six times this bounds the value's JSON
 * length (an escape is at most 6 characters, a number at most 24), so most values are never
 * serialized just to be measured.
 */
let weight = 0;

/**
 * The first thing out of bounds in a JSON value, or null. It runs for every event on the hot path,
 * so it allocates nothing until it finds a problem, and builds that problem's path on the way out.
 */
function outOfBounds(node: unknown, depth: number): Problem | null {
  weight += 4;
  if (node === null || typeof node === 'boolean') return null;
  if (typeof node === 'number') return Number.isFinite(node) ? null : { path: [], message: 'must be a finite number' };
  if (typeof node === 'string') {
    weight += node.length;
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
    weight += key.length + 4;
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
    weight = 0;
    const problem = outOfBounds(value, 0);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
      return;
    }
    if (weight * 6 <= limits.objectBytes) return;
    const size = JSON.stringify(value).length;
    if (size > limits.objectBytes) ctx.addIssue({ code: 'custom', message: `is ${size} bytes as JSON, over the limit of ${limits.objectBytes}` });
  });

// A pattern, not new URL(): this runs twice per event on the hot path, and normalize.ts parses
// (and caches) the URLs that pass.
const httpUrlPattern = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const text = (max: number): TextBounds => ({ max });
const screenSide = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 100_000;

export const contextSchema = withText(
  {
    url: z.string().optional(),
    title: z.string().optional(),
    // Browsers send an empty referrer for direct visits.
    referrer: z.string().optional(),
    utm_source: z.string().optional(),
    utm_medium: z.string().optional(),
    utm_campaign: z.string().optional(),
    utm_term: z.string().optional(),
    utm_content: z.string().optional(),
    gclid: z.string().optional(),
    yclid: z.string().optional(),
    fbclid: z.string().optional(),
    msclkid: z.string().optional(),
    screen: z
      .object({ width: z.number(), height: z.number() })
      .refine((s) => screenSide(s.width) && screenSide(s.height), 'width and height must be whole pixels from 0 to 100000')
      .optional(),
    language: z.string().optional(),
    timezone: z.string().optional(),
  },
  {
    url: { max: limits.urlLength, pattern: [httpUrlPattern, 'must be an absolute http(s) URL'] },
    title: text(limits.textLength),
    referrer: { max: limits.urlLength, pattern: [new RegExp(`^$|${httpUrlPattern.source}`, 'i'), 'must be empty or an absolute http(s) URL'] },
    utm_source: text(limits.textLength),
    utm_medium: text(limits.textLength),
    utm_campaign: text(limits.textLength),
    utm_term: text(limits.textLength),
    utm_content: text(limits.textLength),
    gclid: text(limits.textLength),
    yclid: text(limits.textLength),
    fbclid: text(limits.textLength),
    msclkid: text(limits.textLength),
    language: text(35),
    timezone: text(64),
  },
);

export const eventSchema = withText(
  {
    id: z.uuid({ message: 'must be a UUID (the SDK sends UUIDv7)' }),
    type: z.enum(['page', 'track', 'identify']),
    name: z.string().optional(),
    ts: epochMs,
    visitor_id: z.string(),
    session_id: z.string(),
    // The site's own customer id: often an email address, so any printable characters.
    user_id: z.string().optional(),
    props: boundedObject.optional(),
    traits: boundedObject.optional(),
    context: contextSchema.optional(),
  },
  {
    name: { min: 1, max: limits.nameLength },
    visitor_id: clientId,
    session_id: clientId,
    user_id: { min: 1, max: limits.userIdLength },
  },
).superRefine((event, ctx) => {
  if (event.type === 'track' && event.name === undefined) {
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required for track events' });
  }
  if (event.type === 'identify' && event.user_id === undefined) {
    ctx.addIssue({ code: 'custom', path: ['user_id'], message: 'is required for identify events' });
  }
});

/** A page asking for its session's call-tracking numbers (POST /v1/numbers): the ids and page context an event carries. */
export const numberRequestSchema = withText(
  {
    site: z.string(),
    visitor_id: z.string(),
    session_id: z.string(),
    context: contextSchema.optional(),
  },
  { site: { min: 1, max: limits.idLength }, visitor_id: clientId, session_id: clientId },
);
export type NumberRequestBody = z.infer<typeof numberRequestSchema>;

/** A visitor asking to be called back (POST /v1/callbacks): the number to call, their name, and the consent box ticked. */
export const callbackRequestSchema = withText(
  {
    site: z.string(),
    visitor_id: z.string(),
    session_id: z.string(),
    phone: z.string().refine((phone) => /^\+?[0-9 ()./-]+$/.test(phone) && (phone.match(/[0-9]/g)?.length ?? 0) >= 6, 'must be a phone number: digits, spaces, + ( ) . - only, at least 6 digits'),
    name: z.string().optional(),
    consent: z.literal(true, { error: 'must be true: the visitor agrees to be called and to their number being kept for it' }),
    context: contextSchema.optional(),
  },
  { site: { min: 1, max: limits.idLength }, visitor_id: clientId, session_id: clientId, phone: { min: 6, max: 40 }, name: { min: 1, max: 100 } },
);

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
  /** Traits left out of accepted events (profiles/known-traits.ts): the rest of each event was stored. Absent when none. */
  ignored: z.array(rejectionSchema).optional(),
  /** The script chunks the site uses beyond p.js (e.g. `calls`): the SDK loads them. Absent when none. */
  chunks: z.array(z.string()).optional(),
});

export type Rejection = z.infer<typeof rejectionSchema>;
export type IngestAnswer = z.infer<typeof ingestAnswerSchema>;

/** A page asking for its own visitor's profile (GET /v1/profile/:site/:visitor): the two path parameters. */
export const profileRequestSchema = withText({ site: z.string(), visitor: z.string() }, { site: { min: 1, max: limits.idLength }, visitor: clientId });
