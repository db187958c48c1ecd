// Where a visit comes from, as its referrer and landing URL show it: typed in, search, social, links and the shop's campaigns.
import { dayMs } from '../days.js';
import type { Country } from './places.js';
import { between, chance, pick, weighted, type Random } from './random.js';

export type Channel = 'direct' | 'organic' | 'social' | 'referral' | 'email' | 'paid_search' | 'paid_social';

/** How people first find the shop. */
export const firstChannels = [['direct', 20], ['organic', 34], ['social', 12], ['referral', 5], ['paid_search', 16], ['paid_social', 10], ['email', 3]] as const;
/** How they come back: typed in, the Sunday letter (once subscribed), retargeting. */
export const returnChannels = [['direct', 42], ['organic', 18], ['email', 16], ['social', 6], ['paid_search', 10], ['paid_social', 6], ['referral', 2]] as const;

/** How much likelier than average a visit from the channel goes deep into the funnel. */
export const channelQuality: Record<Channel, number> = { direct: 1.1, organic: 1, social: 0.55, referral: 0.85, email: 1.5, paid_search: 1.3, paid_social: 0.7 };

export interface Arrival {
  referrer: string;
  /** The campaign's parameters in the landing URL, e.g. utm_source=newsletter&utm_medium=email&utm_campaign=… */
  query: string;
  landing: 'root' | 'catalog' | 'product';
  /** The category the ad or link was about, if any. */
  category?: string;
}

const urlSafe = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function token(r: Random, length: number, alphabet = urlSafe): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(r() * alphabet.length)];
  return text;
}

const keywords: Record<string, string[]> = {
  Coffee: ['pour over dripper', 'gooseneck kettle', 'hand coffee grinder', 'stoneware mugs'],
  Kitchen: ['cast iron skillet', 'chef knife 8 inch', 'olive wood board', 'linen apron'],
  Outdoor: ['waxed canvas daypack', 'insulated bottle', 'camp lantern rechargeable', 'merino throw'],
  Audio: ['wireless headphones', 'bookshelf speaker', 'retro radio bluetooth', 'belt drive turntable'],
};
const categories = Object.keys(keywords);
const adCampaigns = ['autumn-edit', 'gift-guide', 'new-arrivals', 'retargeting-viewed'];
const links = [['https://www.seriouseats.com/', 'Kitchen'], ['https://coffeegeek.com/', 'Coffee'], ['https://www.theverge.com/', 'Audio'], ['https://www.outdoorgearlab.com/', 'Outdoor'], ['https://news.ycombinator.com/', undefined], ['https://www.producthunt.com/', undefined]] as const;
const socials = [['https://l.facebook.com/', 22], ['https://m.facebook.com/', 10], ['https://l.instagram.com/', 20], ['https://www.pinterest.com/', 15], ['https://www.reddit.com/', 15], ['https://t.co/', 9], ['https://www.youtube.com/', 9]] as const;

const searchLandings = [['product', 50], ['catalog', 20], ['root', 30]] as const;
const params = (entries: Record<string, string>) => new URLSearchParams(entries).toString();

/** The Sunday letter goes out on Sundays; its campaign is named after the issue the link came from. */
function letterOf(at: number): string {
  const day = Math.floor(at / dayMs);
  const sunday = day - ((day + 4) % 7); // 1970-01-01 was a Thursday
  return `sunday-letter-${new Date(sunday * dayMs).toISOString().slice(0, 10)}`;
}

function organicSearch(r: Random, country: Country): string {
  if (chance(r, country.yandex)) return 'https://yandex.ru/';
  return weighted(r, [[`https://${country.google}/`, 90], ['https://www.bing.com/', 7], ['https://duckduckgo.com/', 3]] as const);
}

function paidSearch(r: Random, country: Country): Arrival {
  const category = pick(r, categories);
  const campaign = chance(r, 0.25) ? 'brand' : `search-${category.toLowerCase()}`;
  if (chance(r, country.yandex)) {
    return { referrer: 'https://yandex.ru/', query: params({ utm_source: 'yandex', utm_medium: 'cpc', utm_campaign: campaign, yclid: String(between(r, 1e15, 9e15)) }), landing: 'product', category };
  }
  if (chance(r, 0.08)) {
    return { referrer: 'https://www.bing.com/', query: params({ utm_source: 'bing', utm_medium: 'cpc', utm_campaign: campaign, msclkid: token(r, 32, '0123456789abcdef') }), landing: 'product', category };
  }
  const term = campaign === 'brand' ? 'maple and moss' : pick(r, keywords[category]!);
  return {
    referrer: `https://${country.google}/`,
    query: params({ utm_source: 'google', utm_medium: 'cpc', utm_campaign: campaign, utm_term: term, gclid: `Cj0KCQjw${token(r, 64)}` }),
    landing: campaign === 'brand' ? 'root' : 'product',
    category,
  };
}

export function arrivalOf(r: Random, channel: Channel, country: Country, at: number): Arrival {
  switch (channel) {
    case 'direct':
      return { referrer: '', query: '', landing: chance(r, 0.8) ? 'root' : 'product' };
    case 'organic':
      return { referrer: organicSearch(r, country), query: '', landing: weighted(r, searchLandings) };
    case 'social':
      return { referrer: country.code === 'RU' && chance(r, 0.6) ? 'https://vk.com/' : weighted(r, socials), query: '', landing: chance(r, 0.6) ? 'product' : 'root' };
    case 'referral': {
      const [referrer, category] = pick(r, links);
      return { referrer, query: '', landing: chance(r, 0.7) ? 'product' : 'root', ...(category ? { category } : {}) };
    }
    case 'email':
      return { referrer: '', query: params({ utm_source: 'newsletter', utm_medium: 'email', utm_campaign: letterOf(at) }), landing: chance(r, 0.6) ? 'product' : 'root' };
    case 'paid_search':
      return paidSearch(r, country);
    case 'paid_social': {
      const source = chance(r, 0.65) ? 'facebook' : 'instagram';
      const query = params({ utm_source: source, utm_medium: 'cpc', utm_campaign: pick(r, adCampaigns), utm_content: pick(r, ['carousel', 'video-15s', 'single-image']), fbclid: `IwAR${token(r, 56)}` });
      return { referrer: source === 'facebook' ? 'https://m.facebook.com/' : 'https://l.instagram.com/', query, landing: 'product', category: pick(r, categories) };
    }
  }
}
