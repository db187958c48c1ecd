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

/** The session kept in storage, if there is one. */
export const storedSession = (store: Store) => attempt(() => JSON.parse(store.get('s')!) as Session | null);

/**
 * The session id for activity at `now`, and the last activity recorded for every tab. The stored
 * session is over when there is none, when it idled longer than `timeoutMs`, or, on a page load,
 * when the page came with another campaign (campaignOf its URL) or from another site's page.
 */
export function touchSession(store: Store, now: number, timeoutMs: number, arrival?: Arrival | null): string {
  let session = storedSession(store);
  const campaign = arrival ? campaignOf(arrival.url) : '';
  if (
    !session ||
    !(now - session.t <= timeoutMs) ||
    (/[^,]/.test(campaign) && campaign != session.c) ||
    (!!arrival?.referrer && new URL(arrival.referrer).host != new URL(arrival.url).host)
  )
    // A new session's time is set with every other's, on the next line.
    session = { i: uuidv7(now), c: campaign } as Session;
  session!.t = now;
  store.set('s', JSON.stringify(session));
  return session!.i;
}
