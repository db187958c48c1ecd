// A schema as sorted lines in one vocabulary for SQLite and PostgreSQL, so two can be compared and a difference reads as a line diff.
import type pg from 'pg';
import type { Db } from '../storage/sqlite/database.js';

/** SQLite's declared types by the PostgreSQL type each becomes (postgres/migrations.ts). */
const pgType: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea', REAL: 'double precision' };

const columnLine = (table: string, name: string, type: string, notNull: boolean, dflt: string | null) =>
  `column ${table}.${name} ${type}${notNull ? ' not null' : ''}${dflt === null ? '' : ` default ${dflt}`}`;
const list = (names: string[]) => `(${names.join(', ')})`;

export function sqliteSchemaLines(db: Db): string[] {
  const lines: string[] = [];
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")
    .all() as { type: 'table' | 'view'; name: string; sql: string }[];
  for (const { type, name: table, sql } of objects) {
    const columns = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
    if (type === 'view') {
      lines.push(`view ${table} ${list(columns.map((c) => c.name))}`);
      continue;
    }
    lines.push(`table ${table}`);
    const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    // A primary key is never null in a WITHOUT ROWID table or as the rowid itself, whatever the column says.
    const keyNotNull = /WITHOUT ROWID\s*$/i.test(sql) || (key.length === 1 && key[0]!.type === 'INTEGER');
    for (const c of columns) {
      const type = pgType[c.type];
      if (!type) throw new Error(`${table}.${c.name} has the type ${c.type}, which postgres/migrations.ts does not map`);
      lines.push(columnLine(table, c.name, type, c.notnull === 1 || (c.pk > 0 && keyNotNull), c.dflt_value));
    }
    if (key.length > 0) lines.push(`primary key ${table} ${list(key.map((c) => c.name))}`);
    for (const _ of sql.matchAll(/\bCHECK\s*\(/gi)) lines.push(`check ${table}`);

    const foreign = db.pragma(`foreign_key_list(${table})`) as { id: number; table: string; from: string; to: string; on_delete: string }[];
    for (const id of new Set(foreign.map((f) => f.id))) {
      const parts = foreign.filter((f) => f.id === id);
      lines.push(`foreign key ${table} ${list(parts.map((f) => f.from))} references ${parts[0]!.table} ${list(parts.map((f) => f.to))} on delete ${parts[0]!.on_delete.toLowerCase()}`);
    }

    const indexes = db.pragma(`index_list(${table})`) as { name: string; unique: number; origin: 'c' | 'u' | 'pk'; partial: number }[];
    for (const index of indexes) {
      const keyColumns = (db.pragma(`index_xinfo(${index.name})`) as { cid: number; name: string | null; desc: number; key: number }[]).filter((c) => c.key === 1);
      if (index.origin === 'u') lines.push(`unique ${table} ${list(keyColumns.map((c) => c.name!))}`);
      if (index.origin !== 'c') continue;
      const columnsText = keyColumns.map((c) => `${c.cid === -2 ? '(expression)' : c.name}${c.desc ? ' desc' : ''}`);
      lines.push(`${index.unique ? 'unique ' : ''}index ${index.name} on ${table} ${list(columnsText)}${index.partial ? ' where …' : ''}`);
    }
  }
  return lines.sort();
}

const onDelete: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/** The public schema's lines, leaving out the tables named (such as the migrations' own bookkeeping). */
export async function postgresSchemaLines(pool: pg.Pool, leaveOut: string[] = []): Promise<string[]> {
  const lines: string[] = [];
  const { rows: objects } = await pool.query<{ table_name: string; table_type: string }>(
    "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY ordinal_position",
  );
  for (const { table_name: table, table_type: type } of objects) {
    if (leaveOut.includes(table)) continue;
    const own = columns.filter((c) => c.table_name === table);
    if (type === 'VIEW') {
      lines.push(`view ${table} ${list(own.map((c) => c.column_name))}`);
      continue;
    }
    lines.push(`table ${table}`);
    // '[]'::text is SQLite's '[]': the cast is how PostgreSQL shows a literal's type.
    for (const c of own) lines.push(columnLine(table, c.column_name, c.data_type, c.is_nullable === 'NO', c.column_default?.replace(/::[a-z ]+$/, '') ?? null));
  }

  const { rows: constraints } = await pool.query<{ table: string; type: string; columns: string[]; ref: string; ref_columns: string[]; on_delete: string }>(`
    SELECT conrelid::regclass::text AS table, contype AS type, confrelid::regclass::text AS ref, confdeltype AS on_delete,
      array(SELECT attname FROM unnest(conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute ON attrelid = conrelid AND attnum = k.n ORDER BY k.i)::text[] AS columns,
      array(SELECT attname FROM unnest(confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute ON attrelid = confrelid AND attnum = k.n ORDER BY k.i)::text[] AS ref_columns
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace`);
  for (const c of constraints) {
    if (leaveOut.includes(c.table)) continue;
    if (c.type === 'p') lines.push(`primary key ${c.table} ${list(c.columns)}`);
    if (c.type === 'u') lines.push(`unique ${c.table} ${list(c.columns)}`);
    if (c.type === 'c') lines.push(`check ${c.table}`);
    if (c.type === 'f') lines.push(`foreign key ${c.table} ${list(c.columns)} references ${c.ref} ${list(c.ref_columns)} on delete ${onDelete[c.on_delete]}`);
  }

  // Indexes of their own, not those behind a primary key or unique constraint (listed above as constraints).
  const { rows: indexes } = await pool.query<{ name: string; table: string; unique: boolean; partial: boolean; columns: string[] }>(`
    SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique, x.indpred IS NOT NULL AS partial,
      array(SELECT pg_get_indexdef(x.indexrelid, k, true) || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' desc' ELSE '' END
            FROM generate_series(1, x.indnkeyatts) k ORDER BY k)::text[] AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))`);
  for (const index of indexes) {
    if (leaveOut.includes(index.table)) continue;
    lines.push(`${index.unique ? 'unique ' : ''}index ${index.name} on ${index.table} ${list(index.columns)}${index.partial ? ' where …' : ''}`);
  }
  return lines.sort();
}
