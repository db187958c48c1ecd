// Three collectors on one PostgreSQL against one on SQLite: the same events, sprayed across all three at once (one killed -9 midway), leave the same totals.
import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { postUntilAcknowledged, startCliServer, stopCliServers } from './testing/cli.js';
import { desktopChrome, iphoneSafari, tempDbPath, uuidv7, wireEvent } from './testing/events.js';
import { testDb } from './testing/backend.js';
import { openBackend } from './storage/open.js';
import { addSite } from './sites/sites.js';
import { localWriter } from './engine/commands.js';
import { saveSegment } from './jobs/segments.js';
import { saveFunnel } from './jobs/funnels.js';
import { funnelSchema } from './model/funnel.js';
import { funnelSummary } from './reports/funnels.js';
import { dayOf } from './days.js';

const people = 1_000;
const minute = 60_000;
// Fixed times, the same in both runs: what the engine derives from an event's time comes out the same.
const start = Date.now() - 3 * 60 * minute;

interface Batch {
  body: { site: string; sent_at: number; events: ReturnType<typeof wireEvent>[] };
  agent: string;
}

/**
 * The traffic: each person a few visits of pages, products, carts and purchases; one in ten on two
 * devices that log in as the same customer (a merge); one in twenty a late batch sent offline hours
 * before it arrives; and one batch in fifteen sent twice, to another collector.
 */
function traffic(): { batches: Batch[]; resends: Batch[] } {
  const batches: Batch[] = [];
  const late: Batch[] = [];
  for (let p = 0; p < people; p++) {
    const devices = p % 10 === 0 ? [`v${p}-laptop`, `v${p}-phone`] : [`v${p}`];
    devices.forEach((visitor, d) => {
      const at = start + ((p * 7 + d * 13) % 150) * minute;
      const event = (name: string, offset: number, extra: Partial<Parameters<typeof wireEvent>[0]> = {}) =>
        wireEvent({
          id: uuidv7(at + offset),
          type: name === 'page' || name === 'identify' ? name : 'track',
          name,
          ts: at + offset,
          visitor_id: visitor,
          session_id: `${visitor}-s`,
          url: `http://localhost/${name}`,
          ...extra,
        });
      const events = [event('page', 0), event('product_view', 1_000, { props: { category: p % 3 ? 'shoes' : 'hats' } })];
      if (p % 2 === 0) events.push(event('add_to_cart', 2_000));
      if (p % 4 === 0) events.push(event('purchase', 3_000, { props: { value: 10 + (p % 7) } }));
      if (devices.length > 1) events.push(event('identify', 4_000, { user_id: `customer-${p}` }));
      const batch = { body: { site: 'shop', sent_at: at + 5_000, events }, agent: d === 0 ? desktopChrome : iphoneSafari };
      (p % 20 === 7 ? late : batches).push(batch);
    });
  }
  const resends = batches.filter((_, i) => i % 15 === 3);
  return { batches: [...batches, ...late], resends };
}

/** The site with two rule segments and a funnel, made before any event, as an admin would. */
async function prepare(db: string): Promise<void> {
  const store = await openBackend(db);
  const site = await addSite(store, ['localhost'], start, 'shop');
  const writer = localWriter(store);
  const deps = { writer, now: () => start };
  await saveSegment(deps, site.id, { name: 'Buyers', rules: { event: 'purchase', withinDays: 30, count: { gte: 1 } } });
  await saveSegment(deps, site.id, { name: 'Active', rules: { lifecycle: ['active'] } });
  await saveFunnel({ ...deps, store, log: () => {} }, site.id, undefined, funnelSchema.parse({ name: 'Checkout', windowMinutes: 60, steps: [{ event: 'product_view' }, { event: 'add_to_cart' }, { event: 'purchase' }] }));
  await writer.close();
  await store.close();
}

/**
 * Sends every batch with 12 in flight, each to the next live collector in turn; a batch a collector
 * did not acknowledge goes to another, as the SDK's queue would send it again. `kill` runs once a
 * third of the batches are through.
 */
async function spray(urls: () => string[], batches: Batch[], kill?: () => Promise<void>): Promise<void> {
  let next = 0;
  let sent = 0;
  let killing: Promise<void> | undefined;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await postUntilAcknowledged(urls, batch.body, batch.agent, next);
      if (++sent === Math.floor(batches.length / 3) && kill) killing = kill();
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  await killing;
}

/** Everything the README promises, as read back through the store: keyed by what both runs share (visitor ids, names). */
async function totals(db: string) {
  const store = await openBackend(db);
  try {
    const site = (await store.sites.byKey('shop'))!;
    const range = { siteId: site.id, from: dayOf(start) - 1, to: dayOf(Date.now()) + 1 };
    const segments = await store.segments.list(site.id);
    const segmentName = new Map(segments.map((s) => [s.id, s.name]));
    const persons: Record<string, unknown> = {};
    for (const id of await store.profiles.idsOfSite(site.id)) {
      const profile = (await store.profiles.find(site.id, id))!;
      const visitors = (await store.profiles.visitors(site.id, id)).sort().join(' ');
      persons[visitors] = {
        score: Math.round(profile.score * 1e6) / 1e6,
        lifecycle: profile.lifecycle,
        userId: profile.userId,
        segments: [...(await store.segments.ofProfile(site.id, id))].map((s) => segmentName.get(s)).sort(),
        history: (await store.segments.history(site.id, id)).map((h) => `${segmentName.get(h.segmentId)}:${h.entered}`),
        groups: (await store.profiles.groupChanges(site.id, id)).map((c) => `${c.from}>${c.to}`),
      };
    }
    const funnel = (await store.funnels.list(site.id))[0]!;
    return {
      events: await store.events.count(site.id),
      people: Object.keys(persons).length,
      persons,
      groups: await store.rollups.groupSizes(site.id, dayOf(Date.now())),
      segments: Object.fromEntries(await Promise.all(segments.map(async (s) => [s.name, await store.segments.size(site.id, s.id)]))),
      funnel: await funnelSummary(store, funnel, range),
      traffic: await store.traffic.total(range),
      reach: await store.rollups.reach(range),
      activePeople: await store.rollups.activePeople(range),
      mix: await store.rollups.activityMix(range),
    };
  } finally {
    await store.close();
  }
}

describe('several collectors on one PostgreSQL', () => {
  it('give the totals one collector on SQLite gives, with one of them killed -9 midway', { timeout: 240_000 }, async () => {
    const { batches, resends } = traffic();
    const flags = ['--geo', 'off', '--cluster-refit-ms', '0', '--demo-history', 'off'];

    const sqlite = tempDbPath();
    await prepare(sqlite);
    const single = await startCliServer(['--db', sqlite, ...flags]);
    try {
      await spray(() => [single.url], [...batches, ...resends]);
    } finally {
      await stopCliServers([single.child]);
    }

    const postgres = await testDb();
    await prepare(postgres);
    const collectors = await Promise.all([0, 1, 2].map(() => startCliServer(['--db', postgres, ...flags])));
    let live = collectors;
    try {
      await spray(
        () => live.map((c) => c.url),
        [...batches, ...resends],
        async () => {
          const victim = collectors[2]!;
          victim.child.kill('SIGKILL');
          live = collectors.slice(0, 2);
          await once(victim.child, 'exit');
        },
      );
    } finally {
      await stopCliServers(collectors.map((c) => c.child));
    }

    const expected = await totals(sqlite);
    expect(expected.people).toBe(people);
    expect(expected.events).toBe(batches.reduce((n, b) => n + b.body.events.length, 0));
    expect(await totals(postgres)).toEqual(expected);
  });
});
