// How a database is named in messages: a SQLite file by its full path, a PostgreSQL URL without its password.
import { resolve } from 'node:path';
import { isPostgres } from './backend-kind.js';

// The URL as it may be shown: without its password.
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(a URL that does not parse, not shown)';
  }
}

export const databaseName = (db: string) => (isPostgres(db) ? withoutPassword(db) : resolve(db));
