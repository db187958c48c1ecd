// Collector-wide settings as stored on PostgreSQL: a key and a value each, such as the admin password's hash and the retention period.
import type { Sql } from './sql.js';
import { jobKey, retentionKey, type SettingStore } from '../settings.js';

const put = 'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export function pgSettings(sql: Sql): SettingStore {
  const get = async (key: string) => (await sql.row<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))?.value;
  return {
    get,
    put(key: string, value: string): void {
      sql.run(put, [key, value]);
    },
    /** Days raw events and sessions are kept, collector-wide; null keeps them for ever. */
    async retentionDays(): Promise<number | null> {
      const value = await get(retentionKey);
      return value === undefined ? null : Number(value);
    },
    setRetentionDays(days: number | null): void {
      if (days === null) sql.run('DELETE FROM settings WHERE key = $1', [retentionKey]);
      else sql.run(put, [retentionKey, String(days)]);
    },
    async claimJob(job: string, now: number, everyMs: number): Promise<boolean> {
      // One statement: a second claimer waits on the first's row lock (or its insert), then looks at
      // the run it recorded, so of collectors asking at once exactly one gets the row back.
      const claimed = await sql.rows(
        `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
         WHERE settings.value::bigint <= excluded.value::bigint - $3::bigint RETURNING 1`,
        [jobKey(job), String(now), everyMs],
      );
      return claimed.length > 0;
    },
  };
}
