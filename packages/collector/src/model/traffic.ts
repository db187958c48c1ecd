// The shapes of the rollups: days of a site, the overview's traffic and its top-list dimensions.

/** A site's days from `from` to `to`, both included (days since 1970-01-01, UTC). */
export interface DayRange {
  siteId: number;
  from: number;
  to: number;
}

/** What the overview lists: a session's dimensions, and 'page' (page views by path). */
export const dimensions = ['page', 'source', 'referrer', 'utm_campaign', 'device', 'browser', 'os', 'country', 'city'] as const;
export type Dimension = (typeof dimensions)[number];

/** Sessions started, page views, bounces and summed session length in a span of time. */
export interface Traffic {
  sessions: number;
  pageviews: number;
  bounces: number;
  durationMs: number;
}
