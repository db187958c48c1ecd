// The segment form's "Show to the visitor's browser as" field: empty for not shown, else a key of the one shape browserKeySchema allows.
import { browserKeySchema } from '@pulse/wire/personalization';
import { firstIssue, type Refusal } from '../validation.js';

export type BrowserKeyField = { typed: string; key: string | null } | { typed: string; refusal: Refusal };

/** The key posted (trimmed; empty: not shown to browsers), or its refusal naming browser_key. */
export function readBrowserKey(value: unknown): BrowserKeyField {
  const typed = typeof value === 'string' ? value.trim() : '';
  if (typed === '') return { typed, key: null };
  const parsed = browserKeySchema.safeParse(typed);
  return parsed.success ? { typed, key: parsed.data } : { typed, refusal: firstIssue(parsed.error, ['browser_key']) };
}
