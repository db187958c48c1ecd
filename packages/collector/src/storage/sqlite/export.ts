// An exported event's stored columns: what was sent, and what the collector added to it.
/** An event as exported: what was sent, and what the collector added to it. */
export interface ExportedEventRow {
  seq: number;
  id: Buffer;
  type: string;
  name: string;
  ts: number;
  client_ts: number;
  received_at: number;
  visitor_id: string;
  session_id: string;
  user_id: string | null;
  url: string | null;
  title: string | null;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  click_id_type: string | null;
  click_id: string | null;
  screen: string | null;
  language: string | null;
  timezone: string | null;
  device: string;
  browser: string | null;
  os: string | null;
  country: string | null;
  city: string | null;
  props: string | null;
  traits: string | null;
}

export const exportColumns = `seq, id, type, name, ts, client_ts, received_at, visitor_id, session_id, user_id, url, title, referrer,
  utm_source, utm_medium, utm_campaign, utm_term, utm_content, click_id_type, click_id, screen, language, timezone,
  device, browser, os, country, city, props, traits`;
