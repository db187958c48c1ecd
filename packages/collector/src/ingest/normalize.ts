// Turns a validated wire event into the row that is stored: derived fields filled, time settled.
import type { EventRow } from '../storage/store.js';
import type { Sender } from '../enrich/enrich.js';
import { limits, type WireContext, type WireEvent } from './schema.js';
import { eventTime } from './clock.js';

const clickIdTypes = ['gclid', 'yclid', 'fbclid', 'msclkid'] as const;
const controlChars = /[\u0000-\u001f\u007f]/g;
const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

export interface Receipt {
  siteId: number;
  receivedAt: number;
  sentAt: number | undefined;
  sender: Sender;
}

export function toEventRow(event: WireEvent, receipt: Receipt): EventRow {
  const url = parseUrl(event.context?.url);
  const context = withUrlParams(event.context ?? {}, url);
  const referrer = parseUrl(context.referrer);
  const clickIdType = clickIdTypes.find((key) => context[key]) ?? null;
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
    url: context.url ?? null,
    path: url ? url.pathname : null,
    title: context.title ?? null,
    referrer: context.referrer || null,
    // Navigation within the site is not a source.
    referrerHost: referrer && referrer.hostname !== url?.hostname ? referrer.hostname : null,
    utmSource: context.utm_source ?? null,
    utmMedium: context.utm_medium ?? null,
    utmCampaign: context.utm_campaign ?? null,
    utmTerm: context.utm_term ?? null,
    utmContent: context.utm_content ?? null,
    clickIdType,
    clickId: clickIdType ? context[clickIdType]! : null,
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

/** Campaign parameters the client did not send itself are read from the page URL. */
function withUrlParams(context: WireContext, url: URL | null): WireContext {
  if (!url?.search) return context;
  const filled: WireContext = { ...context };
  for (const key of [...utmKeys, ...clickIdTypes]) {
    const value = url.searchParams.get(key);
    if (filled[key] === undefined && value) filled[key] = value.replace(controlChars, '').slice(0, limits.textLength);
  }
  return filled;
}

function parseUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
