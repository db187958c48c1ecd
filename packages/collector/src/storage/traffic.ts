// The overview's traffic rollups (sessions, page views, bounces, lengths by hour; top lists by day) and the bot hits dropped.
import type { Traffic, DayRange } from '../model/traffic.js';

export interface TrafficStore {
  /** Moves an hour's traffic by a batch's changes (negative when a late event moved a session away). */
  add(siteId: number, hour: number, change: Traffic): void;
  addDimension(siteId: number, dimension: "page" | "source" | "referrer" | "utm_campaign" | "device" | "browser" | "os" | "country" | "city", day: number, value: string, count: number): void;
  total(range: DayRange): Promise<Traffic>;
  perHour(range: DayRange): Promise<(Traffic & { hour: number })[]>;
  perDay(range: DayRange): Promise<(Traffic & { day: number })[]>;
  /** The values of a dimension with the most sessions (page views for 'page') in the range. */
  top(range: DayRange, dimension: "page" | "source" | "referrer" | "utm_campaign" | "device" | "browser" | "os" | "country" | "city", limit: number): Promise<{ value: string; count: number }[]>;
  /** Counts the hits from bots dropped at ingest, so admins can see what was filtered. */
  addBotHits(siteId: number, day: string, hits: number): void;
  botHits(siteId: number, day: string): Promise<number>;
}
