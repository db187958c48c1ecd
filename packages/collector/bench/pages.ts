// Stats page benchmark: each page's server time over a database of 5M generated events and 500k profiles, on SQLite and on PostgreSQL.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Store } from '../src/storage/store.js';
import { openBackend } from '../src/storage/open.js';
import { ensureDatabase, startPostgres } from '../src/storage/postgres/local-cluster.js';
import { importSqlite } from '../src/storage/postgres/import-sqlite.js';
import { openPool } from '../src/storage/postgres/database.js';
import { localWriter } from '../src/engine/commands.js';
import { createApp } from '../src/http/app.js';
import { defaultProfileRules } from '../src/profiles/rules.js';
import { newSession, sessionCookie } from '../src/stats/auth/sessions.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** Seeding 5M events takes a while, so the database is made once and kept (data/ is not committed). */
export const defaultBenchDb = fileURLToPath(new URL('../../../data/bench-5m.db', import.meta.url));
/** The same data imported into PostgreSQL, kept in a cluster folder of its own for the same reason. */
const benchCluster = fileURLToPath(new URL('../../../data/bench-postgres', import.meta.url));

export function ensureSeeded(path: string, events = 5_000_000): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  console.log(`seeding ${events.toLocaleString('en')} events into ${path} (once; later runs reuse it)…`);
  execFileSync(process.execPath, [cli, 'seed', '--events', String(events), '--db', path], { stdio: 'inherit' });
}

/** The pages an admin opens, with the query of each; ids are looked up in the seeded data. */
async function pagesOf(store: Store): Promise<string[]> {
  const site = (await store.sites.list())[0]!;
  const at = (path: string, range = '30d') => `${path}${path.includes('?') ? '&' : '?'}site=${site.key}&range=${range}`;
  const segments = (await Promise.all((await store.segments.list(site.id)).map(async (s) => ({ id: s.id, size: await store.segments.size(site.id, s.id) })))).sort((a, b) => b.size - a.size);
  const largest = segments[0]!.id;
  const smallest = (await segments.at(-1))!.id;
  const top = (await store.profiles.top(site.id, 1))[0]!.id;
  const funnel = (await store.funnels.list(site.id))[0]!.id;
  return [
    ...['today', '7d', '30d'].flatMap((range) => ['/stats/overview', '/stats/audience'].map((path) => at(path, range))),
    at('/stats/leads'),
    at('/stats/leads?group=active'),
    at(`/stats/leads?segment=${largest}`),
    at(`/stats/leads?segment=${smallest}`),
    at(`/stats/leads/${top}`),
    at('/stats/segments'),
    at(`/stats/segments/${largest}`),
    at('/stats/clusters'),
    at('/stats/events'),
    at('/stats/funnels'),
    at(`/stats/funnels/${funnel}`),
    at('/stats/webhooks'),
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `db` a SQLite file (seeded when missing) or a PostgreSQL URL. */
export async function benchPages(db = process.env.PULSE_BENCH_DB ?? defaultBenchDb, runs = 5) {
  if (!db.startsWith('postgres')) ensureSeeded(db);
  const store = await openBackend(db, { connections: 8 });
  const writer = localWriter(store);
  const app = createApp({
    store,
    writer,
    geo: null,
    profileRules: defaultProfileRules,
    adminToken: 'bench',
    clientIp: () => '127.0.0.1',
    maxBodyBytes: 65_536,
    now: Date.now,
    sdkBundlePath: '/dev/null',
    demoDir: null,
    log: () => {},
  });
  const { token, command } = newSession(Date.now());
  await store.transaction((tx) => tx.adminSessions.insert(command.tokenHash, command.csrfToken, command.now, command.expiresAt));
  const headers = { cookie: `${sessionCookie}=${token}` };
  const results = [];
  // PULSE_BENCH_PAGE=leads measures only the pages whose address holds that text, when looking into one.
  for (const page of (await pagesOf(store)).filter((page) => page.includes(process.env.PULSE_BENCH_PAGE ?? ''))) {
    const times: number[] = [];
    // The first request warms the database's page cache; the admin's second look is what is measured.
    for (let run = 0; run <= runs; run++) {
      const started = performance.now();
      const response = await app.request(page, { headers });
      await response.text();
      if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
      if (run > 0) times.push(performance.now() - started);
    }
    results.push({ page, medianMs: Math.round(median(times) * 10) / 10, maxMs: Math.round(Math.max(...times) * 10) / 10 });
  }
  const counts = await store.events.datasetSize();
  await store.close();
  return { results, ...counts };
}

/**
 * The SQLite bench database moved into PostgreSQL by `pulse import` (once; the cluster folder is
 * kept), then the same pages measured on it: the import's time, and each page's.
 */
export async function benchPagesOnPostgres(source = process.env.PULSE_BENCH_DB ?? defaultBenchDb) {
  ensureSeeded(source);
  const cluster = await startPostgres({ dataDir: benchCluster });
  try {
    // Named after the file, so another source (PULSE_BENCH_DB) is imported into a database of its own.
    const url = await ensureDatabase(cluster.url, basename(source).replace(/\.db$/, '').replace(/\W/g, '_').toLowerCase());
    const pool = await openPool(url, { max: 1 });
    const imported = (await pool.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'sites'")).rowCount === 1 && (await pool.query('SELECT 1 FROM sites')).rowCount! > 0;
    await pool.end();
    const importSeconds = imported ? null : (await importSqlite(source, url, ({ table, rows, seconds }) => rows > 0 && console.log(`  import ${table}: ${rows.toLocaleString('en')} rows in ${seconds} s`))).seconds;
    return { importSeconds, ...(await benchPages(url)) };
  } finally {
    await cluster.stop();
  }
}
