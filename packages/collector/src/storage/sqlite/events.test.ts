import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';
import { uuidToBytes } from '../uuid-bytes.js';
import { openStore } from '../store.js';
import { splitUrl } from '../../model/urls.js';
import { eventRow, tempDbPath, uuidv7 } from '../../testing/events.js';
import type { EventRow } from '../../model/event.js';

// URLs whose origin ends at a path, a query, a fragment or the end, written in odd ways; and none.
const urls = [
  'https://shop.example/product/p1?utm_source=news#top',
  'https://shop.example?q=1',
  'HTTP://Shop.Example#frag',
  'https://shop.example',
  'https://bücher.example/straße?x=/y',
  'http://a/',
  null,
];

const old = (i: number, url: string | null) => ({
  id: uuidToBytes(uuidv7(1_000 + i)), site_id: 1, type: 'page', name: 'page', ts: 1_000 + i, client_ts: 999 + i, received_at: 1_100 + i,
  visitor_id: `v${i % 2}`, session_id: `s${i % 2}`, user_id: null, url, path: null, title: `t${i}`, referrer: i % 3 ? 'https://ref.example/x' : null,
  referrer_host: i % 3 ? 'ref.example' : null, utm_source: i === 0 ? 'news' : null, utm_medium: null, utm_campaign: null, utm_term: null, utm_content: null,
  click_id_type: null, click_id: null, screen: '1280x800', language: 'en', timezone: 'UTC', device: 'desktop', browser: 'Chrome', os: 'Linux',
  country: 'NO', city: 'Oslo', props: i % 2 ? '{"a":1}' : null, traits: null,
});

describe('migration 17', () => {
  it('keeps every event as it was, each pointing at a context its session shares, cut where splitUrl cuts', async () => {
    const path = tempDbPath();
    const db = new Database(path);
    for (const migration of migrations.filter((m) => m.version <= 16)) db.exec(migration.sql);
    db.prepare("INSERT INTO sites (id, key, created_at) VALUES (1, 'shop', 0)").run();
    // Two more pages of the fourth event's session: same origin, source, device and place.
    const rows = [...urls.map((url, i) => old(i, url)), ...['/cart', '/checkout'].map((page, i) => ({ ...old(3, `https://shop.example${page}`), id: uuidToBytes(uuidv7(2_000 + i)), ts: 2_000 + i }))];
    const insert = db.prepare(`INSERT INTO events (${Object.keys(rows[0]!).join(', ')}) VALUES (${Object.keys(rows[0]!).map((k) => `@${k}`).join(', ')})`);
    for (const row of rows) insert.run(row);
    db.exec(migrations.find((m) => m.version === 17)!.sql);

    const after = db.prepare('SELECT * FROM events_full ORDER BY seq').all() as Record<string, unknown>[];
    expect(after.map(({ seq: _seq, ...rest }) => rest)).toEqual(rows.map(({ path: _path, ...rest }) => rest));
    const cut = db.prepare('SELECT c.origin, e.page FROM events e JOIN event_contexts c ON c.id = e.context_id ORDER BY e.seq').all();
    expect(cut).toEqual(rows.map(({ url }) => (url === null ? { origin: null, page: null } : splitUrl(url))));
    // Same origin, source, campaign, device and place: one context, however many events.
    const contextOf = db.prepare<[number], number>('SELECT context_id FROM events WHERE seq = ?').pluck();
    expect(contextOf.get(8)).toBe(contextOf.get(4));
    expect(contextOf.get(9)).toBe(contextOf.get(4));
    const contexts = () => (db.prepare('SELECT count(*) AS n FROM event_contexts').get() as { n: number }).n;
    expect(contexts()).toBe(urls.length);
    db.pragma('user_version = 17');

    // A new event of that session finds the context the migration keyed in SQL: both key alike.
    const store = openStore(path);
    const event: EventRow = {
      id: uuidv7(3_000), siteId: 1, type: 'page', name: 'page', ts: 3_000, clientTs: 3_000, receivedAt: 3_000, visitorId: 'v1', sessionId: 's1',
      userId: null, url: 'https://shop.example/thanks', path: '/thanks', title: null, referrer: null, referrerHost: null, utmSource: null,
      utmMedium: null, utmCampaign: null, utmTerm: null, utmContent: null, clickIdType: null, clickId: null, screen: '1280x800', language: 'en',
      timezone: 'UTC', device: 'desktop', browser: 'Chrome', os: 'Linux', country: 'NO', city: 'Oslo', props: null, traits: null,
    };
    await store.events.insert([event]);
    await store.close();
    expect(contexts()).toBe(urls.length);
    expect(contextOf.get(10)).toBe(contextOf.get(4));
    db.close();
  });
});

describe('lean event rows', () => {
  it('stores a session once as a context, and gives every event back whole, many rows to a statement', async () => {
    const store = openStore(tempDbPath());
    const site = await store.sites.save('shop', ['shop.example'], 0);
    const batch = Array.from({ length: 85 }, (_, i) => eventRow({ siteId: site.id, ts: 1_000 + i, url: `https://shop.example/p/${i}`, path: `/p/${i}` }));
    const again = { ...batch[3]! };
    expect(await store.events.insert([...batch, again])).toEqual(batch);
    expect(await store.events.insert(batch.slice(0, 5))).toEqual([]);
    const stored = await store.events.exportPage(site.id, 0, 10_000, null, 1_000);
    expect(stored).toHaveLength(85);
    expect(stored.map((e) => e.url)).toEqual(batch.map((e) => e.url));
    expect(stored[0]).toMatchObject({ referrer: 'https://ref.example/', screen: '1x1', device: 'phone', country: 'SE', title: 'A', props: '{"n":1}' });
    expect(await store.events.recentOfPeople(site.id, [0], 1)).toEqual(new Map([[0, []]]));
    await store.close();
  });
});
