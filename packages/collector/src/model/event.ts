// An event as stored: validated, normalized and enriched; and the shorter forms its readers take.
import type { DeviceClass } from './profile.js';

/** Times are epoch milliseconds. */
export interface EventRow {
  id: string;
  siteId: number;
  type: 'page' | 'track' | 'identify';
  name: string;
  ts: number;
  clientTs: number;
  receivedAt: number;
  visitorId: string;
  sessionId: string;
  userId: string | null;
  url: string | null;
  path: string | null;
  title: string | null;
  referrer: string | null;
  referrerHost: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  clickIdType: string | null;
  clickId: string | null;
  screen: string | null;
  language: string | null;
  timezone: string | null;
  device: DeviceClass;
  browser: string | null;
  os: string | null;
  country: string | null;
  city: string | null;
  props: Record<string, unknown> | null;
  traits: Record<string, unknown> | null;
}

/** An event as a timeline shows it. */
export interface StoredEventSummary {
  id: string;
  type: string;
  name: string;
  ts: number;
  visitorId: string;
  sessionId: string;
  path: string | null;
  url: string | null;
  props: Record<string, unknown> | null;
}

/** Where a page of events in time order starts: after this event in (ts, seq) order. */
export interface EventCursor {
  ts: number;
  seq: number;
}
