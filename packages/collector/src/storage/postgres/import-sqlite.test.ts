// pulse import: a seeded SQLite database arrives in PostgreSQL row for row, and the collectors on it go on from there.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openStore } from '../store.js';
import { openPgStore } from './store.js';
import { importSqlite } from './import-sqlite.js';
import { freshPerTest } from '../../testing/postgres.js';
import { desktopChrome, tempDbPath, uuidv7, wireEvent } from '../../testing/events.js';
import { windowStart } from '../../seed/calendar.js';
import { seed } from '../../seed/seed.js';
import { shopSite } from '../../seed/setup.js';
import { addSite } from '../../sites/sites.js';
import { localWriter } from '../../engine/commands.js';
import { ingestBatch } from '../../ingest/ingest.js';
import { runCli } from '../../testing/cli.js';

const end = Date.UTC(2026, 10, 1, 15, 30);
const fresh = freshPerTest();
const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});

/** A SQLite file filled as `pulse seed` fills it: the demo shop's events, profiles, segments, funnels, calls and placements. */
async function seededFile(): Promise<string> {
  const path = tempDbPath();
  const store = openStore(path);
  const site = await shopSite(store, 'demo', windowStart(end, 14));
  await seed(store, site, { events: 2_000, profiles: 200, days: 14, site: 'demo', end, seed: 3, geo: null });
  await store.close();
  return path;
}

const tableNames = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);

// Rows as comparable text, in one order on both sides whatever order each backend returns them in.
const sortedRows = (rows: Record<string, unknown>[]) =>
  rows.map((row) => JSON.stringify(Object.keys(row).sort().map((key) => [key, row[key] instanceof Buffer ? (row[key] as Buffer).toString('hex') : row[key]]))).sort();

describe('pulse import (SQLite into PostgreSQL)', () => {
  it('copies every table row for row, and a collector on PostgreSQL goes on from there', async () => {
    const path = await seededFile();
    const target = await fresh();
    const summary = await importSqlite(path, target.url);

    const sqlite = new Database(path, { readonly: true });
    opened.push(sqlite);
    let rows = 0;
    for (const table of tableNames(sqlite)) {
      const expected = sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      // The copies' version row is PostgreSQL's own: the import moves it to tell running collectors.
      const actual = ((await target.pool.query(`SELECT * FROM ${table}`)).rows as Record<string, unknown>[]).filter((row) => row.key !== 'copies_version');
      expect(sortedRows(actual), table).toEqual(sortedRows(expected));
      rows += expected.length;
    }
    expect(summary.rows).toBe(rows);
    expect(rows).toBeGreaterThan(2_000);

    // New rows take new ids after the copied ones, and the engine scores the next event on top of the copied profile.
    const store = await openPgStore(target.url, { connections: 2 });
    opened.push(store);
    const before = (await store.sites.list()).map((site) => site.id);
    const added = await addSite(store, ['other.example'], end, 'other');
    expect(added.id).toBe(Math.max(...before) + 1);
    const demo = (await store.sites.byKey('demo'))!;
    const person = (await store.profiles.top(demo.id, 1))[0]!;
    const visitor = sqlite.prepare('SELECT visitor_id FROM profile_visitors WHERE profile_id = ?').pluck().get(person.id) as string;
    const eventsBefore = person.events;
    const answer = await ingestBatch(
      { store, writer: localWriter(store), geo: null },
      {
        body: { site: 'demo', events: [wireEvent({ id: uuidv7(end), type: 'track', name: 'purchase', ts: end, visitor_id: visitor, session_id: 'after-import' })] },
        origin: undefined,
        userAgent: desktopChrome,
        ip: undefined,
        receivedAt: end,
      },
    );
    expect(answer).toMatchObject({ accepted: 1, rejected: [] });
    const after = (await store.profiles.ofVisitor(demo.id, visitor))!;
    expect(after.id).toBe(person.id);
    expect(after.events).toBe(eventsBefore + 1);
  }, 60_000);

  it('refuses a database that already holds data, naming where', async () => {
    const path = await seededFile();
    const target = await fresh();
    await target.pool.query("INSERT INTO sites (key, created_at) VALUES ('there', 1)");
    await expect(importSqlite(path, target.url)).rejects.toThrow(/already holds data \(in sites\)/);
  }, 60_000);

  it('stops at a value PostgreSQL refuses, naming the table, and leaves the target empty', async () => {
    const path = await seededFile();
    // SQLite keeps whatever it is given; a damaged file can hold text in a number column.
    const damaged = new Database(path);
    damaged.prepare("UPDATE profiles SET events = 'many' WHERE id = (SELECT max(id) FROM profiles)").run();
    damaged.close();
    const target = await fresh();
    await expect(importSqlite(path, target.url)).rejects.toThrow(/^profiles: PostgreSQL refused a row: invalid input syntax for type bigint: "many"/);
    const left = await target.pool.query<{ n: number }>(
      "SELECT sum((xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM ' || table_name, false, true, '')))[1]::text::bigint)::bigint AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_version'",
    );
    expect(left.rows[0]!.n).toBe(0);
  }, 60_000);

  it('runs as pulse import FILE --db URL: rows and time on success, exit 1 and nothing written on a refusal, exit 2 on bad usage', async () => {
    const path = await seededFile();
    const target = await fresh();
    const done = await runCli(['import', path, '--db', target.url]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^imported [\d,]+ rows of \d+ tables in [\d.]+ s into postgres:\/\//);
    expect(done.stderr).toMatch(/events: 2,000 rows in/);
    const again = await runCli(['import', path], { PULSE_DB: target.url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds data .*nothing was written/);

    const notPostgres = await runCli(['import', path, '--db', tempDbPath()]);
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.stderr).toMatch(/--db: pulse import copies into PostgreSQL/);
    const missing = await runCli(['import', '/nonexistent/pulse.db', '--db', target.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\/nonexistent\/pulse\.db: no such file/);
    expect((await runCli(['import', '--db', target.url])).code).toBe(2);
  }, 90_000);
});
