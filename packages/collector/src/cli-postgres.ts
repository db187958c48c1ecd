// `pulse postgres`: a local PostgreSQL for trying Pulse on it in one command, kept in a folder of its own until Ctrl-C.
import { resolve } from 'node:path';
import { UsageError } from './cli-usage.js';
import { ensureDatabase, startPostgres } from './storage/postgres/local-cluster.js';

const database = 'pulse';

/** Starts (or restarts) the cluster in `dir`, makes the pulse database once, prints its --db URL and runs until stopped. */
export async function localPostgres(dir: string, portFlag: string | undefined): Promise<void> {
  const port = portFlag === undefined ? 5433 : Number(portFlag);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UsageError('--port: must be a whole number from 1 to 65535');
  const folder = resolve(dir);
  console.error(`pulse postgres: starting PostgreSQL in ${folder} on 127.0.0.1:${port}…`);
  const cluster = await startPostgres({ dataDir: folder, port });
  const url = await ensureDatabase(cluster.url, database);
  console.log(url);
  console.error(`pulse postgres: ready. In another terminal:  node packages/collector/dist/cli.js start --demo --db ${url}`);
  console.error('pulse postgres: Ctrl-C stops it; the data stays in the folder for the next start.');
  await new Promise<void>((done) => {
    const stop = () => void cluster.stop().then(done, done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
