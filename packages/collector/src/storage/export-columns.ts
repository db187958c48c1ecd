// The columns an exported event is read with from events_full (events.ts: ExportedEventRow), on either backend.
export const exportColumns = `seq, id, type, name, ts, client_ts, received_at, visitor_id, session_id, user_id, url, title, referrer,
  utm_source, utm_medium, utm_campaign, utm_term, utm_content, click_id_type, click_id, screen, language, timezone,
  device, browser, os, country, city, props, traits`;
