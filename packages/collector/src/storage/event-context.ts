// An event's context on either backend: what a session's events share (origin, source, campaign, device, place, screen, language), kept once and pointed at.
import type { EventRow } from '../model/event.js';

/** The context's columns, in the order its key joins them. */
export const contextColumns = [
  'origin', 'referrer_host', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'click_id_type', 'click_id',
  'screen', 'language', 'timezone', 'device', 'browser', 'os', 'country', 'city',
] as const;

// Control characters never occur in a stored value (the wire format refuses them): one stands for
// null, another separates the values, so two contexts have the same key only when they are the same.
const none = '\u001e';
const between = '\u001f';

/** The context of an event, by the same columns, and its key. */
export function contextOf(origin: string | null, e: EventRow): { key: string; values: (string | null)[] } {
  const values = [
    origin, e.referrerHost, e.utmSource, e.utmMedium, e.utmCampaign, e.utmTerm, e.utmContent, e.clickIdType, e.clickId,
    e.screen, e.language, e.timezone, e.device, e.browser, e.os, e.country, e.city,
  ];
  return { key: values.map((v) => v ?? none).join(between), values };
}

/**
 * Migration 21's change to events, the same on either backend: an event id is unique within its site
 * (a resent event is still stored once, and one site's ids cannot shadow another's), and the
 * events_full view joins a context on its site too (Citus joins two distributed tables only on their
 * distribution column).
 */
export const eventsBySite = `
  DROP INDEX events_id;
  CREATE UNIQUE INDEX events_id ON events(site_id, id);
  DROP VIEW events_full;
  CREATE VIEW events_full AS
    SELECT e.seq, e.id, e.site_id, e.type, e.name, e.ts, e.client_ts, e.received_at, e.visitor_id, e.session_id, e.user_id,
      c.origin || e.page AS url, e.title, e.referrer, ${contextColumns.filter((c) => c !== 'origin').map((c) => `c.${c}`).join(', ')},
      e.props, e.traits
    FROM events e JOIN event_contexts c ON c.site_id = e.site_id AND c.id = e.context_id;`;
