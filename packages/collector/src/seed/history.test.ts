// The demo's first-start history: a month of traffic into a new demo database, and never a second time.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openStore } from '../storage/store.js';
import { localWriter } from '../engine/commands.js';
import { tempDbPath } from '../testing/events.js';
import { dayMs } from '../days.js';
import { addSite } from '../sites/sites.js';
import { demoHistory, shopHistoryOnFirstStart } from './history.js';

const now = Date.UTC(2025, 5, 1, 15, 30);

describe('the demo history at first start', () => {
  it('fills a new demo site with a month of traffic, its segments and clusters, and leaves it alone on the next start', async () => {
    const path = tempDbPath();
    const store = openStore(path);
    const site = await addSite(store, ['localhost', '127.0.0.1'], now, 'demo');
    const writer = localWriter(store);
    const told: string[] = [];
    const deps = { store, writer, geo: null };

    const first = await shopHistoryOnFirstStart(deps, site, now, (message) => told.push(message));
    expect(first).toMatchObject({ events: demoHistory.events, profiles: demoHistory.profiles, duplicates: 0 });
    expect(told).toEqual([expect.stringMatching(/^demo: 30 days of the shop's history generated at first start: 30,000 events, 3,000 people, in [\d.]+ s/)]);
    expect((await store.segments.list(site.id)).map((segment) => segment.name)).toEqual(expect.arrayContaining(['Hot leads', 'E-commerce Buyers']));
    expect((await store.clusters.model(site.id))?.model.centroids.length).toBeGreaterThan(1);

    expect(await shopHistoryOnFirstStart(deps, site, now + dayMs, (message) => told.push(message))).toBeNull();
    expect(told).toHaveLength(1);
    await writer.close();
    await store.close();

    const db = new Database(path, { readonly: true });
    const { n, first: oldest, last } = db.prepare('SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM events').get() as { n: number; first: number; last: number };
    db.close();
    expect(n).toBe(demoHistory.events);
    expect(last).toBeLessThan(now);
    expect(oldest).toBeGreaterThanOrEqual(now - demoHistory.days * dayMs);
    expect(now - oldest).toBeGreaterThan((demoHistory.days - 1) * dayMs);
  });
});
