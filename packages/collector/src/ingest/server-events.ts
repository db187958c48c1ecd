// Events sent by another system (a CRM's offline purchases, telephony's calls): validated as the wire format and handed to the single writer like any event.
import { createHash, randomUUID } from 'node:crypto';
import { eventSchema, type WireEvent } from './schema.js';
import { toEventRow } from './normalize.js';
import type { IngestDeps } from './ingest.js';
import { parseInput } from '../validation.js';
import { dayOf } from '../days.js';
import type { Store } from '../storage/store.js';
import type { EventRow } from '../model/event.js';
import type { Site } from '../model/site.js';
import type { DeviceClass } from '../model/profile.js';

/** An event as another system sends it: about a customer (user_id) or a visitor, at its own time. */
export interface ServerEvent {
  id?: string;
  type: 'track' | 'identify';
  name?: string;
  ts: number;
  user_id?: string;
  visitor_id?: string;
  session_id?: string;
  props?: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

// A short digest within the wire format's 64 characters of A–Z a–z 0–9 _ . : -
const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * Stores the events all or nothing, through the same validation and the same write path as the
 * public ingest, minus what only a browser's request has: no Origin to check and no User-Agent
 * to judge as a bot. A customer's event is filed under one of their profile's visitors, so it
 * lands on that profile without a merge, and keeps the device and place the person was last seen
 * with: the request's own address and agent are the sending server's, not the person's.
 */
export async function ingestServerEvents(deps: Pick<IngestDeps, 'writer'> & { store: Pick<Store, 'profiles'> }, site: Site, events: ServerEvent[], receivedAt: number) {
  const { store } = deps;
  const rows: EventRow[] = await Promise.all(events.map(async (event, index) => {
    const profile = event.visitor_id !== undefined
      ? await store.profiles.ofVisitor(site.id, event.visitor_id)
      : await store.profiles.ofUser(site.id, event.user_id!);
    const visitorId = event.visitor_id ?? (profile ? (await store.profiles.visitors(site.id, profile.id))[0] : undefined) ?? `srv.${digest(event.user_id!)}`;
    const wire = {
      id: event.id ?? randomUUID(),
      type: event.type,
      name: event.name,
      ts: event.ts,
      visitor_id: visitorId,
      // One visit per person and day for events that name none.
      session_id: event.session_id ?? `srv.${dayOf(event.ts)}.${digest(visitorId)}`,
      user_id: event.user_id,
      props: event.props,
      traits: event.traits,
    };
    const valid = parseInput(eventSchema, wire, ['events', index]) as WireEvent;
    const sender = {
      bot: false,
      device: (profile?.device ?? 'desktop') as DeviceClass,
      browser: null,
      os: null,
      country: profile?.country ?? null,
      city: profile?.city ?? null,
    };
    return toEventRow(valid, { siteId: site.id, receivedAt, sentAt: undefined, sender });
  }));
  return deps.writer.run('ingest', { rows, now: receivedAt });
}
