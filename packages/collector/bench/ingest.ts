// Ingest benchmarks: in-process (validation to commit) and over HTTP against the real `pulse start`.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openStore } from '../src/storage/store.js';
import { localWriter } from '../src/engine/commands.js';
import { ingestBatch } from '../src/ingest/ingest.js';
import { addSite } from '../src/sites/sites.js';
import { defaultProfileRules } from '../src/profiles/rules.js';
import { countersOf } from '../src/segments/rules.js';
import { presetSegment, type PresetKind } from '../src/segments/presets.js';
import { desktopChrome, tempDbPath, wireEvent } from '../src/testing/events.js';
import { describeSender } from '../src/enrich/enrich.js';
import { eventSchema } from '../src/ingest/schema.js';
import { toEventRow } from '../src/ingest/normalize.js';
import { checkoutFunnel } from '../src/seed/setup.js';
import { featureNames } from '../src/clusters/features.js';
import type { Rule } from '../src/model/rule.js';
import { webhookTypes } from '../src/model/webhook.js';
import type { ClusterModel } from '../src/model/cluster.js';

export const batchSize = 20;
const products = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];

/** A batch like the SDK sends: one visitor's page views and shop events. */
function batch(visitor: number) {
  const events = Array.from({ length: batchSize }, (_, i) =>
    wireEvent({
      type: i % 4 === 0 ? 'page' : 'track',
      name: i % 4 === 0 ? 'page' : 'product_view',
      visitor_id: `v${visitor}`,
      session_id: `s${visitor}`,
      url: `https://shop.example/product/${products[i % products.length]}?utm_source=bench`,
      referrer: 'https://www.google.com/',
      props: { product_id: products[i % products.length], category: 'phones', brand: 'Acme', price: 199 + i },
    }),
  );
  return { site: 'bench', sent_at: Date.now(), events };
}

/** Six clusters spread over the feature space, as a refit leaves them: every settled person is placed in the nearest. */
function clusterModel(): ClusterModel {
  const categories = ['phones', 'laptops', 'audio', 'garden', 'books', 'toys'];
  const features = featureNames(categories);
  // The first four features are logarithms (recency, frequency, monetary, score), the rest shares.
  const max = features.map((_, i) => (i < 4 ? 6 : 1));
  const centroids = Array.from({ length: 6 }, (_, c) => features.map((_, i) => ((c * 7 + i * 3) % 10) / 10));
  return { features, categories, min: features.map(() => 0), max, mean: features.map(() => 0.5), centroids };
}

/**
 * The bench site as an admin sets it up: ten rule segments, the five presets, the checkout funnel, a
 * webhook endpoint and a fitted cluster model, all kept at ingest.
 */
export async function setUpSite(store: Awaited<ReturnType<typeof openStore>>, siteId: number, endpointSegments: 'presets' | 'all' = 'presets'): Promise<void> {
  const rules: Rule[] = [
    { score: { gte: 10 } },
    { score: { gte: 50 } },
    { lifecycle: ['active'] },
    { lifecycle: ['new'] },
    { all: [{ score: { gte: 5 } }, { lastSeen: { withinDays: 7 } }] },
    { device: ['phone', 'tablet'] },
    { country: ['US', 'CA'] },
    { trait: 'plan', equals: 'pro' },
    { any: [{ firstSeen: { withinDays: 3 } }, { not: { device: ['desktop'] } }] },
    { all: [{ lifecycle: ['passive'] }, { score: { gte: 1 } }] },
  ];
  const presetParams: [PresetKind, Record<string, unknown>][] = [
    ['ecommerce_buyers', {}],
    ['category_lovers', { category: 'phones' }],
    ['category_virgins', { category: 'phones' }],
    ['high_interest', { brand: 'Acme' }],
    ['price_hunters', { category: 'phones' }],
  ];
  const segments = [
    ...rules.map((rule, i) => ({ name: `segment ${i}`, rules: rule })),
    ...presetParams.map(([kind, params]) => presetSegment(kind, params)),
  ];
  const ids = await Promise.all(segments.map(async (segment) => {
    for (const spec of countersOf(segment.rules)) await store.segments.ensureCounter(siteId, spec);
    return (await store.segments.insert(siteId, segment.name, segment.rules, Date.now())).id;
  }));
  // A new site has no history to replay: the funnel is live from the start.
  store.funnels.finish(siteId, (await store.funnels.insert(siteId, checkoutFunnel, Date.now())).id);
  // A CRM's endpoint: every group change, and the entries and exits of the presets (or, to compare, of
  // every segment). Nothing listens there: deliveries fail fast and back off, and each change it
  // listens to still writes its outbox row.
  const chosen = endpointSegments === 'presets' ? ids.slice(rules.length) : null;
  await store.webhooks.insert(siteId, { url: 'http://127.0.0.1:9/pulse', secret: 'bench-webhook-secret-0123456789', events: [...webhookTypes], segments: chosen, enabled: true }, Date.now());
  store.clusters.saveModel(siteId, clusterModel(), Date.now(), 0);
}

export async function benchInProcess(totalEvents = 400_000): Promise<{ eventsPerSecond: number }> {
  const store = openStore(tempDbPath());
  await setUpSite(store, (await addSite(store, ['shop.example'], Date.now(), 'bench')).id);
  const writer = localWriter(store);
  const deps = { store, writer, geo: null, profileRules: defaultProfileRules };
  // Request bodies as the server receives them: text, parsed inside the measured loop. Holding
  // 400,000 event objects instead would measure the garbage collector walking them.
  const bodies = Array.from({ length: totalEvents / batchSize }, (_, i) => JSON.stringify(batch(i % 5_000)));
  const started = performance.now();
  // 64 requests in flight at a time, as a busy server would have.
  for (let i = 0; i < bodies.length; i += 64) {
    await Promise.all(
      bodies.slice(i, i + 64).map((text) =>
        ingestBatch(deps, { body: JSON.parse(text), origin: undefined, userAgent: desktopChrome, ip: '8.8.8.8', receivedAt: Date.now() }),
      ),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { eventsPerSecond: Math.round(totalEvents / seconds) };
}

/**
 * The bare-insert limit: the same batches, validated and normalized outside the clock, stored as
 * lean event rows (multi-row inserts, contexts kept once) with nothing else: no sessions, rollups,
 * people, segments or outbox. What HTTP ingest with the engine reaches is read against it.
 */
export async function benchBareInsert(totalEvents = 400_000): Promise<{ eventsPerSecond: number }> {
  const store = openStore(tempDbPath());
  const siteId = (await addSite(store, ['shop.example'], Date.now(), 'bench')).id;
  const sender = describeSender(desktopChrome, '8.8.8.8', null);
  let measured = 0;
  // A group as the writer thread commits it under load: 32 requests of 20 events in one transaction.
  for (let visitor = 0; visitor < totalEvents / batchSize; visitor += 32) {
    const rows = Array.from({ length: 32 }, (_, i) => batch(visitor + i)).flatMap((body) =>
      body.events.map((event) => toEventRow(eventSchema.parse(event), { siteId, receivedAt: Date.now(), sentAt: body.sent_at, sender })),
    );
    const started = performance.now();
    await store.transaction(() => store.events.insert(rows));
    measured += performance.now() - started;
  }
  await store.close();
  return { eventsPerSecond: Math.round(totalEvents / (measured / 1000)) };
}

/** The built collector (`pulse start`) on a database, as a child process: what a deployment runs; `flags` as `pulse start` takes them. */
export async function startServer(db: string, flags: string[] = []): Promise<{ url: string; pid: number; stop: () => void }> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  // Started as npm start and the pulse command start it: with the young generation that keeps the read path's pauses short (README).
  const child = spawn(process.execPath, ['--max-semi-space-size=64', cli, 'start', '--port', '0', '--db', db, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill() };
}

/** What the load generators send: the endpoint, and the body of each next request. */
export interface Load {
  path: string;
  next: () => string;
}

/**
 * Bodies made before the runs: made per request, they cost the load generator more CPU than the
 * collector spends on them, and both share this machine's two cores. `make(i)` is the i-th body.
 */
export function bodyPool(make: (i: number) => string) {
  const bodies: string[] = [];
  let next = 0;
  const more = () => bodies.push(...Array.from({ length: 50 }, (_, i) => make(bodies.length + i)));
  return {
    next(): string {
      // Made ahead in small steps when the runs outlast them: a big step would stall the sender and be timed as latency.
      if (next === bodies.length) more();
      return bodies[next++]!;
    },
    /** Makes the first `count` now, and sends from the first. */
    prepare(count: number) {
      while (bodies.length < count) more();
      next = 0;
    },
  };
}

/** Event batches to /v1/events, each from its own visitor, numbered from `first`. */
export const eventLoad = (first = 0) => ({ path: '/v1/events', ...bodyPool((i) => JSON.stringify(batch(first + i))) });

const headers = { 'content-type': 'text/plain', 'user-agent': desktopChrome };

export function cannon(url: string, load: Load, options: { duration: number; connections: number; overallRate?: number }) {
  return autocannon({
    url: `${url}${load.path}`,
    method: 'POST',
    headers: { ...headers, 'x-forwarded-for': '8.8.8.8' },
    ...options,
    requests: [{ setupRequest: (request) => ({ ...request, body: load.next() }) }],
  });
}

/**
 * Calls `send` at a steady rate, each when it is due whether or not earlier ones were answered (an
 * open loop, as independent browsers behave), timing each from send to answer. autocannon's rate
 * limit sends each connection's share in bursts, which measures its bursts, not the collector.
 * `send` resolves whether the answer was the one expected.
 */
export async function openLoop(perSecond: number, seconds: number, send: (agent: Agent) => Promise<boolean>): Promise<{ p99: number; failed: number; answered: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let failed = 0;
  const timed = async () => {
    const started = performance.now();
    if (await send(agent)) latencies.push(performance.now() - started);
    else failed++;
  };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * perSecond);
    for (; sent < due; sent++) inFlight.push(timed());
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]! * 10) / 10, failed, answered: latencies.length };
}

/** One request through the agent: whether it was answered 200. */
export const answered200 = (agent: Agent, url: URL, options: { method: string; headers: Record<string, string>; body?: string }) =>
  new Promise<boolean>((done) => {
    const req = request({ agent, host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: options.method, headers: options.headers }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode === 200));
    });
    req.on('error', () => done(false));
    req.end(options.body);
  });

/** The load's POSTs at a steady rate, in an open loop. */
export function steadyLoad(url: string, load: Load, perSecond: number, seconds: number): Promise<{ p99: number; failed: number; answered: number }> {
  const target = new URL(`${url}${load.path}`);
  return openLoop(perSecond, seconds, (agent) => {
    const body = load.next();
    return answered200(agent, target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body });
  });
}

/** A steady rate latency is also measured at, whatever the saturated rate: 7,500 events/s. */
export const fixedRate = 7_500;

export async function benchHttp(): Promise<{ eventsPerSecond: number; p99AtHalfRateMs: number; p99AfterBurstMs: number; p99AtFixedRateMs: number; halfRate: number; errors: number }> {
  const db = tempDbPath();
  const store = openStore(db);
  await setUpSite(store, (await addSite(store, ['shop.example'], Date.now(), 'bench')).id);
  await store.close();
  const events = eventLoad();
  events.prepare(30_000);
  const server = await startServer(db);
  try {
    // 64 requests in flight, as many browsers sending at once: the writer commits 32 while the
    // other thread answers and parses the rest. With fewer the two threads take turns (closed loop).
    await cannon(server.url, events, { duration: 3, connections: 64 }); // warm-up: JIT, page cache, agent cache
    const max = await cannon(server.url, events, { duration: 10, connections: 64 });
    const eventsPerSecond = Math.round((max['2xx'] / max.duration) * batchSize);
    const halfRate = Math.round(eventsPerSecond / 2 / batchSize);
    // The saturated run leaves a WAL of a few hundred megabytes to checkpoint: the first seconds at
    // half rate measure the recovery from it, reported apart; the target is the steady state after.
    const afterBurst = await steadyLoad(server.url, events, halfRate, 10);
    await steadyLoad(server.url, events, halfRate, 15);
    const half = await steadyLoad(server.url, events, halfRate, 10);
    // The same load as earlier designs' half rate, so that latency is compared at equal work too.
    const fixed = await steadyLoad(server.url, events, fixedRate / batchSize, 10);
    return {
      eventsPerSecond,
      halfRate: halfRate * batchSize,
      p99AtHalfRateMs: half.p99,
      p99AfterBurstMs: afterBurst.p99,
      p99AtFixedRateMs: fixed.p99,
      errors: max.errors + max.non2xx + afterBurst.failed + half.failed + fixed.failed,
    };
  } finally {
    server.stop();
  }
}
