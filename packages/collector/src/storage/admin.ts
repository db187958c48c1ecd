// Settings and the stats page's sign-ins as stored.
import type { Db } from './database.js';

export interface AdminSession {
  csrfToken: string;
  expiresAt: number;
}

export function adminStatements(db: Db) {
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const putSetting = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
  );
  const insertSession = db.prepare<[Buffer, string, number, number]>(
    'INSERT INTO admin_sessions (token_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const findSession = db.prepare<[Buffer, number], { csrfToken: string; expiresAt: number }>(
    'SELECT csrf_token AS csrfToken, expires_at AS expiresAt FROM admin_sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const deleteSession = db.prepare<[Buffer]>('DELETE FROM admin_sessions WHERE token_hash = ?');
  const deleteExpired = db.prepare<[number]>('DELETE FROM admin_sessions WHERE expires_at <= ?');
  const deleteAll = db.prepare('DELETE FROM admin_sessions');

  return {
    setting(key: string): string | undefined {
      return getSetting.get(key)?.value;
    },
    putSetting(key: string, value: string): void {
      putSetting.run(key, value);
    },
    insertAdminSession(tokenHash: Buffer, csrfToken: string, now: number, expiresAt: number): void {
      deleteExpired.run(now);
      insertSession.run(tokenHash, csrfToken, now, expiresAt);
    },
    adminSession(tokenHash: Buffer, now: number): AdminSession | undefined {
      return findSession.get(tokenHash, now);
    },
    deleteAdminSession(tokenHash: Buffer): void {
      deleteSession.run(tokenHash);
    },
    /** Signs every browser out, as when the password changes. */
    deleteAdminSessions(): void {
      deleteAll.run();
    },
  };
}
