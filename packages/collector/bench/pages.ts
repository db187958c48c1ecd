// Stats page benchmark: each page's server time over a database of 5M generated events and 500k profiles.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '../src/storage/store.js';
import { localWriter } from '../src/engine/commands.js';
import { createApp } from '../src/http/app.js';
import { defaultProfileRules } from '../src/profiles/rules.js';
import { newSession, sessionCookie } from '../src/stats/auth/sessions.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** Seeding 5M events takes a while, so the database is made once and kept (data/ is not committed). */
export const defaultBenchDb = fileURLToPath(new URL('../../../data/bench-5m.db', import.meta.url));

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

export async function benchPages(path = process.env.PULSE_BENCH_DB ?? defaultBenchDb, runs = 5) {
  ensureSeeded(path);
  const store = openStore(path);
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
  store.adminSessions.insert(command.tokenHash, command.csrfToken, command.now, command.expiresAt);
  const headers = { cookie: `${sessionCookie}=${token}` };
  const results = [];
  for (const page of await pagesOf(store)) {
    const times: number[] = [];
    // The first request warms SQLite's page cache; the admin's second look is what is measured.
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
