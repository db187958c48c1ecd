// Sessions: one per visit across reloads and tabs; 30 minutes idle, a new campaign or another site's referrer start a new one.
import type { Store } from './storage';
import { attempt } from './storage';
import { uuidv7 } from './ids';

/** How the page was reached, on a fresh page load (not a reload or back/forward, which keep the old URL and referrer). */
export interface Arrival {
  url: string;
  referrer: string;
}

/** The session as kept in storage, shared by the site's tabs: id, time of the last activity, campaign it came with. */
interface Session {
  i: string;
  t: number;
  c: string;
}

/** The campaign a URL carries: its utm_source, utm_campaign, gclid and yclid joined (",,," for none). */
export function campaignOf(url: string): string {
  const query = new URL(url).searchParams;
  return ['utm_source', 'utm_campaign', 'gclid', 'yclid'].map((key) => query.get(key)).join();
}

/**
 * Whether the stored session is over at `now`, given how long it may idle and, on a page load, how
 * the page was reached and the campaign it brought (campaignOf its URL; '' when there was no arrival).
 */
export function isNewSession(session: Session | null | undefined, now: number, timeoutMs: number, campaign: string, arrival?: Arrival): boolean {
  return (
    !session ||
    !(now - session.t <= timeoutMs) ||
    (/[^,]/.test(campaign) && campaign != session.c) ||
    (!!arrival?.referrer && new URL(arrival.referrer).host != new URL(arrival.url).host)
  );
}

/** The session kept in storage, if there is one. */
export const storedSession = (store: Store) => attempt(() => JSON.parse(store.get('s')!) as Session | null);

/** The session id for activity at `now`: a new session when the rules say so, and the last activity recorded for every tab. */
export function touchSession(store: Store, now: number, timeoutMs: number, arrival?: Arrival): string {
  let session = storedSession(store);
  const campaign = arrival ? campaignOf(arrival.url) : '';
  // A new session's time is set with every other's, on the next line.
  if (isNewSession(session, now, timeoutMs, campaign, arrival)) session = { i: uuidv7(now), c: campaign } as Session;
  session!.t = now;
  store.set('s', JSON.stringify(session));
  return session!.i;
}
