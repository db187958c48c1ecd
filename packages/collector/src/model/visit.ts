// Sessions and visitors: what a batch says about a visit, and what is kept of it.

/** The device and place an event came from. */
interface Origin {
  device: string;
  browser: string | null;
  os: string | null;
  country: string | null;
  city: string | null;
}

/** Where a session or visitor came from. */
interface Source {
  referrerHost: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
}

/** What one batch says about one session; every field is about the batch's own events. */
export interface SessionSummary extends Origin, Source {
  siteId: number;
  sessionId: string;
  visitorId: string;
  userId: string | null;
  firstTs: number;
  lastTs: number;
  events: number;
  pageviews: number;
  firstPath: string | null;
  lastPath: string | null;
}

export interface Session extends Origin, Source {
  siteId: number;
  sessionId: string;
  visitorId: string;
  startedAt: number;
  lastSeen: number;
  events: number;
  pageviews: number;
  landingPage: string | null;
  exitPage: string | null;
}

/** What the traffic rollups count of a session: when it ran, its page views, where it came from and on what. */
export interface SessionShape extends Origin, Pick<Source, 'referrerHost' | 'utmSource' | 'utmCampaign'> {
  siteId: number;
  startedAt: number;
  lastSeen: number;
  pageviews: number;
}

/** A session as it was before a batch (none when the batch started it) and as it is after. */
export interface VisitChange {
  before: SessionShape | undefined;
  after: SessionShape;
}

export interface Visitor extends Origin {
  siteId: number;
  visitorId: string;
  userId: string | null;
  firstSeen: number;
  lastSeen: number;
  sessions: number;
  events: number;
  landingPage: string | null;
  firstReferrerHost: string | null;
  firstUtmSource: string | null;
  firstUtmMedium: string | null;
  firstUtmCampaign: string | null;
}
