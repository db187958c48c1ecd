// Copies a SQLite database into an empty PostgreSQL one with COPY, in one transaction: the way from one machine to several collectors, keeping every event, profile and rollup.
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Db } from '../sqlite/database.js';
import { migratePostgres, openPool } from './database.js';
import { announceCopies } from './copies-version.js';

export interface ImportProgress {
  table: string;
  rows: number;
  seconds: number;
}

export interface ImportSummary {
  tables: ImportProgress[];
  rows: number;
  seconds: number;
}

/** Why an import stopped before writing anything: a target in use, schemas out of step, a value PostgreSQL refuses. */
export class ImportError extends Error {}

interface Column {
  name: string;
  type: string;
  identity: boolean;
}

// The version rows are each backend's own (PRAGMA user_version in SQLite).
const ownTables = new Set(['schema_version']);
// Rows are sent in chunks of about this many characters; more only fills memory while PostgreSQL parses.
const chunkChars = 1 << 20;

/**
 * Reads the SQLite file at `path` (brought to the latest schema first, as a collector starting on it
 * would) in one read transaction, so a collector still writing to it cannot tear the copy; the
 * PostgreSQL database at `url` is migrated and must hold no data. Tables go parents first, each in
 * one COPY; identity sequences then continue after the largest id, and running collectors are told
 * to drop what they copied of the empty database. All or nothing: a failure leaves the target empty.
 */
export async function importSqlite(path: string, url: string, progress: (done: ImportProgress) => void = () => {}): Promise<ImportSummary> {
  const started = performance.now();
  const source = openDatabase(path);
  const pool = await openPool(url, { max: 1 });
  try {
    await migratePostgres(pool);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const tables = await copyOrder(client);
      checkInStep(source, tables);
      await refuseData(client, [...tables.keys()]);
      const done: ImportProgress[] = [];
      source.exec('BEGIN');
      try {
        for (const [table, columns] of tables) {
          const tableStarted = performance.now();
          const rows = await copyTable(source, client, table, columns);
          await resumeIdentities(client, table, columns);
          const finished = { table, rows, seconds: Math.round(performance.now() - tableStarted) / 1000 };
          done.push(finished);
          progress(finished);
        }
      } finally {
        source.exec('COMMIT');
      }
      await client.query(announceCopies);
      await client.query('COMMIT');
      // Statistics at once, so the first stats pages are planned on the real sizes rather than an
      // empty database's; and the visibility map set, so counts over an index (a segment's size) read
      // the index alone instead of every row it points to, until autovacuum would have got round to it.
      await client.query('VACUUM (ANALYZE)');
      return { tables: done, rows: done.reduce((sum, table) => sum + table.rows, 0), seconds: Math.round(performance.now() - started) / 1000 };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  } finally {
    source.close();
    await pool.end();
  }
}

/** PostgreSQL's tables with their columns, each after the tables its foreign keys point to. */
async function copyOrder(client: pg.PoolClient): Promise<Map<string, Column[]>> {
  const { rows: columns } = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity FROM information_schema.columns c
     JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
     JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  const byTable = new Map<string, Column[]>();
  for (const column of columns) {
    if (ownTables.has(column.table_name)) continue;
    const list = byTable.get(column.table_name) ?? [];
    list.push({ name: column.column_name, type: column.data_type, identity: column.is_identity === 'YES' });
    byTable.set(column.table_name, list);
  }
  const ordered = new Map<string, Column[]>();
  const visit = (table: string, path: string[]) => {
    if (ordered.has(table)) return;
    if (path.includes(table)) throw new ImportError(`foreign keys go round in a circle: ${[...path, table].join(' → ')}`);
    for (const { parent } of references.filter((reference) => reference.child === table && reference.parent !== table)) visit(parent, [...path, table]);
    ordered.set(table, byTable.get(table)!);
  };
  for (const table of [...byTable.keys()].sort()) visit(table, []);
  return ordered;
}

// Both schemas come from migrations kept in step (schema.test.ts); this only guards against copying into another program's database.
function checkInStep(source: Db, tables: Map<string, Column[]>): void {
  const sqliteTables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).sort();
  const postgresTables = [...tables.keys()].sort();
  const missing = sqliteTables.filter((table) => !tables.has(table));
  if (missing.length > 0 || sqliteTables.length !== postgresTables.length) {
    throw new ImportError(`the two schemas differ: SQLite has ${sqliteTables.join(', ')}; PostgreSQL has ${postgresTables.join(', ')}`);
  }
  for (const [table, columns] of tables) {
    const sqliteColumns = (source.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name).sort();
    const names = columns.map((column) => column.name).sort();
    if (sqliteColumns.join() !== names.join()) throw new ImportError(`${table}: SQLite has columns ${sqliteColumns.join(', ')}; PostgreSQL has ${names.join(', ')}`);
  }
}

async function refuseData(client: pg.PoolClient, tables: string[]): Promise<void> {
  const query = tables.map((table) => `SELECT '${table}' AS name WHERE EXISTS (SELECT 1 FROM ${table})`).join(' UNION ALL ');
  const { rows } = await client.query<{ name: string }>(query);
  if (rows.length > 0) throw new ImportError(`the PostgreSQL database already holds data (in ${rows.map((row) => row.name).join(', ')}): import into an empty one`);
}

async function copyTable(source: Db, client: pg.PoolClient, table: string, columns: Column[]): Promise<number> {
  const names = columns.map((column) => column.name);
  const stream = client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN`));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const encoders = columns.map((column) => encoderOf(table, column));
  let rows = 0;
  let chunk = '';
  try {
    for (const row of source.prepare(`SELECT ${names.join(', ')} FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
      for (let i = 0; i < row.length; i++) chunk += (i === 0 ? '' : '\t') + encoders[i]!(row[i]);
      chunk += '\n';
      rows++;
      if (chunk.length >= chunkChars) {
        const more = stream.write(chunk);
        chunk = '';
        if (!more) await once(stream, 'drain');
      }
    }
  } catch (error) {
    stream.destroy(error as Error);
    throw error;
  }
  stream.end(chunk);
  try {
    await finished;
  } catch (error) {
    const { message, where } = error as Error & { where?: string };
    throw new ImportError(`${table}: PostgreSQL refused a row: ${message}${where ? ` (${where})` : ''}`);
  }
  return rows;
}

// COPY's text format: \N is NULL, a backslash escapes the tab, newline and carriage return a value holds.
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const special = /[\\\t\n\r]/g;

function encoderOf(table: string, column: Column): (value: unknown) => string {
  const where = `${table}.${column.name}`;
  return (value) => {
    if (value === null) return '\\N';
    if (Buffer.isBuffer(value)) {
      if (column.type !== 'bytea') throw new ImportError(`${where}: SQLite holds bytes where PostgreSQL wants ${column.type}`);
      return `\\\\x${value.toString('hex')}`;
    }
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    return String(value).replace(special, (character) => escapes[character]!);
  };
}

/** An identity column continues after the largest id copied, so the next row a collector adds takes a new one. */
async function resumeIdentities(client: pg.PoolClient, table: string, columns: Column[]): Promise<void> {
  for (const column of columns.filter((c) => c.identity)) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('${table}', '${column.name}'), coalesce(max(${column.name}), 1), max(${column.name}) IS NOT NULL) FROM ${table}`,
    );
  }
}
