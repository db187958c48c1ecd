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
