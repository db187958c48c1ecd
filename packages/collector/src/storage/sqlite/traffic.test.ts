import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';
import { oldEventsShape } from '../../testing/old-events.js';
import { scoringSetup as setup, start } from '../../testing/scoring.js';

const minute = 60_000;
const hour = 60 * minute;

/** Both rollup tables, without the rows a moved session left at zero (the backfill never writes those). */
function rollups(path: string) {
  const db = new Database(path, { readonly: true });
  const tables = {
    hours: db.prepare('SELECT * FROM hourly_traffic WHERE sessions OR pageviews OR bounces OR duration_ms ORDER BY site_id, hour').all(),
    lists: db.prepare('SELECT * FROM daily_dimensions WHERE count != 0 ORDER BY site_id, dimension, day, value').all(),
  };
  db.close();
  return tables;
}

describe('migration 7', () => {
  it('backfills the traffic rollups from stored sessions and events to exactly what live ingest built', async () => {
    const { store, path, send } = await setup();
    const late = start - 11 * hour; // the evening before
    await send(
      start,
      { name: 'page', visitor: 'ada', ts: start, url: 'https://shop.example/?utm_source=news&utm_campaign=spring' },
      { name: 'page', visitor: 'ben', ts: start, referrer: 'https://search.example/' },
      { name: 'product_view', visitor: 'ben', ts: start + minute },
    );
    await send(start + 30 * minute, { name: 'page', visitor: 'ada', ts: start + 20 * minute, url: 'https://shop.example/cart' });
    await send(start + 40 * minute, { name: 'page', visitor: 'cy', ts: late, url: 'https://shop.example/a%09b?utm_campaign=%3Cimg%3E' });
    await send(start + 50 * minute, { name: 'page', visitor: 'ben', ts: late + 5 * minute, url: 'https://shop.example/?utm_source=mail' });
    await send(start + 2 * hour, { name: 'page', visitor: 'ada', session: 'again', ts: start + 2 * hour });
    const live = rollups(path);
    expect(live.hours.length).toBeGreaterThan(1);
    await store.close();

    const db = new Database(path);
    // Migration 7 again on the same data: its backfill must rebuild what live ingest built.
    oldEventsShape(db);
    db.exec('DROP TABLE hourly_traffic; DROP TABLE daily_dimensions;');
    db.exec(migrations.find((m) => m.version === 7)!.sql);
    db.close();
    expect(rollups(path)).toEqual(live);
  });
});
