import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openStore } from '../storage/store.js';
import { tempDbPath } from '../testing/events.js';
import { windowStart } from './calendar.js';
import { loadCatalog } from './catalog.js';
import { seed } from './seed.js';
import { shopSite } from './setup.js';
import { traffic } from './traffic.js';

const end = Date.UTC(2025, 5, 1, 15, 30);
const days = 30;

async function seeded(events: number, profiles: number, runSeed = 7) {
  const path = tempDbPath();
  const store = openStore(path);
  const site = await shopSite(store, 'demo', windowStart(end, days));
  const summary = await seed(store, site, { events, profiles, days, site: 'demo', end, seed: runSeed, geo: null });
  await store.close();
  const db = new Database(path, { readonly: true });
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return { summary, db, all, one };
}

describe('pulse seed', () => {
  it('stores exactly the events asked for, one profile per person, in the window, through the real ingest', async () => {
    const { summary, db, all, one } = await seeded(3_000, 300);
    expect(summary.events).toBe(3_000);
    expect(one('SELECT count(*) AS n FROM events')).toBe(3_000);
    // Everyone makes at least one event, and identity merges only a person's own browsers.
    expect(summary.profiles).toBe(300);
    expect(one('SELECT count(*) AS n FROM profiles')).toBe(300);
    expect(one(`SELECT count(*) AS n FROM events WHERE ts < ${windowStart(end, days)} OR ts >= ${end}`)).toBe(0);
    // Batches reach the collector in the order of their time, as from real browsers.
    const received = all<{ received_at: number }>('SELECT received_at FROM events ORDER BY seq').map((row) => row.received_at);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    // The shop's admin settings: points for its events and segments that fill up.
    expect(one("SELECT points AS n FROM event_definitions WHERE name = 'purchase'")).toBe(20);
    expect(one('SELECT count(DISTINCT segment_id) AS n FROM segment_members')).toBeGreaterThan(3);
    // The checkout funnel, counted as the traffic came: each step reached by fewer attempts than the one before.
    expect(one("SELECT computing AS n FROM funnels WHERE name = 'Checkout'")).toBe(0);
    const steps = all<{ people: number }>('SELECT sum(people) AS people FROM daily_funnel_steps GROUP BY step ORDER BY step').map((row) => row.people);
    expect(steps).toHaveLength(4);
    expect(steps[3]).toBeGreaterThan(0);
    expect(steps).toEqual([...steps].sort((a, b) => b - a));
    db.close();
  });

  it('makes the mix a stats page needs: devices, sources, the funnel, reviews and identified people', async () => {
    const { all, one, db } = await seeded(3_000, 300);
    const column = (sql: string) => all<{ v: string }>(sql).map((row) => row.v);
    expect(column('SELECT DISTINCT device AS v FROM events_full').sort()).toEqual(['desktop', 'phone', 'tablet']);
    expect(column('SELECT DISTINCT browser AS v FROM events_full')).toEqual(expect.arrayContaining(['Chrome', 'Mobile Safari', 'Safari', 'Firefox', 'Edge']));
    expect(column('SELECT DISTINCT referrer_host AS v FROM events_full')).toEqual(expect.arrayContaining(['www.google.com', 'www.bing.com', 'm.facebook.com']));
    expect(column('SELECT DISTINCT utm_source AS v FROM events_full')).toEqual(expect.arrayContaining(['google', 'facebook', 'newsletter']));
    expect(column("SELECT DISTINCT click_id_type AS v FROM events_full WHERE utm_source = 'google'")).toEqual(['gclid']);
    expect(one('SELECT count(*) AS n FROM sessions WHERE referrer_host IS NULL AND utm_source IS NULL')).toBeGreaterThan(0);

    const names: Record<string, number> = Object.fromEntries(all<{ name: string; n: number }>('SELECT name, count(*) AS n FROM events GROUP BY name').map((row) => [row.name, row.n]));
    const count = (name: string) => names[name] ?? 0;
    for (const name of ['page', 'product_view', 'add_to_cart', 'checkout_start', 'purchase', 'search', 'filter', 'sort', 'signup', 'identify', 'engagement', 'review', 'call_click', 'newsletter_signup', 'compare']) {
      expect(count(name), name).toBeGreaterThan(0);
    }
    // A funnel: each step fewer than the one before.
    expect(count('product_view')).toBeGreaterThan(count('add_to_cart'));
    expect(count('add_to_cart')).toBeGreaterThan(count('checkout_start'));
    expect(count('checkout_start')).toBeGreaterThan(count('purchase'));

    // What the shop's pages send no code for comes from its wizard rules, each event naming its rule, and counts as the rule's firings.
    const rules = Object.fromEntries(all<{ name: string; id: number }>("SELECT name, id FROM event_rules").map((row) => [row.name, row.id]));
    expect(column("SELECT DISTINCT json_extract(props, '$.\"$rule\"') AS v FROM events WHERE name = 'newsletter_signup'")).toEqual([rules.newsletter_signup]);
    expect(column("SELECT DISTINCT json_extract(props, '$.\"$rule\"') AS v FROM events WHERE name = 'compare'")).toEqual([rules.compare]);
    expect(column("SELECT DISTINCT json_extract(props, '$.product_id') AS v FROM events WHERE name = 'compare'")).toEqual(expect.arrayContaining(['p1', 'p3']));
    expect(one(`SELECT sum(fires) AS n FROM rule_days WHERE rule_id = ${rules.compare}`)).toBe(count('compare'));

    const purchase = JSON.parse(column("SELECT props AS v FROM events WHERE name = 'purchase' LIMIT 1")[0]!);
    expect(purchase).toMatchObject({ order_id: expect.stringMatching(/^MM-/), currency: 'USD' });
    expect(purchase.items[0]).toEqual({ product_id: expect.any(String), category: expect.any(String), brand: expect.any(String), price: expect.any(Number), quantity: expect.any(Number) });
    expect(purchase.value).toBe(purchase.items.reduce((sum: number, item: { price: number; quantity: number }) => sum + item.price * item.quantity, 0));

    const traits = column("SELECT traits AS v FROM profiles WHERE traits LIKE '%birth_date%' LIMIT 1").map((t) => JSON.parse(t));
    expect(traits[0]).toMatchObject({ email: expect.stringContaining('@'), name: expect.any(String), gender: expect.any(String), birth_date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), communities: expect.any(Array), city: expect.any(String), plan: expect.any(String) });
    expect(one('SELECT count(*) AS n FROM profiles WHERE user_id IS NOT NULL')).toBeGreaterThan(15);
    // The sign-up traits passed the known traits' checks: community types counted for the Who card and clusters.
    expect(one("SELECT count(*) AS n FROM profiles WHERE dimensions LIKE '%\"own\":{\"%'")).toBeGreaterThan(0);
    db.close();
  });

  it('gives the same events for the same seed and others for another', async () => {
    const dump = (run: Awaited<ReturnType<typeof seeded>>) => {
      const rows = run.all('SELECT hex(id) AS id, name, ts, visitor_id, session_id, user_id, url, referrer, props, traits FROM events_full ORDER BY seq');
      run.db.close();
      return rows;
    };
    const first = dump(await seeded(1_000, 100));
    expect(dump(await seeded(1_000, 100))).toEqual(first);
    expect(dump(await seeded(1_000, 100, 8))).not.toEqual(first);
  });

  it('sends each visit as batches of one browser, in time order, with UUIDv7 ids of their own time', () => {
    const catalog = loadCatalog();
    let events = 0;
    for (const batch of traffic({ seed: 3, events: 2_000, profiles: 200, days, end, site: 'demo', base: 'http://localhost:8787/demo/', catalog })) {
      const list = batch.body.events;
      expect(list.length).toBeLessThanOrEqual(20);
      expect(new Set(list.map((e) => e.visitor_id)).size).toBe(1);
      expect(new Set(list.map((e) => e.session_id)).size).toBe(1);
      list.forEach((event, i) => {
        expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(parseInt(event.id.replace(/-/g, '').slice(0, 12), 16)).toBe(event.ts);
        if (i > 0) expect(event.ts).toBeGreaterThanOrEqual(list[i - 1]!.ts);
      });
      expect(batch.receivedAt).toBeGreaterThanOrEqual(list[list.length - 1]!.ts);
      events += list.length;
    }
    expect(events).toBe(2_000);
  });
});
