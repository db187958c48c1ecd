// The wire: batches within the collector's limits, and a POST whose answer says what to do with them.
import type { wireLimits as shared } from '@pulse/wire';
import type { Entry } from './queue';

/**
 * The collector's batch limits, written out so p.js imports nothing; `satisfies` checks them
 * against @pulse/wire's (a type-only import), so a change there fails this build instead of drifting.
 */
export const wireLimits = { events: 500, bytes: 65_536 } satisfies { events: (typeof shared)['eventsPerBatch']; bytes: (typeof shared)['bodyBytes'] };

const byteLength = (text: string) => new Blob([text]).size;

/** The request body; events are kept as JSON text, so a batch is joined, never re-serialized. */
export function envelope(site: string, events: Entry[], now: number): string {
  return `{"site":${JSON.stringify(site)},"sent_at":${now},"events":[${events.map((event) => event[1]).join()}]}`;
}

/** Splits events into batches of at most 500 events and 64 KiB of body; an event too large alone gets a batch of its own (the collector's 413 then drops it). */
export function batches(site: string, items: Entry[], now: number): Entry[][] {
  const room = wireLimits.bytes - byteLength(envelope(site, [], now));
  const out: Entry[][] = [];
  let batch: Entry[] = [];
  let size = room;
  for (const item of items) {
    const bytes = byteLength(item[1]) + 1;
    if (batch.length == wireLimits.events || (size += bytes) > room) out.push((batch = [])), (size = bytes);
    batch.push(item);
  }
  return out;
}

/**
 * Posts a body as text/plain (a simple request: no CORS preflight); the answer's status and text,
 * status 0 when there was none (offline, network error, timeout).
 */
export async function post(url: string, body: string, log: (...what: unknown[]) => void): Promise<[status: number, answer?: string]> {
  try {
    // keepalive lets the request outlive the page.
    const response = await fetch(url, { method: 'POST', body, keepalive: true });
    const answer = await response.text();
    log(response.status, answer);
    return [response.status, answer];
  } catch (error) {
    log(error);
    return [0];
  }
}

/**
 * Whether to keep a batch and retry: no answer, 5xx, 408 or 429. Any other answer is final: 2xx,
 * the collector stored the events (its answer's rejected ones are invalid for good); 4xx (400 bad
 * body, 403 origin, 404 site), retrying cannot help.
 */
export const retryable = (status: number) => !status || status > 499 || status == 408 || status == 429;

/** Delay before the nth retry: 3 s doubling up to a 60 s cap, then jittered down by up to half so tabs and visitors do not retry in step. */
export function backoff(attempt: number, random = Math.random()): number {
  return Math.min(3000 * 2 ** (attempt - 1), 60_000) * (1 - random / 2);
}
