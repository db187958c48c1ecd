import { describe, expect, it } from 'vitest';
import { localWriter } from '../engine/commands.js';
import { ingestBatch } from '../ingest/ingest.js';
import { addSite } from '../sites/sites.js';
import { desktopChrome, iphoneSafari, uuidv7, wireEvent } from '../testing/events.js';
import { dayOf } from '../days.js';
import { adoptStalledReplays, saveFunnel } from '../jobs/funnels.js';
import { replayChunk } from '../engine/funnels.js';
import { bucketSeconds } from './advance.js';
import { funnelSchema, type Funnel, type FunnelInput } from '../model/funnel.js';
import { testStore } from '../testing/backend.js';

const minute = 60_000;
const start = Date.UTC(2026, 0, 5, 10);

interface Step {
  name: string;
  at: number;
  props?: Record<string, unknown>;
}

async function setup() {
  const store = await testStore();
  const site = await addSite(store, ['shop.example'], start, 'shop');
  const writer = localWriter(store);
  const log: string[] = [];
  const deps = { store, writer, geo: null, log: (m: string) => log.push(m), now: () => start };
  /** One person's events in one batch, from a source (a utm_source) and a phone or a desktop. */
  const send = async (visitor: string, steps: Step[], how: { source?: string; phone?: boolean } = {}) => {
    const answer = await ingestBatch(deps, {
      body: {
        site: 'shop',
        events: steps.map((s) =>
          wireEvent({
            id: uuidv7(s.at),
            type: 'track',
            name: s.name,
            ts: s.at,
            visitor_id: visitor,
            session_id: `s-${visitor}`,
            url: how.source ? `https://shop.example/?utm_source=${how.source}` : 'https://shop.example/',
            props: s.props,
          }),
        ),
      },
      origin: undefined,
      userAgent: how.phone ? iphoneSafari : desktopChrome,
      ip: undefined,
      receivedAt: Math.max(...steps.map((s) => s.at)),
    });
    expect(answer.rejected).toEqual([]);
  };
  const funnel = async (input: Partial<FunnelInput> & { steps: FunnelInput['steps'] }, id?: number) => {
    const definition = funnelSchema.parse({ name: 'Checkout', windowMinutes: 30, ...input });
    const answer = await saveFunnel(deps, site.id, id, definition);
    if (!answer || !('funnel' in answer)) throw new Error(`not saved: ${JSON.stringify(answer)}`);
    await computed(answer.funnel.id);
    return answer.funnel;
  };
  /** Waits out the funnel's replay. */
  const computed = async (id: number) => {
    while ((await store.funnels.find(site.id, id))?.computing) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const days = { from: dayOf(start) - 400, to: dayOf(start) + 400 };
  /** People reaching each step, over every start day. */
  const reached = async (id: number, steps: number) => {
    const totals = Array.from({ length: steps }, () => 0);
    for (const row of await store.funnels.counts(site.id, id, days.from, days.to)) totals[row.step - 1]! += row.people;
    return totals;
  };
  return { store, site, writer, deps, send, funnel, computed, reached, log, days };
}

const shop = { steps: [{ event: 'product_view' }, { event: 'add_to_cart' }, { event: 'purchase' }] };

describe('funnels', () => {
  it('converts a person who does the steps in order within the window', async () => {
    const { send, funnel, reached } = await setup();
    const f = await funnel(shop);
    await send('ada', [
      { name: 'page', at: start },
      { name: 'product_view', at: start + minute },
      { name: 'product_view', at: start + 2 * minute },
      { name: 'add_to_cart', at: start + 3 * minute },
    ]);
    await send('ada', [{ name: 'purchase', at: start + 10 * minute }]);
    expect(await reached(f.id, 3)).toEqual([1, 1, 1]);
  });

  it('does not convert steps done out of order', async () => {
    const { send, funnel, reached } = await setup();
    const f = await funnel(shop);
    await send('bob', [
      { name: 'add_to_cart', at: start },
      { name: 'purchase', at: start + minute },
      { name: 'product_view', at: start + 2 * minute },
      { name: 'purchase', at: start + 3 * minute },
    ]);
    expect(await reached(f.id, 3)).toEqual([1, 0, 0]);
  });

  it('ignores a step that arrives late, earlier than the step already reached', async () => {
    const { send, funnel, reached } = await setup();
    const f = await funnel(shop);
    await send('cy', [{ name: 'product_view', at: start + 5 * minute }]);
    await send('cy', [{ name: 'add_to_cart', at: start + minute }]);
    expect(await reached(f.id, 3)).toEqual([1, 0, 0]);
  });

  it('starts a new attempt once the window has run out, counted on its own start day', async () => {
    const { send, funnel, reached, store, site, days } = await setup();
    const f = await funnel(shop);
    await send('dee', [
      { name: 'product_view', at: start },
      { name: 'add_to_cart', at: start + 31 * minute },
    ]);
    expect(await reached(f.id, 3)).toEqual([1, 0, 0]);
    const tomorrow = start + 24 * 60 * minute;
    await send('dee', [
      { name: 'product_view', at: tomorrow },
      { name: 'add_to_cart', at: tomorrow + 29 * minute },
      { name: 'purchase', at: tomorrow + 30 * minute },
    ]);
    expect(await reached(f.id, 3)).toEqual([2, 1, 1]);
    expect((await store.funnels.counts(site.id, f.id, dayOf(tomorrow), dayOf(tomorrow))).map((r) => r.step).sort()).toEqual([1, 2, 3]);
    // Took 30 minutes: the median's bucket stands for about that.
    const [time] = await store.funnels.times(site.id, f.id, days.from, days.to);
    expect(time!.people).toBe(1);
    expect(bucketSeconds(time!.bucket) / 1800).toBeCloseTo(1, 0);
  });

  it('starts a new attempt after a completed one, but not while one is open', async () => {
    const { send, funnel, reached } = await setup();
    const f = await funnel(shop);
    await send('eve', [
      { name: 'product_view', at: start },
      { name: 'product_view', at: start + minute },
      { name: 'add_to_cart', at: start + 2 * minute },
      { name: 'purchase', at: start + 3 * minute },
      { name: 'product_view', at: start + 4 * minute },
    ]);
    expect(await reached(f.id, 3)).toEqual([2, 1, 1]);
  });

  it('respects prop conditions on a step', async () => {
    const { send, funnel, reached } = await setup();
    const f = await funnel({
      steps: [
        { event: 'product_view', where: [{ prop: 'category', op: 'eq', value: 'shoes' }] },
        { event: 'purchase', where: [{ prop: 'value', op: 'gt', value: 100 }] },
      ],
    });
    await send('fay', [
      { name: 'product_view', at: start, props: { category: 'hats' } },
      { name: 'purchase', at: start + minute, props: { value: 500 } },
    ]);
    expect(await reached(f.id, 2)).toEqual([0, 0]);
    await send('fay', [
      { name: 'product_view', at: start + 2 * minute, props: { category: 'shoes' } },
      { name: 'purchase', at: start + 3 * minute, props: { value: 50 } },
    ]);
    expect(await reached(f.id, 2)).toEqual([1, 0]);
    await send('fay', [{ name: 'purchase', at: start + 4 * minute, props: { value: 150 } }]);
    expect(await reached(f.id, 2)).toEqual([1, 1]);
  });

  it('breaks attempts down by the person\'s first source and the device they started on', async () => {
    const { send, funnel, store, site, days } = await setup();
    const f = await funnel(shop);
    const buy = [
      { name: 'product_view', at: start },
      { name: 'add_to_cart', at: start + minute },
    ];
    await send('gus', buy, { source: 'newsletter', phone: true });
    await send('hal', buy, { source: 'newsletter' });
    await send('ivy', buy.slice(0, 1), { phone: true });
    const rows = (await store.funnels.counts(site.id, f.id, days.from, days.to)).map((r) => [r.step, r.source, r.device, r.people]);
    expect(rows.sort()).toEqual([
      [1, 'direct', 'phone', 1],
      [1, 'newsletter', 'desktop', 1],
      [1, 'newsletter', 'phone', 1],
      [2, 'newsletter', 'desktop', 1],
      [2, 'newsletter', 'phone', 1],
    ]);
  });

  it('computes a funnel saved later from the stored events exactly as ingest computed it live, over several chunks', async () => {
    const { send, funnel, store, days, deps, site, computed, writer } = await setup();
    const live = await funnel({ ...shop, name: 'live', windowMinutes: 60 });
    const names = ['page', 'product_view', 'add_to_cart', 'purchase'];
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    const batches = Array.from({ length: 120 }, (_, person) => {
      let at = start + person * 7 * minute;
      const steps = Array.from({ length: 100 }, () => ({ name: names[Math.floor(random() * names.length)]!, at: (at += Math.floor(random() * 4 * minute)) }));
      return { visitor: `p${person}`, steps, how: { source: ['ads', 'mail', undefined][person % 3], phone: person % 2 === 0 } };
    });
    expect(batches.length * 100).toBeGreaterThan(2 * replayChunk);
    for (const b of batches.slice(0, 80)) await send(b.visitor, b.steps, b.how);
    // Saved while more events keep arriving: the replay and ingest hand over without counting anything twice.
    const answer = await saveFunnel(deps, site.id, undefined, funnelSchema.parse({ ...shop, name: 'later', windowMinutes: 60 }));
    const later = (answer as { funnel: { id: number } }).funnel;
    await Promise.all(batches.slice(80).map((b) => send(b.visitor, b.steps, b.how)));
    await computed(later.id);
    await writer.flush();
    const sorted = async (id: number) => (await store.funnels.counts(site.id, id, days.from, days.to)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect((await sorted(live.id)).length).toBeGreaterThan(10);
    expect(await sorted(later.id)).toEqual(await sorted(live.id));
    expect(await store.funnels.times(site.id, later.id, days.from, days.to)).toEqual(await store.funnels.times(site.id, live.id, days.from, days.to));
  });

  it('recomputes a funnel whose steps change, keeps its numbers on a rename, and deletes it with its counts', async () => {
    const { send, funnel, reached, store, site, deps, days } = await setup();
    await send('jo', [
      { name: 'product_view', at: start },
      { name: 'add_to_cart', at: start + minute },
      { name: 'checkout_start', at: start + 2 * minute },
    ]);
    const f = await funnel(shop);
    expect(await reached(f.id, 3)).toEqual([1, 1, 0]);
    const changed = await funnel({ steps: [{ event: 'add_to_cart' }, { event: 'checkout_start' }] }, f.id);
    expect(changed.generation).toBe(f.generation + 1);
    expect(await reached(f.id, 2)).toEqual([1, 1]);
    const renamed = await funnel({ name: 'Carts', steps: [{ event: 'add_to_cart' }, { event: 'checkout_start' }] }, f.id);
    expect([renamed.name, renamed.computing, renamed.generation]).toEqual(['Carts', false, changed.generation]);
    expect(await deps.writer.run('deleteFunnel', { siteId: site.id, id: f.id })).toBe(true);
    expect(await store.funnels.counts(site.id, f.id, days.from, days.to)).toEqual([]);
    expect(await store.funnels.list(site.id)).toEqual([]);
  });

  it('refuses a second funnel of the same name', async () => {
    const { funnel, deps, site } = await setup();
    await funnel(shop);
    expect(await saveFunnel(deps, site.id, undefined, funnelSchema.parse({ name: 'Checkout', windowMinutes: 30, ...shop }))).toEqual({
      field: 'name',
      message: "name: a funnel named 'Checkout' exists already",
    });
  });

  it('has a replay that a stopped collector left unfinished taken up by one that is running', async () => {
    const { send, deps, site, writer, store, reached } = await setup();
    await send('ann', [{ name: 'product_view', at: start }, { name: 'add_to_cart', at: start + minute }]);
    const stop = adoptStalledReplays(deps, 20);
    try {
      // What a collector killed right after saving a funnel leaves: the funnel saved, its replay never run.
      const saved = await writer.run('saveFunnel', { siteId: site.id, definition: funnelSchema.parse({ name: 'Checkout', windowMinutes: 30, ...shop }), now: start });
      const { funnel } = saved as { funnel: Funnel };
      expect(funnel.computing).toBe(true);
      await expect.poll(async () => (await store.funnels.find(site.id, funnel.id))?.computing, { timeout: 5_000, interval: 20 }).toBe(false);
      expect(await reached(funnel.id, 3)).toEqual([1, 1, 0]);
    } finally {
      await stop();
    }
  });
});
