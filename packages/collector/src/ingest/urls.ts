// Page and referrer URLs broken into the parts Pulse stores, parsed once per distinct URL.
import { LRUCache } from 'lru-cache';

const campaignKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'yclid', 'fbclid', 'msclkid'] as const;
export type CampaignKey = (typeof campaignKeys)[number];

export interface UrlParts {
  host: string;
  path: string;
  /** Campaign parameters found in the query string. */
  campaign: Partial<Record<CampaignKey, string>>;
}

const controlChars = /[\u0000-\u001f\u007f]/g;
// A site has far fewer distinct URLs than events; new URL() and its query parsing are the costly part.
const cache = new LRUCache<string, UrlParts | false>({ max: 20_000 });

export function urlParts(value: string | undefined, maxParamLength: number): UrlParts | null {
  if (!value) return null;
  let parts = cache.get(value);
  if (parts === undefined) {
    parts = parse(value, maxParamLength);
    cache.set(value, parts);
  }
  return parts || null;
}

function parse(value: string, maxParamLength: number): UrlParts | false {
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
      if (param) campaign[key] = param.replace(controlChars, '').slice(0, maxParamLength);
    }
  }
  return { host: url.hostname, path: url.pathname, campaign };
}
