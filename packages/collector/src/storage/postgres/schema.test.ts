// PostgreSQL's schema is SQLite's (tables, columns, keys, indexes), and migrating it is safe to repeat and to race.
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../testing/events.js';
import { freshPerTest } from '../../testing/postgres.js';
import { postgresSchemaLines, sqliteSchemaLines } from '../../testing/schema-lines.js';
import { openDatabase } from '../sqlite/database.js';
import { migrations as sqliteMigrations } from '../sqlite/migrations.js';
import { openPool, migratePostgres } from './database.js';
import { migrations } from './migrations.js';
import { distributedTables } from './citus-layout.js';

// Where PostgreSQL differs on purpose (postgres/migrations.ts says why): SQLite's line, and PostgreSQL's instead.
const intended = new Map([
  ['unique index event_contexts_key on event_contexts (site_id, key)', 'unique index event_contexts_key on event_contexts (site_id, md5(key))'],
]);

const distributed = new Set<string>(distributedTables);

/**
 * SQLite's line as PostgreSQL has it, or null for none. An id SQLite assigns is its rowid, which must be
 * the whole key: where PostgreSQL keys a distributed table by (site_id, id), as Citus needs, SQLite keys
 * it by id, with a unique index on (site_id, id) named `<table>_site_key` for foreign keys to point at.
 */
function asPostgres(line: string): string | null {
  const rowidKey = /^primary key (\w+) \((\w+)\)$/.exec(line);
  if (rowidKey && distributed.has(rowidKey[1]!) && rowidKey[2] !== 'site_id') return `primary key ${rowidKey[1]} (site_id, ${rowidKey[2]})`;
  if (/^unique index (\w+)_site_key on \1 \(site_id, id\)$/.test(line)) return null;
  return intended.get(line) ?? line;
}

const latest = migrations.at(-1)!.version;

describe("PostgreSQL's schema", () => {
  const fresh = freshPerTest();

  it("is at SQLite's latest version", () => {
    expect(latest).toBe(sqliteMigrations.at(-1)!.version);
  });

  it("has SQLite's tables, columns, keys, checks and indexes", async () => {
    const sqlite = openDatabase(tempDbPath());
    const expected = sqliteSchemaLines(sqlite).flatMap((line) => asPostgres(line) ?? []).sort();
    sqlite.close();
    const { pool } = await fresh();
    // Lines, so a difference shows as the lines only one side has.
    expect(await postgresSchemaLines(pool, ['schema_version'])).toEqual(expected);
  });

  it('keeps its version in one row', async () => {
    const { pool } = await fresh();
    expect((await pool.query('SELECT version FROM schema_version')).rows).toEqual([{ version: latest }]);
  });

  it('migrates an empty database, and a second time does nothing', async () => {
    const { pool } = await fresh({ migrated: false });
    await migratePostgres(pool);
    const once = await postgresSchemaLines(pool);
    await migratePostgres(pool);
    expect(await postgresSchemaLines(pool)).toEqual(once);
    expect((await pool.query('SELECT version FROM schema_version')).rows).toEqual([{ version: latest }]);
  });

  it('is migrated once when several collectors start at the same time', async () => {
    const { url } = await fresh({ migrated: false });
    const pools = await Promise.all(Array.from({ length: 4 }, () => openPool(url, { max: 1 })));
    try {
      await Promise.all(pools.map((pool) => migratePostgres(pool)));
      expect((await pools[0]!.query('SELECT version FROM schema_version')).rows).toEqual([{ version: latest }]);
      const { pool: template } = await fresh();
      expect(await postgresSchemaLines(pools[0]!)).toEqual(await postgresSchemaLines(template));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
