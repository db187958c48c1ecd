// The schema obeys what Citus asks of a layout distributed by site_id, and the README shows the layout as the code has it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshPerTest } from '../../testing/postgres.js';
import { citusLayout, distributedTables, referenceTables } from './citus-layout.js';

const reference = new Set<string>(referenceTables);

interface Key { table: string; kind: string; columns: string[] }
interface ForeignKey { table: string; columns: string[]; ref: string; refColumns: string[] }

describe('the Citus layout', () => {
  const fresh = freshPerTest();

  const schema = async () => {
    const { pool } = await fresh();
    const tables = (await pool.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'",
    )).rows.map((r) => r.name);
    const siteColumns = (await pool.query<{ table: string; nullable: string }>(
      "SELECT table_name AS table, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'site_id'",
    )).rows;
    // Primary keys, unique constraints and unique indexes alike: Citus enforces none across nodes.
    const keys = (await pool.query<Key>(`
      SELECT t.relname AS table, CASE WHEN x.indisprimary THEN 'primary key' ELSE 'unique ' || i.relname END AS kind,
        array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k ORDER BY k)::text[] AS columns
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE x.indisunique AND t.relnamespace = 'public'::regnamespace AND t.relname <> 'schema_version'`)).rows;
    const foreignKeys = (await pool.query<ForeignKey>(`
      SELECT conrelid::regclass::text AS table, confrelid::regclass::text AS ref,
        array(SELECT attname FROM unnest(conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute ON attrelid = conrelid AND attnum = k.n ORDER BY k.i)::text[] AS columns,
        array(SELECT attname FROM unnest(confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute ON attrelid = confrelid AND attnum = k.n ORDER BY k.i)::text[] AS "refColumns"
      FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`)).rows;
    return { tables, siteColumns, keys, foreignKeys };
  };

  it('names every table once, as a reference table or a distributed one', async () => {
    const { tables } = await schema();
    expect([...referenceTables, ...distributedTables].sort()).toEqual([...tables].sort());
  });

  it('gives every distributed table a site_id that is never null, in every key', async () => {
    const { siteColumns, keys } = await schema();
    for (const table of distributedTables) expect(siteColumns.find((c) => c.table === table), table).toEqual({ table, nullable: 'NO' });
    const without = keys.filter((k) => !reference.has(k.table) && !k.columns.includes('site_id'));
    expect(without.map((k) => `${k.kind} ${k.table} (${k.columns.join(', ')})`)).toEqual([]);
  });

  it('keys foreign keys between distributed tables by site_id on both sides, and points reference tables only at reference tables', async () => {
    const { foreignKeys } = await schema();
    const broken = foreignKeys.filter(({ table, columns, ref, refColumns }) => {
      if (reference.has(table)) return !reference.has(ref);
      if (reference.has(ref)) return false;
      const at = columns.indexOf('site_id');
      return at < 0 || refColumns[at] !== 'site_id';
    });
    expect(broken.map((f) => `${f.table} (${f.columns.join(', ')}) → ${f.ref} (${f.refColumns.join(', ')})`)).toEqual([]);
  });

  it('distributes a parent before the tables whose foreign keys point at it', async () => {
    const { foreignKeys } = await schema();
    const order = (table: string) => distributedTables.indexOf(table as (typeof distributedTables)[number]);
    const early = foreignKeys.filter((f) => !reference.has(f.ref) && order(f.ref) > order(f.table));
    expect(early.map((f) => `${f.table} before ${f.ref}`)).toEqual([]);
  });

  it("is the layout the README's Citus section tells a deployment to run", () => {
    const readme = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8');
    expect(readme.includes(citusLayout()), 'README.md holds citusLayout() word for word').toBe(true);
  });
});
