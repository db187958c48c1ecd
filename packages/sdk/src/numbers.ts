// A session's call-tracking numbers: asked of the collector (POST /v1/numbers) and kept for the session in sessionStorage.
import { pageContext } from './context';
import { attempt } from './storage';
import type { ShownNumber } from './swap';
import type { WidgetConfig } from './callback/widget';
import { post, retryable } from './transport';

/** The collector's 200 answer. */
export interface NumbersAnswer {
  numbers: ShownNumber[];
  /** Seconds until the page should renew its numbers, while it is seen. */
  renew_s: number;
  /** The callback widget, once the visitor passed the collector's rules for it. */
  callback?: WidgetConfig;
}

/** The visit asking, as p.js's tracker knows it. */
export interface Visit {
  site: string;
  /** The collector's origin. */
  endpoint: string;
  visitor_id: string | null | undefined;
  session_id: string | undefined;
}

const key = 'pulse_numbers';

/**
 * The session's numbers: an answer (200), null when the collector refuses to give any (a 4xx such
 * as an unknown site, a page off the site's domains, bad ids), undefined when it could not answer
 * this time (offline, 5xx, 408, 429).
 * Sent as text/plain, like events: no CORS preflight.
 */
export async function askNumbers(visit: Visit): Promise<NumbersAnswer | null | undefined> {
  const { site, visitor_id, session_id } = visit;
  const body = JSON.stringify({ site, visitor_id, session_id, context: pageContext() });
  const [status, answer] = await post(visit.endpoint + '/v1/numbers', body, () => {});
  if (status == 200) return JSON.parse(answer!);
  if (!retryable(status)) return null;
}

/** The answer kept for `session`, if that session has one. */
export const keptNumbers = (session: string | undefined): NumbersAnswer | undefined =>
  attempt(() => {
    const kept = JSON.parse(sessionStorage[key]);
    return kept.session == session ? kept.answer : undefined;
  });

/** Keeps the session's answer for its later pages; null forgets it. */
export const keepNumbers = (session: string | undefined, answer: NumbersAnswer | null) =>
  attempt(() => (answer ? (sessionStorage[key] = JSON.stringify({ session, answer })) : sessionStorage.removeItem(key)));
