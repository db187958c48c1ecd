// The stats page's signed-in browsers: the hash of each one's token, its CSRF token and expiry.
import type { AdminSession } from '../model/access.js';

export interface AdminSessionStore {
  insert(tokenHash: Buffer<ArrayBufferLike>, csrfToken: string, now: number, expiresAt: number): void;
  find(tokenHash: Buffer<ArrayBufferLike>, now: number): Promise<AdminSession | undefined>;
  delete(tokenHash: Buffer<ArrayBufferLike>): void;
  /** Signs every browser out, as when the password changes. */
  deleteAll(): void;
}
