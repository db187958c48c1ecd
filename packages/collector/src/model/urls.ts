// Page and referrer URLs broken into the parts Pulse stores, parsed once per distinct URL.
import { LRUCache } from 'lru-cache';
import { wireLimits } from '@pulse/wire';
import { wizardParam } from '@pulse/wire/personalization';

const campaignKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'yclid', 'fbclid', 'msclkid'] as const;
export type CampaignKey = (typeof campaignKeys)[number];

export interface UrlParts {
  host: string;
  path: string;
  /** Campaign parameters found in the query string. */
  campaign: Partial<Record<CampaignKey, string>>;
  /**
   * A wizard token the admin opened the page with, and the URL without it: the token is a
   * credential, so what is stored is the URL as if it had never been there.
   */
  wizard?: { token: string; url: string };
}

const controlChars = /[\u0000-\u001f\u007f]/g;
// A site has far fewer distinct URLs than events; new URL() and its query parsing are the costly part.
const cache = new LRUCache<string, UrlParts | false>({ max: 20_000 });

export function urlParts(value: string | null | undefined): UrlParts | null {
  if (!value) return null;
  let parts = cache.get(value);
  if (parts === undefined) {
    parts = parse(value);
    cache.set(value, parts);
  }
  return parts || null;
}

function parse(value: string): UrlParts | false {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const campaign: UrlParts['campaign'] = {};
  if (url.search) {
    for (const key of campaignKeys) {
      const param = url.searchParams.get(key);
      // Bounded as a campaign parameter sent in the context is.
      if (param) campaign[key] = param.replace(controlChars, '').slice(0, wireLimits.textLength);
    }
  }
  const token = url.searchParams.get(wizardParam);
  if (token === null) return { host: url.hostname, path: url.pathname, campaign };
  url.searchParams.delete(wizardParam);
  return { host: url.hostname, path: url.pathname, campaign, wizard: { token, url: url.href } };
}

/**
 * A page URL cut where its authority ends: the origin (scheme and host, the same for a session's
 * pages) and the rest (path, query and fragment) as sent, unparsed. Migration 17 cuts stored URLs
 * at the same place in SQL.
 */
export function splitUrl(url: string): { origin: string; page: string } {
  const start = url.indexOf('://') + 3;
  let end = url.length;
  for (const stop of ['/', '?', '#']) {
    const at = url.indexOf(stop, start);
    if (at !== -1 && at < end) end = at;
  }
  return { origin: url.slice(0, end), page: url.slice(end) };
}
