// How the stats page names a person and reads what they wrote, from hostile traits and props alike.
import type { Store } from '../storage/store.js';
import type { Profile } from '../model/profile.js';
import type { StoredEventSummary } from '../model/event.js';

/** A person's display name and the next thing that identifies them; anonymous people get their profile number. */
export function nameOf(profile: Profile): { title: string; detail: string | null; anonymous: boolean } {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const candidates = [text(profile.traits.name), text(profile.traits.email), profile.userId].filter((v): v is string => v !== null);
  const [title, ...rest] = [...new Set(candidates)];
  if (title === undefined) return { title: `Anonymous #${profile.id}`, detail: null, anonymous: true };
  return { title, detail: rest[0] ?? null, anonymous: false };
}

/** A review or comment: its text, and its rating when it carries a number as one. */
export interface Writing {
  event: string;
  ts: number;
  text: string;
  rating: number | null;
  productId: string | null;
}

/** What an event says in words, when it is a review or comment with a text prop. */
export function writingOf(event: StoredEventSummary): Writing | null {
  if (event.name !== 'review' && event.name !== 'comment') return null;
  const { text, rating, product_id: productId } = event.props ?? {};
  if (typeof text !== 'string' || text.trim() === '') return null;
  return {
    event: event.name,
    ts: event.ts,
    text,
    rating: typeof rating === 'number' && Number.isFinite(rating) ? rating : null,
    productId: typeof productId === 'string' || typeof productId === 'number' ? String(productId) : null,
  };
}

export interface Writings {
  latest: Writing[];
  count: number;
}

/**
 * Each person's newest reviews and comments over all their browsers, and how many they wrote in all:
 * two reads for a whole page of people, which on PostgreSQL is two round trips instead of two a browser.
 */
export async function writingsOfPeople(store: Pick<Store, 'events'>, siteId: number, visitorsOf: Map<number, string[]>, limit: number): Promise<Map<number, Writings>> {
  const visitors = [...visitorsOf.values()].flat();
  const byVisitor = new Map<string, StoredEventSummary[]>();
  for (const event of await store.events.writingsOfVisitors(siteId, visitors, limit)) byVisitor.set(event.visitorId, [...(byVisitor.get(event.visitorId) ?? []), event]);
  const counts = await store.events.writingCountsOfVisitors(siteId, visitors);
  return new Map(
    [...visitorsOf].map(([person, own]) => {
      const events = own.flatMap((visitor) => byVisitor.get(visitor) ?? []);
      events.sort((a, b) => b.ts - a.ts);
      const count = own.reduce((sum, visitor) => sum + (counts.get(visitor) ?? 0), 0);
      return [person, { latest: events.flatMap((e) => writingOf(e) ?? []).slice(0, limit), count }];
    }),
  );
}

/** One person's newest reviews and comments over all their browsers, and how many they wrote in all. */
export const writingsOf = async (store: Pick<Store, 'events'>, siteId: number, visitors: string[], limit: number): Promise<Writings> =>
  (await writingsOfPeople(store, siteId, new Map([[0, visitors]]), limit)).get(0)!;

/** A short line for an event: its name, and the page for a pageview. */
export const eventLabel = (event: StoredEventSummary) => (event.type === 'page' && event.path ? `${event.name} ${event.path}` : event.name);
