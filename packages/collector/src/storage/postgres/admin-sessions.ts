// The stats page's signed-in browsers on PostgreSQL: the hash of each one's token, its CSRF token and expiry.
import type { Sql } from './sql.js';
import type { AdminSessionStore } from '../admin-sessions.js';
import type { AdminSession } from '../../model/access.js';

export function pgAdminSessions(sql: Sql): AdminSessionStore {
  return {
    insert(tokenHash, csrfToken, now, expiresAt) {
      sql.run('DELETE FROM admin_sessions WHERE expires_at <= $1', [now]);
      sql.run('INSERT INTO admin_sessions (token_hash, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, csrfToken, now, expiresAt]);
    },
    find: (tokenHash, now) =>
      sql.row<AdminSession>('SELECT csrf_token AS "csrfToken", expires_at AS "expiresAt" FROM admin_sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now]),
    delete(tokenHash) {
      sql.run('DELETE FROM admin_sessions WHERE token_hash = $1', [tokenHash]);
    },
    /** Signs every browser out, as when the password changes. */
    deleteAll() {
      sql.run('DELETE FROM admin_sessions');
    },
  };
}
