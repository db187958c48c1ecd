// Turns a validated wire event into the row that is stored: derived fields filled, time settled.
import type { Sender } from '../enrich/enrich.js';
import type { WireEvent } from './schema.js';
import { urlParts, type CampaignKey } from '../model/urls.js';
import { eventTime } from './clock.js';
import type { EventRow } from '../model/event.js';

const clickIdTypes = ['gclid', 'yclid', 'fbclid', 'msclkid'] as const;

export interface Receipt {
  siteId: number;
  receivedAt: number;
  sentAt: number | undefined;
  sender: Sender;
}

export function toEventRow(event: WireEvent, receipt: Receipt): EventRow {
  const context = event.context ?? {};
  const url = urlParts(context.url);
  const referrer = urlParts(context.referrer);
  // Campaign parameters the client did not send itself are read from the page URL.
  const campaign = (key: CampaignKey) => context[key] ?? url?.campaign[key] ?? null;
  const clickIdType = clickIdTypes.find((key) => campaign(key)) ?? null;
  const { sender } = receipt;
  return {
    id: event.id.toLowerCase(),
    siteId: receipt.siteId,
    type: event.type,
    name: event.name ?? event.type,
    ts: eventTime(event.ts, receipt.receivedAt, receipt.sentAt),
    clientTs: event.ts,
    receivedAt: receipt.receivedAt,
    visitorId: event.visitor_id,
    sessionId: event.session_id,
    userId: event.user_id ?? null,
    url: url?.wizard?.url ?? context.url ?? null,
    path: url ? url.path : null,
    title: context.title ?? null,
    referrer: referrer?.wizard?.url ?? (context.referrer || null),
    // Navigation within the site is not a source.
    referrerHost: referrer && referrer.host !== url?.host ? referrer.host : null,
    utmSource: campaign('utm_source'),
    utmMedium: campaign('utm_medium'),
    utmCampaign: campaign('utm_campaign'),
    utmTerm: campaign('utm_term'),
    utmContent: campaign('utm_content'),
    clickIdType,
    clickId: clickIdType ? campaign(clickIdType) : null,
    screen: context.screen ? `${context.screen.width}x${context.screen.height}` : null,
    language: context.language ?? null,
    timezone: context.timezone ?? null,
    device: sender.device,
    browser: sender.browser,
    os: sender.os,
    country: sender.country,
    city: sender.city,
    props: event.props ?? null,
    traits: event.traits ?? null,
  };
}
