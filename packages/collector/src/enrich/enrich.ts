// What a request's headers and address say about its sender, computed once per batch.
import { parseUserAgent, type Agent } from './user-agent.js';
import type { GeoLookup, Place } from './geo.js';

export interface Sender extends Agent, Place {}

/** The raw IP is used here and dropped: only the place it maps to is kept. */
export function describeSender(userAgent: string | undefined, ip: string | undefined, geo: GeoLookup | null): Sender {
  const place = (ip && geo?.(ip)) || { country: null, city: null };
  return { ...parseUserAgent(userAgent ?? ''), ...place };
}
