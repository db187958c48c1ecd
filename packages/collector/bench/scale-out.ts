// HTTP ingest with the full engine through 1, 2 and 3 collectors on one PostgreSQL, beside one collector on SQLite, on this machine.
import { openBackend } from '../src/storage/open.js';
import { addSite } from '../src/sites/sites.js';
import { createDatabase, startPostgres } from '../src/storage/postgres/local-cluster.js';
import { openPool } from '../src/storage/postgres/database.js';
import { tempDbPath } from '../src/testing/events.js';
import { batchSize, cannon, eventLoad, setUpSite, startServer } from './ingest.js';

export interface ScaleOutRun {
  backend: 'sqlite' | 'postgres';
  collectors: number;
  eventsPerSecond: number;
  p99Ms: number;
  errors: number;
}

/** A database set up as the HTTP bench's (segments, presets, a funnel, clusters, an endpoint), its --db value. */
async function prepared(db: string): Promise<string> {
  const store = await openBackend(db);
  await setUpSite(store, (await addSite(store, ['shop.example'], Date.now(), 'bench')).id);
  await store.close();
  return db;
}

/**
 * 64 connections in all, split over the collectors (as a load balancer would), for `seconds` after a
 * warm-up; what they answered 2xx, in events per second, and the worst collector's p99.
 */
async function saturate(db: string, collectors: number, seconds: number): Promise<Omit<ScaleOutRun, 'backend'>> {
  const servers = await Promise.all(Array.from({ length: collectors }, () => startServer(db, ['--geo', 'off', '--cluster-refit-ms', '0'])));
  try {
    const connections = Math.floor(64 / collectors);
    // Each collector its own visitors, as a load balancer spreads browsers: the same person's batches
    // arriving at two collectors in the same millisecond would be serialized by design (the person's lock).
    const loads = servers.map((_, i) => {
      const load = eventLoad(i * 1_000_000);
      load.prepare(10_000);
      return load;
    });
    await Promise.all(servers.map((server, i) => cannon(server.url, loads[i]!, { duration: 3, connections })));
    // A database that has run a minute has statistics (autovacuum analyzes a table once a tenth of it
    // changed, looking every minute); a new one's plans are made for empty tables until then.
    if (db.startsWith('postgres')) await analyze(db);
    const runs = await Promise.all(servers.map((server, i) => cannon(server.url, loads[i]!, { duration: seconds, connections })));
    const answered = runs.reduce((sum, run) => sum + run['2xx'], 0);
    return {
      collectors,
      eventsPerSecond: Math.round((answered / seconds) * batchSize),
      p99Ms: Math.max(...runs.map((run) => run.latency.p99)),
      errors: runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
    };
  } finally {
    for (const server of servers) server.stop();
  }
}

async function analyze(url: string): Promise<void> {
  const pool = await openPool(url, { max: 1 });
  await pool.query('ANALYZE');
  await pool.end();
}

export async function benchScaleOut(seconds = 10): Promise<ScaleOutRun[]> {
  const runs: ScaleOutRun[] = [{ backend: 'sqlite', ...(await saturate(await prepared(tempDbPath()), 1, seconds)) }];
  const cluster = await startPostgres();
  try {
    for (const collectors of [1, 2, 3]) {
      const db = await prepared(await createDatabase(cluster.url, `bench_${collectors}`));
      runs.push({ backend: 'postgres', ...(await saturate(db, collectors, seconds)) });
    }
  } finally {
    await cluster.stop();
  }
  return runs;
}
