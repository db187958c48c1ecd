// The events table as migrations 1–16 knew it, rebuilt over today's lean one: for re-running one of those migrations' backfills in a test.
import type Database from 'better-sqlite3';
import { urlParts } from '../model/urls.js';

/**
 * A temporary `events` table with the old columns, filled from events_full (the path parsed as ingest
 * parsed it). SQLite reads an unqualified name from the temporary schema first, so an old migration
 * run now reads these rows; it is dropped when the connection closes.
 */
export function oldEventsShape(db: Database.Database): void {
  db.exec('CREATE TEMP TABLE events AS SELECT *, NULL AS path FROM main.events_full');
  const setPath = db.prepare<[string | null, number]>('UPDATE temp.events SET path = ? WHERE seq = ?');
  for (const { seq, url } of db.prepare('SELECT seq, url FROM temp.events').all() as { seq: number; url: string | null }[]) {
    setPath.run(urlParts(url)?.path ?? null, seq);
  }
}
