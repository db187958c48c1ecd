// Who a call is from: the session that held the called number when the call began, the static number's source, or the caller's earlier call.
import { createHash } from 'node:crypto';
import { urlParts } from '../model/urls.js';
import { sourceOf } from '../profiles/source.js';
import type { CallAttribution, CallNumber, CallRecord, Lease } from '../model/call.js';
import type { DeviceClass } from '../model/profile.js';
import type { EventRow } from '../model/event.js';

export interface Attribution {
  attribution: CallAttribution;
  lease: Lease | null;
  /** The browser the call is filed under, when the call names a person. */
  visitorId: string | null;
  sessionId: string | null;
  source: string | null;
  campaign: string | null;
  landingPage: string | null;
  device: string | null;
  city: string | null;
}

/**
 * The lease matches when the call began within it: from its start to its last renewal plus the
 * hold (a number's leases never overlap, so at most one does). A pool number nobody held then, an
 * unknown number or a static one falls back to the caller's last call that named a person.
 */
export function attribute(call: { startedAt: number }, number: CallNumber | undefined, lease: Lease | undefined, known: CallRecord | undefined): Attribution {
  if (lease && call.startedAt >= lease.startedAt && call.startedAt <= lease.endsAt) {
    const page = urlParts(lease.url);
    const referrer = urlParts(lease.referrer);
    return {
      attribution: 'lease',
      lease,
      visitorId: lease.visitorId,
      sessionId: lease.sessionId,
      source: sourceOf({ utmSource: lease.utmSource, referrerHost: referrer && referrer.host !== page?.host ? referrer.host : null }),
      campaign: lease.utmCampaign,
      landingPage: page?.path ?? null,
      device: lease.device,
      city: lease.city,
    };
  }
  const person = known && { visitorId: known.visitorId, sessionId: null, device: known.device, city: known.city, landingPage: null };
  if (number?.source) {
    return { attribution: 'static', lease: null, ...(person ?? nobody), source: number.source, campaign: number.campaign };
  }
  if (person) return { attribution: 'repeat', lease: null, ...person, source: known.source, campaign: known.campaign };
  return { attribution: 'none', lease: null, ...nobody, source: null, campaign: null };
}

const nobody = { visitorId: null, sessionId: null, device: null, city: null, landingPage: null };

const digest = (text: string) => createHash('sha256').update(text).digest();

/** A UUID made from the site and call id, so that a resent call can never store its event twice. */
export function callEventId(siteId: number, callId: string): string {
  const hex = digest(`call:${siteId}:${callId}`).toString('hex');
  // Version 8 (custom) and the RFC 4122 variant, as a UUID parser expects.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface CallFacts {
  siteId: number;
  callId: string;
  calledNumber: string;
  startedAt: number;
  durationS: number;
  answered: boolean;
  recordingUrl: string | null;
}

/**
 * The `call` event of an attributed call: in the session that held the number, with that
 * session's page, campaign, device and place, so it scores and moves segments like any event. A
 * call known only by its caller is a visit of its own that day.
 */
export function callEvent(call: CallFacts, to: Attribution & { visitorId: string }, ts: number, receivedAt: number): EventRow {
  const lease = to.lease;
  const page = urlParts(lease?.url);
  const referrer = urlParts(lease?.referrer);
  return {
    id: callEventId(call.siteId, call.callId),
    siteId: call.siteId,
    type: 'track',
    name: 'call',
    ts,
    clientTs: call.startedAt,
    receivedAt,
    visitorId: to.visitorId,
    sessionId: to.sessionId ?? `call.${new Date(ts).toISOString().slice(0, 10)}.${digest(to.visitorId).toString('base64url').slice(0, 22)}`,
    userId: null,
    url: lease?.url ?? null,
    path: page?.path ?? null,
    title: null,
    referrer: lease?.referrer ?? null,
    referrerHost: referrer && referrer.host !== page?.host ? referrer.host : null,
    // A static number stands for its source: the call counts there, as a campaign's would.
    utmSource: lease ? lease.utmSource : to.attribution === 'static' ? to.source : null,
    utmMedium: lease?.utmMedium ?? null,
    utmCampaign: lease?.utmCampaign ?? to.campaign,
    utmTerm: lease?.utmTerm ?? null,
    utmContent: lease?.utmContent ?? null,
    clickIdType: null,
    clickId: null,
    screen: null,
    language: null,
    timezone: null,
    device: (to.device ?? 'desktop') as DeviceClass,
    browser: lease?.browser ?? null,
    os: lease?.os ?? null,
    country: lease?.country ?? null,
    city: to.city,
    props: {
      call_id: call.callId,
      called_number: call.calledNumber,
      duration_s: call.durationS,
      answered: call.answered,
      attribution: to.attribution,
      ...(to.source ? { source: to.source } : {}),
      ...(call.recordingUrl ? { recording_url: call.recordingUrl } : {}),
    },
    traits: null,
  };
}
