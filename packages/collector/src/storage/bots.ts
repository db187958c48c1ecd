// Daily counts of the bot hits dropped at ingest, so admins can see what was filtered.
import type { Db } from './database.js';

export function botStatements(db: Db) {
  const add = db.prepare<[number, string, number]>(
    `INSERT INTO bot_hits (site_id, day, hits) VALUES (?, ?, ?)
     ON CONFLICT (site_id, day) DO UPDATE SET hits = hits + excluded.hits`,
  );
  const get = db.prepare<[number, string], { hits: number }>('SELECT hits FROM bot_hits WHERE site_id = ? AND day = ?');
  return {
    countBotHits(siteId: number, day: string, hits: number): void {
      add.run(siteId, day, hits);
    },
    botHits(siteId: number, day: string): number {
      return get.get(siteId, day)?.hits ?? 0;
    },
  };
}
