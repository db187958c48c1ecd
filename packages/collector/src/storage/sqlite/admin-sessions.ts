// The stats page's signed-in browsers as stored: the hash of each one's token, its CSRF token and expiry.
import type { Db } from './database.js';
import type { AdminSessionStore } from '../admin-sessions.js';
import type { AdminSession } from '../../model/access.js';

export function sqliteAdminSessions(db: Db): AdminSessionStore {
  const insert = db.prepare<[Buffer, string, number, number]>(
    'INSERT INTO admin_sessions (token_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const find = db.prepare<[Buffer, number], AdminSession>(
    'SELECT csrf_token AS csrfToken, expires_at AS expiresAt FROM admin_sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const remove = db.prepare<[Buffer]>('DELETE FROM admin_sessions WHERE token_hash = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM admin_sessions WHERE expires_at <= ?');
  const removeAll = db.prepare('DELETE FROM admin_sessions');
  return {
    insert(tokenHash: Buffer, csrfToken: string, now: number, expiresAt: number): void {
      removeExpired.run(now);
      insert.run(tokenHash, csrfToken, now, expiresAt);
    },
    async find(tokenHash: Buffer, now: number): Promise<AdminSession | undefined> {
      return find.get(tokenHash, now);
    },
    delete(tokenHash: Buffer): void {
      remove.run(tokenHash);
    },
    /** Signs every browser out, as when the password changes. */
    deleteAll(): void {
      removeAll.run();
    },
  };
}
