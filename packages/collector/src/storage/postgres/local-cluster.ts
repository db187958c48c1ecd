// A local PostgreSQL cluster of its own (data folder, loopback port, trust auth): for tests, and for `pulse postgres` to try Pulse on PostgreSQL in one command.
import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const versionsDir = '/usr/lib/postgresql';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** A data folder to use and keep: initialized when empty, started as it is otherwise (a restart after a crash). */
  dataDir?: string;
  /** Asked of the OS when not given. */
  port?: number;
}

export async function startPostgres({ dataDir, port }: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = await postgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'pulse-pg-'));
  const owner = asRoot ? await postgresUser() : undefined;
  // PostgreSQL refuses to run as root: the cluster belongs to the postgres user and its commands run as it.
  const pgCommand: PgCommand = (name: string, args: string[]) =>
    owner ? run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args], { cwd: '/' }) : run(join(bin, name), args, { cwd: '/' });

  try {
    if (!existsSync(join(dir, 'PG_VERSION'))) await initialize(dir, owner, pgCommand);
    const listenPort = port ?? (await freePort());
    await start(dir, listenPort, pgCommand);
    let stopped: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${listenPort}/postgres`,
      stop: () =>
        (stopped ??= (async () => {
          // A test may have killed the server already: only a running one is stopped.
          const running = await pgCommand('pg_ctl', ['status', '-D', dir]).then(() => true, () => false);
          if (running) await pgCommand('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dir]);
          if (!dataDir) rmSync(dir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

type PgCommand = (name: string, args: string[]) => Promise<unknown>;

async function initialize(dir: string, owner: { uid: number; gid: number } | undefined, pgCommand: PgCommand): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is neither empty nor a PostgreSQL data folder`);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  await pgCommand('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
  // Durability tests kill the server and count what survived, so fsync stays on, and every commit waits for its WAL.
  appendFileSync(join(dir, 'postgresql.conf'), [
    '',
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'fsync = on',
    'synchronous_commit = on',
    'max_connections = 300',
    'shared_buffers = 128MB',
    '',
  ].join('\n'));
}

async function start(dir: string, port: number, pgCommand: PgCommand): Promise<void> {
  const log = join(dir, 'server.log');
  try {
    await pgCommand('pg_ctl', ['start', '-w', '-t', '60', '-D', dir, '-l', log, '-o', `-p ${port}`]);
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`PostgreSQL did not start in ${dir}: ${(error as Error).message}\n${tail}`);
  }
}

/** Creates a database (a copy of template, when given) on the cluster at url and returns its URL. */
export async function createDatabase(url: string, name: string, { template }: { template?: string } = {}): Promise<string> {
  await onServer(url, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''}`),
  );
  const created = new URL(url);
  created.pathname = `/${encodeURIComponent(name)}`;
  return created.toString();
}

/** The database's URL on the cluster at url, created first if it is not there yet. */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  let exists = false;
  await onServer(url, async (client) => (exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1));
  if (!exists) return createDatabase(url, name);
  const named = new URL(url);
  named.pathname = `/${encodeURIComponent(name)}`;
  return named.toString();
}

/**
 * Drops a database once its sessions are gone: PostgreSQL waits up to 5 s for those still closing (a
 * pool's end() returns before its connections are), and a session left open fails the drop. Not WITH
 * (FORCE): a connection it cuts while pg is closing it raises an error nothing listens to.
 */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await onServer(url, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`));
}

// CREATE and DROP DATABASE cannot run in the database they name: they go through the maintenance database.
async function onServer(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

// The newest installed major version; on a bare Debian machine (as root) the distribution's package is installed first.
// Its own cluster, which the package creates and may start on 5432, is never used: ours has its own folder and port.
async function postgresBin(): Promise<string> {
  const installed = () =>
    (existsSync(versionsDir) ? readdirSync(versionsDir) : [])
      .filter((version) => existsSync(join(versionsDir, version, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
  let [newest] = installed();
  if (!newest && process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update'], { env });
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { env });
    [newest] = installed();
  }
  if (!newest) throw new Error(`no PostgreSQL under ${versionsDir}: install the postgresql package`);
  return join(versionsDir, newest, 'bin');
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
