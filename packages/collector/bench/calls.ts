// Call-tracking benchmarks: /v1/numbers over HTTP with ingest running beside it, and a simulated day of leases checked for a number held twice.
import { openStore } from '../src/storage/store.js';
import { localWriter } from '../src/engine/commands.js';
import { addSite } from '../src/sites/sites.js';
import { dayOf } from '../src/days.js';
import { random } from '../src/seed/random.js';
import { tempDbPath } from '../src/testing/events.js';
import { addPool, simulateLeaseDay } from '../src/testing/lease-day.js';
import { batchSize, bodyPool, cannon, eventLoad, setUpSite, startServer, steadyLoad } from './ingest.js';

/** Events a second sent to /v1/events during every number run: a busy shop's moderate load. */
export const ingestBeside = 5_000;
export const poolSize = 500;
/** A steady rate number requests are also timed at, whatever the saturated rate: a far busier site than most. */
export const fixedNumberRate = 1_000;

/**
 * Number requests as pages make them: four in five from a session arriving, one in five a page
 * renewing the number of one of the last thousand sessions.
 */
function numberLoad() {
  const r = random(13);
  let sessions = 0;
  return {
    path: '/v1/numbers',
    ...bodyPool(() => {
      const s = sessions > 0 && r() < 0.2 ? sessions - 1 - Math.floor(r() * Math.min(sessions, 1_000)) : sessions++;
      const context = { url: `https://shop.example/product/p${s % 8}?utm_source=bench`, referrer: 'https://www.google.com/' };
      return JSON.stringify({ site: 'bench', visitor_id: `numbers-v${s}`, session_id: `numbers-s${s}`, context });
    }),
  };
}

/**
 * /v1/numbers against the built collector, saturated and then at steady rates, with event batches
 * arriving beside it throughout. The pool is full after its first 500 sessions, as a real pool is
 * at a burst: most answers are then the default number, the path a busy site's peak takes.
 */
export async function benchNumbersHttp(): Promise<{
  requestsPerSecond: number;
  halfRate: number;
  p99AtHalfRateMs: number;
  p99AtFixedRateMs: number;
  ingestPerSecond: number;
  ingestP99Ms: number;
  sessions: number;
  refused: number;
  errors: number;
}> {
  const db = tempDbPath();
  const store = openStore(db);
  const siteId = (await addSite(store, ['shop.example'], Date.now(), 'bench')).id;
  await setUpSite(store, siteId);
  const writer = localWriter(store);
  const pool = await addPool(writer, siteId, { size: poolSize, now: Date.now() });
  await writer.close();
  await store.close();

  const events = eventLoad();
  events.prepare(10_000);
  const numbers = numberLoad();
  numbers.prepare(100_000);
  const server = await startServer(db);
  // Ingest runs through every number run: 2 s alone, then 3 of warm-up, 10 saturated, 5 settling and
  // 10 measured at half rate, 10 at the fixed rate.
  const besideSeconds = 41;
  const runs = async () => {
    const beside = steadyLoad(server.url, events, ingestBeside / batchSize, besideSeconds);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await cannon(server.url, numbers, { duration: 3, connections: 64 });
    const max = await cannon(server.url, numbers, { duration: 10, connections: 64 });
    const halfRate = Math.round(max['2xx'] / max.duration / 2);
    await steadyLoad(server.url, numbers, halfRate, 5);
    const half = await steadyLoad(server.url, numbers, halfRate, 10);
    return { max, halfRate, half, fixed: await steadyLoad(server.url, numbers, fixedNumberRate, 10), ingest: await beside };
  };
  const { max, halfRate, half, fixed, ingest } = await runs().finally(server.stop);
  const tallied = openStore(db);
  const tally = await tallied.calls.poolTally(siteId, pool.id, 0, Math.ceil(Date.now() / 3_600_000)); // every hour until now
  await tallied.close();
  return {
    requestsPerSecond: Math.round(max['2xx'] / max.duration),
    halfRate,
    p99AtHalfRateMs: half.p99,
    p99AtFixedRateMs: fixed.p99,
    ingestPerSecond: Math.round((ingest.answered * batchSize) / besideSeconds),
    ingestP99Ms: ingest.p99,
    sessions: tally.sessions,
    refused: tally.misses,
    errors: max.errors + max.non2xx + half.failed + fixed.failed + ingest.failed,
  };
}

/**
 * A day of 100,000 sessions into a pool of 500 through the writer, the clock passed in, then every
 * pair of one number's leases checked for a shared moment. Throws if there is one: a call to that
 * number could be given to either session.
 */
export async function benchLeaseDay(sessions = 100_000): Promise<{
  sessions: number;
  requests: number;
  defaulted: number;
  neverLeased: number;
  overlaps: number;
  seconds: number;
  checkMs: number;
}> {
  const store = openStore(tempDbPath());
  const siteId = (await addSite(store, ['shop.example'], Date.now(), 'bench')).id;
  const writer = localWriter(store);
  const started = performance.now();
  const day = await simulateLeaseDay(writer, { siteId, poolSize, sessions, day: dayOf(Date.now()) - 1 });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const checked = performance.now();
  const overlaps = await store.calls.overlappingLeases(siteId, day.poolId);
  const checkMs = Math.round(performance.now() - checked);
  await store.close();
  if (overlaps !== 0) throw new Error(`double leases: ${overlaps} pairs of leases held one number at the same moment`);
  return { sessions, requests: day.requests, defaulted: day.defaulted, neverLeased: day.neverLeased, overlaps, seconds, checkMs };
}
