#!/usr/bin/env -S node --max-semi-space-size=64
// The `pulse` command: start the collector, manage sites, event definitions, webhooks and API tokens, seed demo traffic and calls. Exit codes: 0 ok, 1 failure, 2 usage.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { configFromEnv, configSchema, geoFiles, type Config } from './config.js';
import { ListenError } from './listen-error.js';
import { DatabaseOpenError, type Store } from './storage/store.js';
import { openBackend, startBackendCheckpointer } from './storage/open.js';
import { databaseName } from './storage/database-name.js';
import { addSite } from './sites/sites.js';
import { defaultPoints } from './score/definition.js';
import { defaultGeoFiles, openGeo, type GeoLookup } from './enrich/geo.js';
import { seedOptionsSchema } from './seed/options.js';
import { seed } from './seed/seed.js';
import { shopSite } from './seed/setup.js';
import { windowStart } from './seed/calendar.js';
import { demoSiteKey } from './seed/demo-shop.js';
import { UsageError, withStore } from './cli-usage.js';
import type { Site } from './model/site.js';
import { definitionChangesSchema } from './model/definition.js';

const usage = `Usage:
  pulse start [--port 8787] [--host 127.0.0.1] [--db data/pulse.db] [--demo [--demo-history on|off]]
              [--trust-proxy LIST] [--max-body-bytes 65536] [--geo off|FILES] [--synchronous normal|full]
              [--commit-window-ms 0] [--sweep-interval-ms 60000] [--cluster-refit-ms 3600000|0] [--admin-token TOKEN]
  pulse site add DOMAIN [DOMAIN…] [--key KEY] [--db data/pulse.db]
  pulse site list [--db data/pulse.db]
  pulse events list --site KEY [--db data/pulse.db]
  pulse events set NAME --site KEY [--points N] [--hide | --show] [--daily-cap N|none] [--db data/pulse.db]
  pulse webhook add URL --site KEY [--events segment.entered,segment.exited,group.changed,callback.requested] [--segments ID,ID|all] [--secret SECRET] [--db data/pulse.db]
  pulse webhook set ID --site KEY [--events TYPE,TYPE] [--segments ID,ID|all] [--db data/pulse.db]
  pulse webhook list|remove|enable|disable [ID] --site KEY [--db data/pulse.db]
  pulse token add --site KEY --name NAME --scope read,write [--db data/pulse.db]   (prints the token once)
  pulse token list --site KEY [--db data/pulse.db]
  pulse token revoke --site KEY --name NAME [--db data/pulse.db]
  pulse clusters fit --site KEY [--k N|auto] [--db data/pulse.db]
  pulse clusters list --site KEY [--db data/pulse.db]
  pulse person export --site KEY (--user ID | --visitor ID | --profile ID) [--out FILE] [--db data/pulse.db]
  pulse person delete --site KEY (--user ID | --visitor ID | --profile ID) [--db data/pulse.db]
  pulse retention show [--db data/pulse.db]
  pulse retention set --days N|none [--db data/pulse.db]
  pulse calls simulate --site KEY [--calls 20] [--url http://localhost:8787] [--db data/pulse.db]   (to a running collector)
  pulse postgres [--dir data/postgres] [--port 5433]   (a local PostgreSQL to try Pulse on: prints its --db URL, runs until Ctrl-C)
  pulse import FILE --db postgres://…   (copies a stopped collector's SQLite file into an empty PostgreSQL database)
  pulse seed [--events 5000000] [--profiles EVENTS/10] [--days 90] [--site demo] [--db data/pulse.db] [--geo off|FILES]
Every flag can also be set as an environment variable: --trust-proxy is PULSE_TRUST_PROXY.`;

const flagOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  demo: { type: 'boolean' },
  'demo-history': { type: 'string' },
  'trust-proxy': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  geo: { type: 'string' },
  synchronous: { type: 'string' },
  'commit-window-ms': { type: 'string' },
  'sweep-interval-ms': { type: 'string' },
  'cluster-refit-ms': { type: 'string' },
  k: { type: 'string' },
  'admin-token': { type: 'string' },
  key: { type: 'string' },
  site: { type: 'string' },
  points: { type: 'string' },
  hide: { type: 'boolean' },
  show: { type: 'boolean' },
  'daily-cap': { type: 'string' },
  secret: { type: 'string' },
  name: { type: 'string' },
  scope: { type: 'string' },
  events: { type: 'string' },
  segments: { type: 'string' },
  profiles: { type: 'string' },
  days: { type: 'string' },
  user: { type: 'string' },
  visitor: { type: 'string' },
  profile: { type: 'string' },
  out: { type: 'string' },
  dir: { type: 'string' },
  url: { type: 'string' },
  calls: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: flagOptions, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function config(values: Awaited<ReturnType<typeof parse>>['values']): Config {
  const flags = {
    port: values.port,
    host: values.host,
    db: values.db,
    demo: values.demo,
    demoHistory: values['demo-history'],
    trustProxy: values['trust-proxy'],
    maxBodyBytes: values['max-body-bytes'],
    geo: values.geo,
    synchronous: values.synchronous,
    commitWindowMs: values['commit-window-ms'],
    sweepIntervalMs: values['sweep-interval-ms'],
    clusterRefitMs: values['cluster-refit-ms'],
    adminToken: values['admin-token'],
  };
  const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const parsed = configSchema.safeParse({ ...dropUndefined(configFromEnv(process.env)), ...defined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new UsageError(`--${flag}: ${issue.message}`);
  }
  return parsed.data;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function start(settings: Config): Promise<void> {
  // The server (HTTP, stats pages, API) loads only for start: the other commands begin sooner.
  const { startCollector } = await import('./server.js');
  const collector = await startCollector(settings, (message) => console.error(message));
  const local = collector.url.replace(/\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::\])/, '//localhost');
  console.log(`Pulse collector listening on ${collector.url} (database ${databaseName(settings.db)})`);
  console.log(`  ingest:      POST ${local}/v1/events`);
  console.log(`  script tag:  <script async src="${local}/p.js" data-site="SITE_KEY"></script>`);
  if (settings.demo) console.log(`  demo shop:   ${local}/demo/  (site key '${demoSiteKey}')`);
  console.log(`  REST API:    ${local}/api/v1/sites/SITE_KEY/…  (OpenAPI document at ${local}/openapi.json; a site's tokens from pulse token add)`);
  console.log(`               the admin token, for every site: Authorization: Bearer ${settings.adminToken ? '<your --admin-token>' : collector.adminToken}`);
  if (!settings.adminToken) console.log('               that token is made for this run only: set --admin-token or PULSE_ADMIN_TOKEN to keep one');
  console.log(`  stats page:  ${local}/stats/`);
  if (collector.madePassword) {
    console.log(`               admin password: ${collector.madePassword}  (shown this once; set PULSE_ADMIN_PASSWORD to choose one)`);
  }
  const stop = () => {
    void collector.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The specification's table of events: ID · Name · Points · Shown, and each event's daily cap. */
function events(settings: Config, values: Awaited<ReturnType<typeof parse>>['values'], sub: 'list' | 'set', names: string[]): Promise<void> {
  if (!values.site) throw new UsageError(`events ${sub} needs --site KEY`);
  return withStore(settings, async (store) => {
    const site = await store.sites.byKey(values.site!);
    if (!site) throw new UsageError(`no site has the key '${values.site}'`);
    if (sub === 'set') {
      if (names.length !== 1) throw new UsageError('events set takes one event name, e.g. pulse events set purchase --points 10');
      if (values.hide && values.show) throw new UsageError('--hide and --show contradict each other');
      const cap = values['daily-cap'];
      const changes = definitionChangesSchema.safeParse({
        points: values.points === undefined ? undefined : Number(values.points),
        shown: values.hide ? false : values.show ? true : undefined,
        dailyCap: cap === undefined ? undefined : cap === 'none' ? null : Number(cap),
      });
      if (!changes.success) {
        const issue = changes.error.issues[0]!;
        throw new UsageError(`--${String(issue.path[0]).replace('dailyCap', 'daily-cap')}: ${issue.message}`);
      }
      await store.definitions.save(site.id, names[0]!, changes.data, defaultPoints[names[0]!] ?? 0, Date.now());
    }
    console.log(['ID', 'Name', 'Points', 'Shown', 'Daily cap'].join('\t'));
    for (const d of await store.definitions.list(site.id)) {
      console.log([d.id, d.name, d.points, d.shown ? 'yes' : 'no', d.dailyCap ?? '-'].join('\t'));
    }
  });
}

/** The bundled or configured geo database; without one, seeded events have no country or city. */
function geoOrNone(settings: Config): GeoLookup | null {
  const files = geoFiles(settings);
  if (files === 'off') return null;
  try {
    return openGeo(files === 'default' ? defaultGeoFiles() : files);
  } catch (error) {
    console.error(`pulse seed: seeding without countries and cities: ${(error as Error).message}`);
    return null;
  }
}

/** Generated traffic for the demo shop through the real ingest, for benchmarking what reads it. */
async function seedTraffic(settings: Config, values: Awaited<ReturnType<typeof parse>>['values']): Promise<void> {
  const parsed = seedOptionsSchema.safeParse({ events: values.events, profiles: values.profiles, days: values.days, site: values.site });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  const options = parsed.data;
  const end = Date.now();
  // As the server does: checkpoints in a worker thread, so their fsyncs do not stall the writer.
  const store = await openBackend(settings.db, { synchronous: settings.synchronous, autoCheckpoint: false, connections: 2 });
  const checkpointer = startBackendCheckpointer(settings.db, (message) => console.error(`pulse seed: ${message}`));
  try {
    let site: Site;
    try {
      site = await shopSite(store, options.site, windowStart(end, options.days));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const progress = (message: string) => console.error(`pulse seed: ${message}`);
    const done = await seed(store, site, { ...options, end, geo: geoOrNone(settings), progress });
    const again = done.duplicates > 0 ? ` (${done.duplicates.toLocaleString('en-US')} were there already)` : '';
    console.log(
      `seeded ${done.events.toLocaleString('en-US')} events${again}, ${done.profiles.toLocaleString('en-US')} profiles, site ${site.key}, ` +
        `${options.days} days, in ${done.seconds} s (${Math.round(done.events / done.seconds).toLocaleString('en-US')} events/s) into ${databaseName(settings.db)}`,
    );
  } finally {
    await checkpointer.stop();
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length === 0) {
    console.log(usage);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const [command, sub, ...rest] = positionals;
  // Before config(): --port here is PostgreSQL's, not the collector's.
  if (command === 'postgres' && sub === undefined) return (await import('./cli-postgres.js')).localPostgres(values.dir ?? 'data/postgres', values.port);
  const settings = config(values);
  if (command === 'start' && sub === undefined) return start(settings);
  if (command === 'site' && sub === 'add') {
    if (rest.length === 0) throw new UsageError('site add needs at least one domain, e.g. pulse site add example.com');
    const site = await withStore(settings, async (store) => {
      try {
        return await addSite(store, rest, Date.now(), values.key);
      } catch (error) {
        if (error instanceof DatabaseOpenError) throw error;
        throw new UsageError((error as Error).message);
      }
    });
    console.log(site.key);
    console.error(`site ${site.key} accepts events from ${site.domains.join(', ')} and their subdomains`);
    return;
  }
  if (command === 'site' && sub === 'list' && rest.length === 0) {
    const sites = await withStore(settings, (store) => store.sites.list());
    if (sites.length === 0) console.error('no sites yet: add one with pulse site add example.com');
    for (const site of sites) console.log(`${site.key}\t${site.domains.join(',')}\t${new Date(site.createdAt).toISOString()}`);
    return;
  }
  if (command === 'events' && (sub === 'list' || sub === 'set')) return events(settings, values, sub, rest);
  if (command === 'clusters' && (sub === 'fit' || sub === 'list') && rest.length === 0) return (await import('./cli-clusters.js')).clusters(settings, values, sub);
  if (command === 'seed' && sub === undefined) return seedTraffic(settings, values);
  if (command === 'import') return (await import('./cli-import.js')).importFile(sub, settings.db, rest);
  // Loaded when asked for, so the other commands start no slower.
  if (command === 'webhook') return (await import('./cli-webhooks.js')).webhook(settings, values, sub, rest);
  if (command === 'token' && (sub === 'add' || sub === 'list' || sub === 'revoke') && rest.length === 0) return (await import('./cli-tokens.js')).tokens(settings, values, sub);
  if (command === 'person' && (sub === 'export' || sub === 'delete') && rest.length === 0) return (await import('./cli-privacy.js')).person(settings, values, sub);
  if (command === 'calls' && sub === 'simulate' && rest.length === 0) return (await import('./cli-calls.js')).calls(settings, values);
  if (command === 'retention' && (sub === 'show' || sub === 'set') && rest.length === 0) return (await import('./cli-privacy.js')).retention(settings, values, sub);
  throw new UsageError(`unknown command '${positionals.join(' ')}'`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`pulse: ${error.message}\nRun pulse --help for usage.`);
    process.exit(2);
  }
  if (error instanceof DatabaseOpenError || error instanceof ListenError || error instanceof z.ZodError) {
    console.error(`pulse: ${error.message}`);
    process.exit(1);
  }
  console.error(`pulse: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
