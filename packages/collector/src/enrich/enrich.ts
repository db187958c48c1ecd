// What a request's headers and address say about its sender, computed once per batch.
import { isbot } from 'isbot';
import { parseUserAgent, type Agent } from './user-agent.js';
import type { GeoLookup, Place } from './geo.js';

export interface Sender extends Agent, Place {
  bot: boolean;
}

/** The raw IP is used here and dropped: only the place it maps to is kept. */
export function describeSender(userAgent: string | undefined, ip: string | undefined, geo: GeoLookup | null): Sender {
  const agent = userAgent ?? '';
  // An empty agent is a script, not a browser: browsers always send one.
  const bot = agent === '' || isbot(agent);
  const place = (ip && geo?.(ip)) || { country: null, city: null };
  return { bot, ...parseUserAgent(agent), ...place };
}
