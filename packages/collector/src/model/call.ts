// Call tracking's shapes: pools of numbers, a session's lease of one, and a call as telephony reported it.

/** A pool: the numbers shown to sessions in place of the site's published one, each held by one session at a time. */
export interface CallPool {
  id: number;
  siteId: number;
  name: string;
  /** Shown when no pool number is free, and whenever tracking is off. E.164. */
  defaultNumber: string;
  /** The number printed on the site's pages, found and replaced in text and tel: links. E.164. */
  publishedNumber: string | null;
  /** Elements whose text is the number, replaced whatever it says. */
  selector: string | null;
  /** How long a number stays with a session after its last activity. */
  holdMs: number;
  createdAt: number;
}

/** A number the site owns: in a pool (leased to sessions), or static, fixed to one source. */
export interface CallNumber {
  id: number;
  siteId: number;
  number: string;
  poolId: number | null;
  source: string | null;
  campaign: string | null;
  /** When its last lease ends: free from then on. */
  freeAt: number;
}

/** What a session was at lease time: a call to its number is attributed to this. */
export interface LeaseContext {
  url: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  device: string;
  browser: string | null;
  os: string | null;
  country: string | null;
  city: string | null;
}

export interface Lease extends LeaseContext {
  id: number;
  siteId: number;
  poolId: number;
  numberId: number;
  number: string;
  sessionId: string;
  visitorId: string;
  startedAt: number;
  renewedAt: number;
  /** The last renewal plus the pool's hold time. */
  endsAt: number;
}

/** How a call found its person: the session holding the number, the static number's source, an earlier call of the caller, or none. */
export type CallAttribution = 'lease' | 'static' | 'repeat' | 'none';

export interface CallRecord {
  id: number;
  siteId: number;
  callId: string;
  calledNumber: string;
  callerHash: Buffer;
  /** Only when the site keeps callers' numbers in clear. */
  callerNumber: string | null;
  /** The number's last two digits: what the stats page shows of a number not kept in clear. */
  callerTail: string;
  startedAt: number;
  durationS: number;
  answered: boolean;
  recordingUrl: string | null;
  receivedAt: number;
  attribution: CallAttribution;
  leaseId: number | null;
  numberId: number | null;
  repeatCaller: boolean;
  visitorId: string | null;
  sessionId: string | null;
  eventId: string | null;
  source: string | null;
  campaign: string | null;
  landingPage: string | null;
  device: string | null;
  city: string | null;
}

/** A site's call-tracking settings. */
export interface CallSettings {
  siteId: number;
  /** Shared with telephony: it signs each call it sends (HMAC-SHA256 of the body). */
  signingSecret: string;
  /** Caller numbers are kept as HMAC-SHA256 under this salt, so they can be matched but not read. */
  hashSalt: Buffer;
  storeCallers: boolean;
  /** The callback widget's settings as JSON, checked by calls/callback.ts; null when never set. */
  widget: string | null;
}
