// The raw event log read in time order for an export, a page at a time along the events_site_ts index.
import type { Db } from './database.js';

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

/** Where the next page starts: after this event in (ts, seq) order. */
export interface ExportCursor {
  ts: number;
  seq: number;
}

export function exportStatements(db: Db) {
  // The index events_site_ts holds (site_id, ts) and then seq (the rowid), so (ts, seq) is its order:
  // each page is one range seek, however deep into the export.
  const page = db.prepare<{ siteId: number; ts: number; seq: number; to: number; limit: number }, ExportedEventRow>(
    `SELECT seq, id, type, name, ts, client_ts, received_at, visitor_id, session_id, user_id, url, title, referrer,
       utm_source, utm_medium, utm_campaign, utm_term, utm_content, click_id_type, click_id, screen, language, timezone,
       device, browser, os, country, city, props, traits
     FROM events WHERE site_id = @siteId AND ts >= @ts AND (ts > @ts OR seq > @seq) AND ts < @to
     ORDER BY ts, seq LIMIT @limit`,
  );
  return {
    /** Up to `limit` events of a site with from <= ts < to, after the cursor. */
    exportPage(siteId: number, from: number, to: number, after: ExportCursor | null, limit: number): ExportedEventRow[] {
      return page.all({ siteId, ts: after?.ts ?? from, seq: after?.seq ?? -1, to, limit });
    },
  };
}
