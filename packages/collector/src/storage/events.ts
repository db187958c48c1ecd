// The raw event log: stored once per id, lean (a session's shared context kept apart), read in time order per site or per browser.
import type { EventRow, StoredEventSummary, EventCursor } from '../model/event.js';
import type { ReplayedEvent } from '../model/funnel.js';

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

/** An event as a person's export gives it: every column it had before events were made lean, but the row number and site. */
export type ExportedEvent = Record<string, unknown>;

export interface EventStore {
  /** A page of a site's events from `fromTs` on, after the row `afterSeq` up to `untilSeq`: for passes over history. */
  since(siteId: number, fromTs: number, afterSeq: number, untilSeq: number, limit: number): Promise<{ props: Record<string, unknown> | null; seq: number; name: string; ts: number; visitorId: string }[]>;
  /**
   * Stores each event unless one with its id is stored already (or comes earlier in the same
   * batch); returns those that were new. Many rows to a statement: a batch costs a few statements, not one per event.
   */
  insert(rows: readonly EventRow[]): Promise<EventRow[]>;
  count(siteId: number): Promise<number>;
  has(siteId: number, id: string): Promise<boolean>;
  /** A page of a site's events after (ts, seq), in time order: what a funnel replay reads. */
  forReplay(siteId: number, after: EventCursor | null, limit: number): Promise<ReplayedEvent[]>;
  firstTs(siteId: number): Promise<number | null>;
  /** Up to `limit` events of a site with from <= ts < to, after the cursor. */
  exportPage(siteId: number, from: number, to: number, after: EventCursor | null, limit: number): Promise<ExportedEventRow[]>;
  /** Each profile's newest `limit` events, of all its visitors, newest first; one read for a page of people. */
  recentOfPeople(siteId: number, profileIds: readonly number[], limit: number): Promise<Map<number, StoredEventSummary[]>>;
  /** Each visitor's newest `limit` reviews and comments (found through their own small index), in no order. */
  writingsOfVisitors(siteId: number, visitorIds: readonly string[], limit: number): Promise<StoredEventSummary[]>;
  /** How many reviews and comments each visitor wrote (none: absent). */
  writingCountsOfVisitors(siteId: number, visitorIds: readonly string[]): Promise<Map<string, number>>;
  /** How many events of a name a browser sent in one session since `since`. */
  countInSession(siteId: number, visitorId: string, sessionId: string, name: string, since: number): Promise<number>;
  /** Deletes up to `limit` of a browser's events; says how many went. */
  deleteOfVisitor(siteId: number, visitorId: string, limit: number): Promise<number>;
  /** A page of a browser's events in time order after `after`, as an export gives them. */
  ofVisitorAfter(siteId: number, visitorId: string, after: EventCursor, limit: number): Promise<{ events: ExportedEvent[]; next: EventCursor | null }>;
  /** Deletes up to `limit` of a site's events from before `cutoff`; says how many went. */
  deleteBefore(siteId: number, cutoff: number, limit: number): Promise<number>;
  /** Events and profiles ever stored (deletions are not subtracted: good enough to say a data set's scale). */
  datasetSize(): Promise<{ events: number; profiles: number }>;
  /** The newest event's row number (0 with none): a mark that later events are stored after. */
  lastSeq(): Promise<number>;
}
