// Signed-in browsers: a random token in an HttpOnly cookie, its hash and a CSRF token in SQLite.
import { createHash, randomBytes } from 'node:crypto';
import type { AdminSession, Store } from '../../storage/store.js';

export const sessionCookie = 'pulse_stats';
export const sessionTtlMs = 7 * 86_400_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest();

export function signIn(store: Store, now: number): { token: string; session: AdminSession } {
  const token = randomBytes(32).toString('base64url');
  const session = { csrfToken: randomBytes(24).toString('base64url'), expiresAt: now + sessionTtlMs };
  store.insertAdminSession(hashOf(token), session.csrfToken, now, session.expiresAt);
  return { token, session };
}

export function sessionOf(store: Store, token: string | undefined, now: number): AdminSession | undefined {
  return token ? store.adminSession(hashOf(token), now) : undefined;
}

export function signOut(store: Store, token: string): void {
  store.deleteAdminSession(hashOf(token));
}
