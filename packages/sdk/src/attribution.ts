// First-touch attribution as npm users read it: where the visitor first came from, kept until reset().
import type { Context } from './context';

/** What the tracker keeps when it first sees a visitor: the context of their first event, and its time. */
export type FirstContext = Context & { ts: number };

export interface FirstTouch {
  /** The first page the visitor landed on. */
  landing: string;
  /** Where they came from: '' for a direct visit. */
  referrer: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  /** When, in ms since the epoch. */
  ts: number;
}

/** The campaign is read from the landing page's URL, where the context keeps it. */
export function firstTouchOf(first: FirstContext | null | undefined): FirstTouch | null {
  if (!first) return null;
  const query = new URL(first.url).searchParams;
  const param = (key: string) => query.get(key) ?? undefined;
  return {
    landing: first.url,
    referrer: first.referrer,
    utm_source: param('utm_source'),
    utm_medium: param('utm_medium'),
    utm_campaign: param('utm_campaign'),
    ts: first.ts,
  };
}
