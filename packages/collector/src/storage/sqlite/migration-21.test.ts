// Migration 21 on a database with data: every row of the tables that gained site_id gets its parent's site, and the schema ends as a new database's.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openStore } from '../store.js';
import { openDatabase } from './database.js';
import { migrations } from './migrations.js';
import { siteParents } from '../site-parents.js';
import { tempDbPath } from '../../testing/events.js';
import { sqliteSchemaLines } from '../../testing/schema-lines.js';
import { simulateLeaseDay } from '../../testing/lease-day.js';
import { localWriter } from '../../engine/commands.js';
import { savePlacement } from '../../engine/personalization.js';
import { parsePlacement } from '../../personalization/validate.js';
import { addWebhookEndpoint, newEndpointSchema } from '../../webhooks/endpoints.js';
import { windowStart } from '../../seed/calendar.js';
import { seed } from '../../seed/seed.js';
import { setUpShop, shopSite } from '../../seed/setup.js';
import { dayOf } from '../../days.js';

const end = Date.UTC(2025, 5, 1, 15, 30);
const days = 30;
const tables = [...siteParents.map((p) => p.table), 'profile_visitors'];

/** How to read a table in its stored order: by rowid, or by its key for a table without one. */
function inOrder(db: Database.Database, schema: string, table: string): string {
  const { sql } = db.prepare(`SELECT sql FROM ${schema}.sqlite_schema WHERE name = ?`).get(table) as { sql: string };
  return /WITHOUT ROWID\s*$/i.test(sql) ? '' : ' ORDER BY rowid';
}

/** A database as this version writes it: the demo shop's month through real ingest, with a webhook, a pool and a placement so every table has rows. */
async function filled(): Promise<{ path: string; siteId: number }> {
  const path = tempDbPath();
  const store = openStore(path);
  const writer = localWriter(store);
  const start = windowStart(end, days);
  const site = await shopSite(store, 'demo', start);
  await setUpShop({ store, writer }, site, start);
  const firstSegment = (await store.segments.list(site.id))[0]!.id;
  const variantId = await store.transaction(async (tx) => {
    await addWebhookEndpoint(tx, site.id, newEndpointSchema.parse({ url: 'http://127.0.0.1:9/hooks', segments: [firstSegment] }), start);
    const placement = await savePlacement(tx, site.id, parsePlacement({ id: 'hero', label: 'Home hero', variants: [{ name: 'Sale', content: { kind: 'content', title: 'Sale' } }] }), end);
    if ('field' in placement) throw new Error(placement.message);
    return placement.variants[0]!.id;
  });
  await seed(store, site, { events: 3_000, profiles: 300, days, site: 'demo', end, seed: 7, geo: null }, writer);
  await simulateLeaseDay(writer, { siteId: site.id, poolSize: 5, sessions: 200, day: dayOf(end) });
  await store.transaction((tx) => tx.personalization.addVariantDay(site.id, variantId, dayOf(end), 3, 1));
  await store.close();
  return { path, siteId: site.id };
}

/** The same rows in a database at version 20: its tables as migrations 1–20 made them, each filled with the columns it had then. */
function asVersion20(from: string): string {
  const path = tempDbPath();
  const db = new Database(path);
  db.pragma('foreign_keys = OFF');
  for (const migration of migrations.filter((m) => m.version <= 20)) db.exec(migration.sql);
  db.pragma('user_version = 20');
  db.exec(`ATTACH DATABASE '${from}' AS now`);
  const old = db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const name of old) {
    const columns = (db.pragma(`main.table_info(${name})`) as { name: string }[]).map((c) => c.name).join(', ');
    db.exec(`INSERT INTO main.${name} (${columns}) SELECT ${columns} FROM now.${name}${inOrder(db, 'now', name)}`);
  }
  // A row whose person is gone, as nothing should have left: the migration drops it, as no read could reach it.
  db.exec('INSERT INTO main.score_history (profile_id, day, score) VALUES (999999, 1, 1)');
  db.exec('DETACH DATABASE now');
  db.close();
  return path;
}

/** Each table's rows in their stored order. */
function rowsOf(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  const rows = Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table}${inOrder(db, 'main', table)}`).raw().all()]));
  db.close();
  return rows;
}

describe('migration 21', () => {
  it('gives every row of a filled database its site from its parent, loses none, and leaves the schema a new database has', async () => {
    const { path, siteId } = await filled();
    const written = rowsOf(path);
    for (const table of tables) expect(written[table]!.length, `${table} has rows to migrate`).toBeGreaterThan(0);

    const migrated = asVersion20(path);
    const db = openDatabase(migrated);
    for (const table of tables) {
      const sites = db.prepare(`SELECT site_id AS siteId, count(*) AS n FROM ${table} GROUP BY site_id`).all();
      expect(sites, table).toEqual([{ siteId, n: written[table]!.length }]);
    }
    const fresh = openDatabase(tempDbPath());
    expect(sqliteSchemaLines(db)).toEqual(sqliteSchemaLines(fresh));
    fresh.close();
    db.close();
    expect(rowsOf(migrated)).toEqual(written);
  });
});
