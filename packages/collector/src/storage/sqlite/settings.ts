// Collector-wide settings as stored: a key and a value each, such as the admin password's hash and the retention period.
import type { Db } from './database.js';
import { jobKey, retentionKey, type SettingStore } from '../settings.js';

export function sqliteSettings(db: Db): SettingStore {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
  const clear = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  // One statement, so the look at the last run and the record of this one cannot be split by another collector's claim.
  const claim = db.prepare<[string, string, number]>(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
     WHERE CAST(settings.value AS INTEGER) <= CAST(excluded.value AS INTEGER) - ? RETURNING 1`,
  );
  return {
    async get(key: string): Promise<string | undefined> {
      return get.get(key)?.value;
    },
    put(key: string, value: string): void {
      put.run(key, value);
    },
    /** Days raw events and sessions are kept, collector-wide; null keeps them for ever. */
    async retentionDays(): Promise<number | null> {
      const value = get.get(retentionKey)?.value;
      return value === undefined ? null : Number(value);
    },
    setRetentionDays(days: number | null): void {
      if (days === null) clear.run(retentionKey);
      else put.run(retentionKey, String(days));
    },
    async claimJob(job: string, now: number, everyMs: number): Promise<boolean> {
      return claim.all(jobKey(job), String(now), everyMs).length > 0;
    },
  };
}
