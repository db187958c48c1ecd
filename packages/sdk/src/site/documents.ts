// The documents the chunk reads from the collector, the site config and the visitor's profile: fetched as JSON, kept in sessionStorage for the next page's first paint.
import { attempt } from '../storage';

/** The document kept under `key` this session, if any. */
export const kept = <T>(key: string): T | undefined => attempt(() => JSON.parse(sessionStorage[key]));

/** Forgets the document kept under `key` (the visitor withdrew consent). */
export const forget = (key: string) => attempt(() => sessionStorage.removeItem(key));

/**
 * Fetches the JSON document at `url` (the browser's HTTP cache answers or revalidates it by its
 * ETag) and keeps it under `key`; undefined for a refusal (4xx, 429) or no answer, which keep the
 * last document kept.
 */
export async function fetchKept<T>(url: string, key: string): Promise<T | undefined> {
  const response = await fetch(url).catch(() => undefined);
  const document: T | undefined = response?.ok ? await response.json().catch(() => undefined) : undefined;
  if (document) attempt(() => (sessionStorage[key] = JSON.stringify(document)));
  return document;
}
