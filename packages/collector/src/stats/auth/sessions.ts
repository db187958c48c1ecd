// Signed-in browsers: a random token in an HttpOnly cookie, its hash and a CSRF token in SQLite.
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../storage/store.js';
import type { AdminSession } from '../../model/access.js';

export const sessionCookie = 'pulse_stats';
export const sessionTtlMs = 7 * 86_400_000;

export const sessionHash = (token: string) => createHash('sha256').update(token).digest();

/** A new sign-in: the token for the cookie, and what the writer stores of it (its hash, never the token). */
export function newSession(now: number) {
  const token = randomBytes(32).toString('base64url');
  const command = { tokenHash: sessionHash(token), csrfToken: randomBytes(24).toString('base64url'), now, expiresAt: now + sessionTtlMs };
  return { token, command };
}

export async function sessionOf(store: Pick<Store, 'adminSessions'>, token: string | undefined, now: number): Promise<AdminSession | undefined> {
  return token ? await store.adminSessions.find(sessionHash(token), now) : undefined;
}
