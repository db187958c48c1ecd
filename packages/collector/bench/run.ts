// `npm run bench`: measures Pulse against the targets of DESIGN.md and prints a table for BENCHMARKS.md.
import { cpus, totalmem } from 'node:os';
import { benchBareInsert, benchHttp, benchInProcess, fixedRate } from './ingest.js';
import { benchSweeper } from './sweeper.js';
import { benchPages, benchPagesOnPostgres } from './pages.js';
import { benchLeaseDay, benchNumbersHttp, fixedNumberRate, ingestBeside, poolSize } from './calls.js';
import { benchReads, readProfiles, readTarget } from './reads.js';
import { benchScaleOut } from './scale-out.js';

const rows: [string, string, string][] = [];
const report = (what: string, measured: string, target: string) => {
  rows.push([what, measured, target]);
  console.log(`${what}: ${measured} (target ${target})`);
};

const inProcess = await benchInProcess();
report('ingest in-process on one thread, validation to commit, the same engine', `${inProcess.eventsPerSecond.toLocaleString('en')} events/s`, '—');
const bare = await benchBareInsert();
report('bare-insert limit: the same events as lean rows, 640 to a transaction, nothing else', `${bare.eventsPerSecond.toLocaleString('en')} events/s`, '—');
const http = await benchHttp();
report('ingest over HTTP, batches of 20, 64 connections, the full engine on: profiles, 10 rule segments, the 5 presets, the checkout funnel, clusters, an endpoint', `${http.eventsPerSecond.toLocaleString('en')} events/s`, '≥ 30,000 events/s');
report('HTTP ingest against the bare-insert limit', (http.eventsPerSecond / bare.eventsPerSecond).toFixed(2), '≥ 0.15');
report(`p99 latency at half that rate (${http.halfRate.toLocaleString('en')} events/s), steady state`, `${http.p99AtHalfRateMs} ms`, '≤ 25 ms');
report('p99 latency at half rate in the 10 s right after the saturated run (WAL checkpoint catching up)', `${http.p99AfterBurstMs} ms`, '—');
report(`p99 latency at a fixed ${fixedRate.toLocaleString('en')} events/s, steady state`, `${http.p99AtFixedRateMs} ms`, '—');
const scaleOut = await benchScaleOut();
for (const run of scaleOut) {
  const where = run.backend === 'sqlite' ? 'one collector on SQLite' : `${run.collectors} collector${run.collectors > 1 ? 's' : ''} on one PostgreSQL`;
  report(`ingest over HTTP, batches of 20, the full engine, saturated by 64 connections split over the collectors: ${where}; the worst collector's p99`, `${run.eventsPerSecond.toLocaleString('en')} events/s, p99 ${run.p99Ms} ms`, '—');
}
const numbers = await benchNumbersHttp();
report(
  `number requests over HTTP (/v1/numbers), 64 connections, 4 in 5 from new sessions and 1 in 5 renewing; a pool of ${poolSize}, full after its first ${poolSize} sessions (${numbers.refused.toLocaleString('en')} of ${numbers.sessions.toLocaleString('en')} shown the default); ingest beside`,
  `${numbers.requestsPerSecond.toLocaleString('en')} req/s`,
  '—',
);
report(`p99 latency of number requests at half that rate (${numbers.halfRate.toLocaleString('en')} req/s), ingest beside`, `${numbers.p99AtHalfRateMs} ms`, '—');
report(`p99 latency of number requests at a fixed ${fixedNumberRate.toLocaleString('en')} req/s, ingest beside`, `${numbers.p99AtFixedRateMs} ms`, '—');
report(
  `ingest beside every number run: ${ingestBeside.toLocaleString('en')} events/s asked (batches of 20, the full engine), answered and its p99`,
  `${numbers.ingestPerSecond.toLocaleString('en')} events/s, p99 ${numbers.ingestP99Ms} ms`,
  '—',
);
const reads = await benchReads();
for (const [what, figures] of [['profile reads (GET /v1/profile/:site/:visitor)', reads.profiles], ['config reads (GET /v1/config/:site)', reads.config]] as const) {
  report(`${what}, ${readProfiles.toLocaleString('en')} seeded profiles, 60,000 addresses behind --trust-proxy, 64 connections; ingest beside`, `${figures.perSecond.toLocaleString('en')} req/s`, '≥ 5,000 req/s');
  report(`p99 latency of ${what.split(' (')[0]} at ${readTarget.toLocaleString('en')} req/s, ingest beside`, `${figures.p99AtTargetMs} ms`, '≤ 20 ms');
}
report(
  `ingest beside the read runs: ${ingestBeside.toLocaleString('en')} events/s asked, answered and its p99 (other processes' share of the machine meanwhile: ${Math.round(reads.othersCpu * 100)} %)`,
  `${reads.ingestPerSecond.toLocaleString('en')} events/s, p99 ${reads.ingestP99Ms} ms`,
  '—',
);
const leaseDay = await benchLeaseDay();
report(
  `a simulated day through the writer: ${leaseDay.sessions.toLocaleString('en')} sessions over the daily curve, a pool of ${poolSize}, hold 15 min, renewals every 50 s (${leaseDay.requests.toLocaleString('en')} requests); then the overlap check over its leases`,
  `${leaseDay.seconds} s, check ${leaseDay.checkMs} ms`,
  '—',
);
report('double leases', String(leaseDay.overlaps), '0');
report('sessions of that day shown the default number at least once (of them, never a pool number)', `${leaseDay.defaulted.toLocaleString('en')} (${leaseDay.neverLeased.toLocaleString('en')})`, '—');
const sweeper = await benchSweeper();
report(
  `sweeper pass over ${sweeper.profiles.toLocaleString('en')} profiles after a simulated day (${sweeper.visited.toLocaleString('en')} due), an endpoint listening to group changes and the presets (${sweeper.outboxRows.toLocaleString('en')} outbox rows written)`,
  `${sweeper.seconds} s`,
  '≤ 5 s',
);
const everySegment = await benchSweeper(undefined, 'all');
report(
  `the same pass with the endpoint listening to every segment (${everySegment.outboxRows.toLocaleString('en')} outbox rows written)`,
  `${everySegment.seconds} s`,
  '—',
);
const pages = await benchPages();
for (const { page, medianMs, maxMs } of pages.results) {
  report(`stats page ${page} at ${pages.events.toLocaleString('en')} events / ${pages.profiles.toLocaleString('en')} profiles (median of 5, max)`, `${medianMs} ms (max ${maxMs})`, '≤ 150 ms');
}
const pagesOnPostgres = await benchPagesOnPostgres();
if (pagesOnPostgres.importSeconds !== null) {
  report(`pulse import of that SQLite database into an empty PostgreSQL (${pagesOnPostgres.events.toLocaleString('en')} events, every table, COPY in one transaction)`, `${pagesOnPostgres.importSeconds} s`, '—');
}
for (const { page, medianMs, maxMs } of pagesOnPostgres.results) {
  report(`PostgreSQL: stats page ${page} at ${pagesOnPostgres.events.toLocaleString('en')} events / ${pagesOnPostgres.profiles.toLocaleString('en')} profiles (median of 5, max)`, `${medianMs} ms (max ${maxMs})`, '≤ 150 ms');
}
const errors = http.errors + scaleOut.reduce((n, run) => n + run.errors, 0) + numbers.errors + reads.profiles.failed + reads.config.failed;
if (errors > 0) report('HTTP errors or non-2xx answers during the runs', String(errors), '0');

console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log('| what | measured | target |\n| --- | --- | --- |');
for (const [what, measured, target] of rows) console.log(`| ${what} | ${measured} | ${target} |`);
