// Personalization reads benchmark: GET /v1/profile and /v1/config against the built collector, visitors spread over 50,000 profiles, with event ingest running beside (`npx tsx bench/reads.ts` runs it alone).
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openStore } from '../src/storage/store.js';
import { localWriter } from '../src/engine/commands.js';
import { ingestBatch } from '../src/ingest/ingest.js';
import { addSite } from '../src/sites/sites.js';
import { parseEventRule, parsePlacement } from '../src/personalization/validate.js';
import { random } from '../src/seed/random.js';
import { desktopChrome, iphoneSafari, tempDbPath, wireEvent } from '../src/testing/events.js';
import { answered200, batchSize, eventLoad, openLoop, setUpSite, startServer, steadyLoad } from './ingest.js';
import { ingestBeside } from './calls.js';
import { cpuBesides } from './cpu-besides.js';

export const readProfiles = 50_000;
/** The rate DESIGN.md asks reads to sustain with ingest beside: p99 is timed at it. */
export const readTarget = 5_000;
/** Addresses the reads come from (X-Forwarded-For): spread so the per-address limit is not what is measured. */
const addresses = 60_000;

/** A read as a page makes it: a path, the address behind the proxy, and the page's browser. */
interface Read {
  path: string;
  headers: Record<string, string>;
}

/** Reads from random visitors of the seeded profiles, at random addresses, one in three from a phone. */
function reads(path: (visitor: number) => string, seed: number): () => Read {
  const r = random(seed);
  return () => ({
    path: path(Math.floor(r() * readProfiles)),
    headers: {
      origin: 'https://shop.example',
      'user-agent': r() < 1 / 3 ? iphoneSafari : desktopChrome,
      'x-forwarded-for': `10.${Math.floor(r() * addresses) >> 8}.${Math.floor(r() * 256)}.1`,
    },
  });
}

const profileReads = () => reads((visitor) => `/v1/profile/bench/seed-v${visitor}`, 21);
const configReads = () => reads(() => '/v1/config/bench', 22);

/** Every fourth batch of the seed is from phones, so the phones segment has members. */
const fromPhone = (batch: number) => batch % 4 === 0;

/**
 * The bench site with `readProfiles` visitors, each a page view and a product view (through the
 * engine, so their segments are kept as ingest keeps them), five segments shown to browsers, and a
 * config of two rules and two placements.
 */
async function seedSite(db: string): Promise<void> {
  const store = openStore(db);
  const siteId = (await addSite(store, ['shop.example'], Date.now(), 'bench')).id;
  await setUpSite(store, siteId);
  const writer = localWriter(store);
  const deps = { store, writer, geo: null };
  const perBatch = batchSize / 2;
  for (let first = 0; first < readProfiles; first += perBatch * 64) {
    await Promise.all(
      Array.from({ length: 64 }, (_, b) => {
        const visitors = Array.from({ length: perBatch }, (_, i) => first + b * perBatch + i).filter((v) => v < readProfiles);
        const events = visitors.flatMap((v) => [
          wireEvent({ visitor_id: `seed-v${v}`, session_id: `seed-s${v}`, url: 'https://shop.example/' }),
          wireEvent({ type: 'track', name: 'product_view', visitor_id: `seed-v${v}`, session_id: `seed-s${v}`, url: 'https://shop.example/p/1', props: { product_id: 'p1', category: 'phones', brand: 'Acme', price: 199 } }),
        ]);
        return events.length ? ingestBatch(deps, { body: { site: 'bench', events }, origin: undefined, userAgent: fromPhone(b) ? iphoneSafari : desktopChrome, ip: '8.8.8.8', receivedAt: Date.now() }) : undefined;
      }),
    );
  }
  const segments = await store.segments.list(siteId);
  // The new, the phones, the warm, High Interest and a rule nobody meets: most answers name one or two.
  const exposed = [['segment 3', 'new'], ['segment 5', 'phones'], ['segment 0', 'warm'], ['segment 7', 'pro']] as const;
  for (const [name, key] of exposed) await writer.run('exposeSegment', { siteId, segmentId: segments.find((s) => s.name === name)!.id, key });
  await writer.run('exposeSegment', { siteId, segmentId: segments.find((s) => s.name.startsWith('High Interest'))!.id, key: 'high-interest' });
  const now = Date.now();
  await writer.run('saveEventRule', { siteId, rule: parseEventRule({ name: 'newsletter_signup', on: 'submit', selector: '#newsletter' }), now });
  await writer.run('saveEventRule', { siteId, rule: parseEventRule({ name: 'compare', on: 'click', selector: '[data-compare]', props: [{ name: 'product_id', from: 'data-product' }] }), now });
  const hero = {
    id: 'hero',
    label: 'Home hero',
    variants: [
      { name: 'High Interest', priority: 10, when: { segments: ['high-interest'] }, content: { kind: 'content', title: 'Acme phones are back', link: '/acme', image: '/img/acme.jpg' } },
      { name: 'Phones', priority: 5, when: { devices: ['phone'] }, content: { kind: 'content', title: 'Shop on the go', link: '/app' } },
      { name: 'Everyone', content: { kind: 'content', title: 'Winter sale', link: '/sale' } },
    ],
  };
  await writer.run('savePlacement', { siteId, placement: parsePlacement(hero), now });
  await writer.run('savePlacement', { siteId, placement: parsePlacement({ id: 9, label: 'Fullscreen Mobile', provider: 'adfox', adaptive: ['phone'], auto_reload: true, adfox: { ownerId: 228129 } }), now });
  await writer.close();
  await store.close();
}
/** Reads as fast as 64 connections take them. */
function saturate(url: string, next: () => Read, seconds: number) {
  return autocannon({
    url: `${url}/v1/config/bench`,
    duration: seconds,
    connections: 64,
    requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', ...next() }) }],
  });
}

/** Reads at a steady rate, in an open loop. */
const steadyReads = (url: string, next: () => Read, perSecond: number, seconds: number) =>
  openLoop(perSecond, seconds, (agent) => {
    const read = next();
    return answered200(agent, new URL(`${url}${read.path}`), { method: 'GET', headers: read.headers });
  });

export interface ReadFigures {
  perSecond: number;
  p99AtTargetMs: number;
  failed: number;
}

/**
 * Profile and config reads against `pulse start --trust-proxy loopback`: each timed at `readTarget`
 * a second for 10 s and then saturated for 10 s, with event batches arriving at 5,000 events/s
 * throughout, as ingest keeps writing the profiles being read.
 */
export async function benchReads(): Promise<{ profiles: ReadFigures; config: ReadFigures; ingestPerSecond: number; ingestP99Ms: number; seedSeconds: number; othersCpu: number }> {
  const db = tempDbPath();
  const seeding = performance.now();
  await seedSite(db);
  const seedSeconds = Math.round((performance.now() - seeding) / 100) / 10;
  const events = eventLoad();
  events.prepare(10_000);
  const server = await startServer(db, ['--trust-proxy', 'loopback']);
  const besideSeconds = 58;
  const run = async (next: () => Read): Promise<ReadFigures> => {
    await saturate(server.url, next, 3); // warm-up: JIT, page cache
    // 5 s at the target rate first: the event batches held up by a saturated run arrive all at once
    // after it, and the steady state is what is timed.
    await steadyReads(server.url, next, readTarget, 5);
    const steady = await steadyReads(server.url, next, readTarget, 10);
    const max = await saturate(server.url, next, 10);
    return { perSecond: Math.round(max['2xx'] / max.duration), p99AtTargetMs: steady.p99, failed: max.errors + max.non2xx + steady.failed };
  };
  const others = cpuBesides([process.pid, server.pid]);
  try {
    const beside = steadyLoad(server.url, events, ingestBeside / batchSize, besideSeconds);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const profiles = await run(profileReads());
    const config = await run(configReads());
    const ingest = await beside;
    const othersCpu = Math.round(others.stop() * 100) / 100;
    return { profiles, config, ingestPerSecond: Math.round((ingest.answered * batchSize) / besideSeconds), ingestP99Ms: ingest.p99, seedSeconds, othersCpu };
  } finally {
    server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchReads());
