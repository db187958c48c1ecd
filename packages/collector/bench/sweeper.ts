// Sweeper benchmark: a million profiles whose last activity spreads over 60 days, then one day passes.
import { openStore } from '../src/storage/store.js';
import { localWriter } from '../src/engine/commands.js';
import { ingestBatch } from '../src/ingest/ingest.js';
import { addSite } from '../src/sites/sites.js';
import { defaultProfileRules } from '../src/profiles/rules.js';
import { sweepDue, sweepPassSize } from '../src/engine/settle-pass.js';
import { desktopChrome, tempDbPath, wireEvent } from '../src/testing/events.js';
import { setUpSite } from './ingest.js';

const day = 86_400_000;

export async function benchSweeper(profiles = 1_000_000, endpointSegments: 'presets' | 'all' = 'presets'): Promise<{ seconds: number; visited: number; profiles: number; outboxRows: number }> {
  const store = openStore(tempDbPath());
  const siteId = (await addSite(store, ['shop.example'], Date.now(), 'bench')).id;
  await setUpSite(store, siteId, endpointSegments);
  const writer = localWriter(store);
  const deps = { store, writer, geo: null };
  const now = Date.now();
  // One product view per person, each batch received when it happened, oldest first.
  for (let i = 0; i < profiles; i += 20) {
    const ts = now - 60 * day + Math.floor((i / profiles) * 60 * day);
    const events = Array.from({ length: 20 }, (_, j) =>
      wireEvent({
        type: 'track', name: 'product_view', ts, visitor_id: `v${i + j}`, session_id: `s${i + j}`, url: 'https://shop.example/p',
        props: { product_id: 'p1', category: 'phones', brand: 'Acme', price: 199 },
      }),
    );
    await ingestBatch(deps, { body: { site: 'bench', events }, origin: undefined, userAgent: desktopChrome, ip: undefined, receivedAt: ts });
  }
  const sweepAll = async (at: number) => {
    let visited = 0;
    for (let n = sweepPassSize; n === sweepPassSize; visited += n) n = await store.transaction(() => sweepDue({ store, rules: defaultProfileRules }, at));
    return visited;
  };
  await sweepAll(now); // the sweeper has kept up until now
  const queued = async () => (await store.webhooks.list(siteId))[0]!.pending;
  const queuedBefore = await queued();
  const started = performance.now();
  const visited = await sweepAll(now + day);
  const seconds = (performance.now() - started) / 1000;
  const outboxRows = await queued() - queuedBefore;
  await store.close();
  return { seconds: Math.round(seconds * 100) / 100, visited, profiles, outboxRows };
}
