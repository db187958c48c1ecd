// Collector-wide settings as stored: a key and a value each, such as the admin password's hash and the retention period.
import type { Db } from './database.js';
import type { SettingStore } from '../settings.js';

const retentionKey = 'retention_days';

export function sqliteSettings(db: Db): SettingStore {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
  const clear = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
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
  };
}
