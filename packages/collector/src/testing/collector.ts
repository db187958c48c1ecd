// Starts a real collector on a loopback port over a test database (testing/backend.ts), for integration tests.
import { configSchema, type ConfigInput } from '../config.js';
import { startCollector, type Collector, type CollectorOptions } from '../server.js';
import type { Store } from '../storage/store.js';
import { testDb, testStore } from './backend.js';
import { addSite } from '../sites/sites.js';
import { desktopChrome } from './events.js';

export interface TestCollector extends Collector {
  dbPath: string;
  /** A second connection to the same file, for looking at what was stored. */
  store: Store;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
}

export async function startTestCollector(
  sites: { key: string; domains: string[] }[] = [{ key: 'test', domains: ['localhost', '127.0.0.1'] }],
  config: ConfigInput = {},
  options: CollectorOptions = {},
): Promise<TestCollector> {
  const dbPath = await testDb();
  const store = await testStore(dbPath);
  for (const site of sites) await addSite(store, site.domains, Date.now(), site.key);
  const collector = await startCollector(
    // No background refit unless a test asks: one starting on its own would race the test's own steps.
    configSchema.parse({ port: 0, host: '127.0.0.1', db: dbPath, clusterRefitMs: 0, ...config }),
    () => {},
    options,
  );
  return {
    ...collector,
    dbPath,
    store,
    async post(body, headers = {}) {
      const response = await fetch(`${collector.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': desktopChrome, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async close() {
      await collector.close();
      await store.close();
    },
  };
}
