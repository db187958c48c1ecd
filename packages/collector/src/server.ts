// Starts the collector: opens the database, wires the app and listens. Node specifics live here.
import { ListenError } from './listen-error.js';
import { createAdaptorServer } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Store } from './storage/store.js';
import { openBackend, startBackendCheckpointer } from './storage/open.js';
import { ensureAdminPassword } from './stats/auth/password.js';
import { startWriterThread, type ThreadWriter } from './storage/writer-thread.js';
import type { EngineCommands } from './engine/commands.js';
import type { WriterThreadData } from './writer-worker.js';
import { openGeo, defaultGeoFiles } from './enrich/geo.js';
import { clientIpResolver } from './enrich/client-ip.js';
import { createApp } from './http/app.js';
import { addSite } from './sites/sites.js';
import { defaultProfileRules } from './profiles/rules.js';
import { sweepEvery } from './jobs/sweeper.js';
import { adoptStalledReplays, resumeReplays } from './jobs/funnels.js';
import { adoptStalledFills, resumeFills } from './jobs/segments.js';
import { refitEvery } from './jobs/refit.js';
import { retainEvery, retentionIntervalMs } from './jobs/retention.js';
import { geoFiles, type Config } from './config.js';
import { startDelivery, type DeliverySchedule } from './jobs/delivery.js';
import { shopOnFirstStart } from './seed/demo.js';
import { demoShopDir, demoSiteKey } from './seed/demo-shop.js';

export const defaultSdkBundle = fileURLToPath(new URL('../../sdk/dist/p.js', import.meta.url));
// Run from its sources (tests, benchmarks), the collector starts the writer thread from its source too.
const writerEntry = new URL(import.meta.url.endsWith('.ts') ? './writer-worker.ts' : './writer-worker.js', import.meta.url);

export interface Collector {
  url: string;
  port: number;
  /** The admin API's token: the configured one, or one made for this run. */
  adminToken: string;
  /** The stats page's password when this start made it (shown once), else null. */
  madePassword: string | null;
  close(): Promise<void>;
}

/** What tests set that is no setting of the product: the webhook retry schedule, so that hours of backoff take seconds. */
export interface CollectorOptions {
  webhookSchedule?: Partial<DeliverySchedule>;
}

// PostgreSQL: the HTTP thread's pool for reads; the writer thread has its own (writer-worker.ts).
const readConnections = 8;

export async function startCollector(config: Config, log: (message: string) => void, options: CollectorOptions = {}): Promise<Collector> {
  // This thread's connection migrates the schema and then only reads: every write goes through the writer thread.
  const store = await openBackend(config.db, { synchronous: config.synchronous, autoCheckpoint: false, connections: readConnections, log });
  const checkpointer = startBackendCheckpointer(config.db, log);
  let writer: ThreadWriter<EngineCommands> | undefined;
  try {
    if (config.demo) await addSite(store, ['localhost', '127.0.0.1'], Date.now(), demoSiteKey);
    const files = geoFiles(config);
    const geo = files === 'off' ? null : openGeo(files === 'default' ? defaultGeoFiles() : files);
    const data: WriterThreadData = { db: config.db, synchronous: config.synchronous, windowMs: config.commitWindowMs };
    writer = startWriterThread<EngineCommands>(writerEntry, data, log, (mark) => store.catchUp(mark));
    await writer.ready;
    const started = writer;
    const adminToken = config.adminToken ?? randomBytes(24).toString('base64url');
    const madePassword = await ensureAdminPassword(store, config.adminPassword);
    const app = createApp({
      store,
      writer,
      geo,
      profileRules: defaultProfileRules,
      adminToken,
      clientIp: clientIpResolver(config.trustProxy),
      maxBodyBytes: config.maxBodyBytes,
      now: Date.now,
      sdkBundlePath: defaultSdkBundle,
      demoDir: config.demo ? demoShopDir : null,
      log,
    });
    const server = createAdaptorServer({ fetch: app.fetch });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const where = `${config.host}:${config.port}`;
        if (error.code === 'EADDRINUSE') reject(new ListenError(`port ${where} is already in use; choose another with --port`));
        else if (error.code === 'EACCES') reject(new ListenError(`no permission to listen on ${where}`));
        else reject(new ListenError(`cannot listen on ${where}: ${error.message}`));
      });
      server.listen(config.port, config.host, resolve);
    });
    // The background jobs start once the port is ours: a start that fails leaves nothing running.
    const stopSweeping = sweepEvery(writer, config.sweepIntervalMs, log);
    const stopRetaining = retainEvery({ store, writer, now: Date.now }, retentionIntervalMs, log);
    await resumeReplays({ writer, store, log });
    const stopAdopting = adoptStalledReplays({ writer, store, log });
    await resumeFills({ writer, store, log, now: Date.now });
    const stopAdoptingFills = adoptStalledFills({ writer, store, log, now: Date.now });
    const stopDelivering = startDelivery({ writer, log, schedule: options.webhookSchedule });
    const stopRefits = refitEvery({ store, writer, now: Date.now }, config.clusterRefitMs, log);
    const { port } = server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const demoSite = config.demo ? await store.sites.byKey(demoSiteKey) : undefined;
    if (demoSite) void shopOnFirstStart({ store, writer, geo }, demoSite, { url: `http://${host}:${port}`, history: config.demoHistory === 'on' }, log);
    return {
      url: `http://${host}:${port}`,
      port,
      adminToken,
      madePassword,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            void Promise.all([stopSweeping(), stopRefits(), stopDelivering(), stopRetaining(), stopAdopting(), stopAdoptingFills()])
              .then(() => started.close())
              .then(() => checkpointer.stop())
              .then(async () => {
                await store.close();
                resolve();
              });
          });
          // Idle keep-alive connections would hold close() open.
          (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        }),
    };
  } catch (error) {
    await writer?.close();
    await checkpointer.stop();
    await store.close();
    throw error;
  }
}
