import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';
import { oldEventsShape } from '../../testing/old-events.js';
import { scoringSetup as setup, start } from '../../testing/scoring.js';

const minute = 60_000;

/** What clustering counted per person, without where each was placed. */
function counts(path: string) {
  const db = new Database(path, { readonly: true });
  const tables = {
    features: db.prepare('SELECT profile_id, site_id, purchases, purchase_value, desktop, tablet, phone, catalog FROM profile_features ORDER BY profile_id').all(),
    // The columns migration 14 made: migration 21 added the site.
    categories: db.prepare('SELECT profile_id, category, count FROM profile_categories ORDER BY profile_id, category').all(),
  };
  db.close();
  return tables;
}

describe('migration 14', () => {
  it('backfills the clustering counts from stored events to exactly what live ingest counted', async () => {
    const { store, path, send } = await setup();
    await send(
      start,
      { name: 'product_view', visitor: 'ada', props: { category: 'Coffee' } },
      { name: 'product_view', visitor: 'ada', props: { category: ' Kitchen ' } },
      { name: 'purchase', visitor: 'ada', props: { value: 42.5, items: [{ category: 'Coffee' }, { category: 'Audio' }, 'odd', { category: 7 }] } },
      { name: 'product_view', visitor: 'ben', props: { category: 'Audio' } },
      { name: 'purchase', visitor: 'ben', props: { value: -3, items: { category: 'Audio' } } },
      { name: 'page', visitor: 'cy' },
    );
    // Ben's second browser joins him by identity: its events count for him.
    await send(start + minute, { name: 'product_view', visitor: 'ben-phone', user: 'ben@example.com', props: { category: 'Outdoor' } });
    await send(start + 2 * minute, { name: 'page', visitor: 'ben', user: 'ben@example.com' });
    const live = counts(path);
    expect(live.features).toHaveLength(3);
    expect(live.categories.length).toBeGreaterThan(3);
    await store.close();

    const db = new Database(path);
    oldEventsShape(db);
    db.exec('DROP TABLE profile_features; DROP TABLE profile_categories; DROP TABLE cluster_models; DROP TABLE cluster_settings; DROP TABLE cluster_stats;');
    db.exec(migrations.find((m) => m.version === 14)!.sql);
    db.close();
    expect(counts(path)).toEqual(live);
  });
});
