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

/** A person's newest reviews and comments over all their browsers, and how many they wrote in all. */
export async function writingsOf(store: Pick<Store, 'events'>, siteId: number, visitors: string[], limit: number): Promise<{ latest: Writing[]; count: number }> {
  const events = (await Promise.all(visitors.map((visitor) => store.events.writingsOfVisitor(siteId, visitor, limit)))).flat();
  events.sort((a, b) => b.ts - a.ts);
  const counts = await Promise.all(visitors.map((visitor) => store.events.writingCountOfVisitor(siteId, visitor)));
  const count = counts.reduce((sum, n) => sum + n, 0);
  return { latest: events.flatMap((e) => writingOf(e) ?? []).slice(0, limit), count };
}

/** A short line for an event: its name, and the page for a pageview. */
export const eventLabel = (event: StoredEventSummary) => (event.type === 'page' && event.path ? `${event.name} ${event.path}` : event.name);
