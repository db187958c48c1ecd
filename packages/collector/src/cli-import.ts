// `pulse import FILE --db postgres://…`: moves a collector's SQLite file into an empty PostgreSQL database, the step from one machine to several collectors.
import { existsSync } from 'node:fs';
import { UsageError } from './cli-usage.js';
import { isPostgres } from './storage/backend-kind.js';
import { withoutPassword } from './storage/database-name.js';

export async function importFile(file: string | undefined, db: string, extra: string[]): Promise<void> {
  if (file === undefined || extra.length > 0) throw new UsageError('import takes one SQLite file, e.g. pulse import data/pulse.db --db postgres://…');
  if (!isPostgres(db)) throw new UsageError('--db: pulse import copies into PostgreSQL: give a postgres:// URL (or PULSE_DB)');
  // Opening a missing file would make an empty database and import nothing.
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  // Loaded only here: the rest of the CLI never needs pg-copy-streams.
  const { importSqlite, ImportError } = await import('./storage/postgres/import-sqlite.js');
  console.error(`pulse import: copying ${file} into ${withoutPassword(db)} (stop the collector on ${file} first: what it writes meanwhile is not copied)…`);
  try {
    const done = await importSqlite(file, db, ({ table, rows, seconds }) => {
      if (rows > 0) console.error(`pulse import: ${table}: ${rows.toLocaleString('en-US')} rows in ${seconds} s`);
    });
    console.log(`imported ${done.rows.toLocaleString('en-US')} rows of ${done.tables.length} tables in ${done.seconds} s into ${withoutPassword(db)}`);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    console.error(`pulse import: ${error.message}; nothing was written`);
    process.exitCode = 1;
  }
}
