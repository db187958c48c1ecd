// Three collectors on one PostgreSQL, one killed -9 mid-load while it holds claimed background work: the webhook deliveries it leased and the cluster refit it claimed go to the other two once the lease and the claim run out.
import { describe, expect, it } from 'vitest';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { postUntilAcknowledged, startCliServer, stopCliServers } from './testing/cli.js';
import { desktopChrome, uuidv7, wireEvent } from './testing/events.js';
import { testDb } from './testing/backend.js';
import { openBackend } from './storage/open.js';
import { jobKey } from './storage/settings.js';
import { addSite } from './sites/sites.js';
import { localWriter } from './engine/commands.js';
import { defaultDeliverySchedule, leaseMs } from './jobs/delivery.js';
import { claimedFor } from './jobs/repeat.js';
import { firstRefitAfterMs } from './jobs/refit.js';
import { newEndpointSchema } from './webhooks/endpoints.js';

/** --cluster-refit-ms: how often each collector asks for a site's refit; a claim holds it for claimedFor of that. */
const refitMs = 20_000;
/** How long the collector that claimed a delivery holds it (the default timeout plus a margin). */
const lease = leaseMs(defaultDeliverySchedule.timeoutMs);
/** A collector has at most one claim's deliveries in flight: more than two claims' worth held at once means all three hold some. */
const allThreeHolding = 2 * defaultDeliverySchedule.batch + 1;

interface Arrival {
  deliveryId: string;
  at: number;
  /** held: not answered yet; answered: a 200 went back; cut: the sender's connection closed before an answer. */
  state: 'held' | 'answered' | 'cut';
  endedAt?: number;
}

/** A webhook receiver on 127.0.0.1 that leaves every delivery unanswered until released, then answers each with a 200; it notes how each one ended. */
async function startHoldingReceiver() {
  const arrivals: Arrival[] = [];
  const held = new Map<Arrival, ServerResponse>();
  let holding = true;
  const answer = (arrival: Arrival, res: ServerResponse) => {
    arrival.state = 'answered';
    arrival.endedAt = Date.now();
    res.writeHead(200).end();
  };
  const server = createServer((req, res) => {
    const arrival: Arrival = { deliveryId: String(req.headers['pulse-delivery-id']), at: Date.now(), state: 'held' };
    arrivals.push(arrival);
    req.resume();
    req.on('end', () => (holding ? held.set(arrival, res) : answer(arrival, res)));
    res.on('close', () => {
      held.delete(arrival);
      if (arrival.state !== 'held') return;
      arrival.state = 'cut';
      arrival.endedAt = Date.now();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pulse`,
    arrivals,
    held: () => held.size,
    release() {
      holding = false;
      for (const [arrival, res] of held) answer(arrival, res);
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** The site and a webhook endpoint for segment entries, made before any collector starts, as an admin would; the segment comes later, through the API. */
async function prepare(db: string, receiverUrl: string): Promise<{ siteId: number; endpointId: number }> {
  const store = await openBackend(db);
  const writer = localWriter(store);
  try {
    const site = await addSite(store, ['localhost'], Date.now(), 'shop');
    const input = newEndpointSchema.parse({ url: receiverUrl, events: ['segment.entered'] });
    const endpoint = await writer.run('addEndpoint', { siteId: site.id, input, now: Date.now() });
    if ('field' in endpoint) throw new Error(`endpoint not added: ${endpoint.message}`);
    return { siteId: site.id, endpointId: endpoint.id };
  } finally {
    await writer.close();
    await store.close();
  }
}

/** One visitor's batch of events with these names, sent now. */
function visit(visitor: string, names: string[]) {
  const events = names.map((name) =>
    wireEvent({ id: uuidv7(), type: name === 'page' ? 'page' : 'track', name, visitor_id: visitor, session_id: `${visitor}-s`, url: `http://localhost/${name}` }),
  );
  return { site: 'shop', sent_at: Date.now(), events };
}

/**
 * Visitors arriving until stopped, each one batch (a page and a product view), from three senders
 * over the live collectors. Counts what was acknowledged; stop() waits for the batches under way.
 */
function startLoad(live: () => string[], prefix: string) {
  let stopped = false;
  let next = 0;
  const acknowledged = { people: 0, events: 0 };
  const sender = async () => {
    while (!stopped) {
      const p = next++;
      const body = visit(`${prefix}${p}`, ['page', 'product_view']);
      await postUntilAcknowledged(live, body, desktopChrome, p);
      acknowledged.people += 1;
      acknowledged.events += body.events.length;
      await sleep(10);
    }
  };
  const senders = Promise.all(Array.from({ length: 3 }, sender));
  return {
    people: () => acknowledged.people,
    stop: async () => {
      stopped = true;
      await senders;
      return acknowledged;
    },
  };
}

describe('several collectors on one PostgreSQL, one killed -9', () => {
  it('leave what it had claimed to the others once its claims run out: its webhook deliveries and its cluster refit', { timeout: 120_000 }, async () => {
    const receiver = await startHoldingReceiver();
    const db = await testDb();
    const { siteId, endpointId } = await prepare(db, receiver.url);
    const store = await openBackend(db);
    const adminToken = 'claims-test-admin-token';
    const flags = ['--db', db, '--geo', 'off', '--cluster-refit-ms', String(refitMs), '--admin-token', adminToken];
    const victim = await startCliServer(flags);
    const children = [victim.child];
    let live = [victim.url];
    const loads: ReturnType<typeof startLoad>[] = [];
    try {
      // Visitors arrive at the victim; a second later two more collectors start. None asks for the
      // refit before firstRefitAfterMs from its start: a claim made before that from the others' start
      // is the victim's, which asks that long after its own.
      loads.push(startLoad(() => live, 'early'));
      await sleep(1_000);
      const othersStarted = Date.now();
      const others = await Promise.all([0, 1].map(() => startCliServer(flags)));
      children.push(...others.map((c) => c.child));
      const refitJob = jobKey(`refit:${siteId}`);
      await expect.poll(() => store.settings.get(refitJob), { timeout: 10_000, interval: 50 }).toBeDefined();
      const claimed = Number(await store.settings.get(refitJob));
      expect(claimed).toBeLessThan(othersStarted + firstRefitAfterMs);
      // Three claims' worth of visitors before the segment below.
      await expect.poll(loads[0]!.people, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(3 * defaultDeliverySchedule.batch);
      const early = await loads[0]!.stop();
      live = [victim.url, ...others.map((c) => c.url)];

      // A segment every visitor enters, saved through the API: the visitors so far enter it in one
      // transaction, so each collector's next look at the outbox claims a full batch. The receiver
      // holds every delivery unanswered; the victim is killed, under load, while all three hold some.
      const saved = await fetch(`${others[0]!.url}/api/v1/sites/shop/segments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Visitors', rules: { event: 'page', withinDays: 30, count: { gte: 1 } } }),
      });
      expect(saved.status).toBe(201);
      await expect.poll(receiver.held, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(allThreeHolding);
      loads.push(startLoad(() => live, 'late'));
      await expect.poll(loads[1]!.people, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(20);

      live = others.map((c) => c.url);
      const killedAt = Date.now();
      expect(killedAt).toBeLessThan(claimed + claimedFor(refitMs));
      victim.child.kill('SIGKILL');
      await once(victim.child, 'exit');
      // The victim's connections close with it: what it was sending is cut off unanswered.
      await expect.poll(() => receiver.arrivals.some((a) => a.state === 'cut'), { timeout: 5_000, interval: 20 }).toBe(true);
      await sleep(200);
      receiver.release();
      const releasedAt = Date.now();
      await sleep(2_000);
      const late = await loads[1]!.stop();
      const sent = { people: early.people + late.people, events: early.events + late.events };

      // Every row is delivered: the survivors' at once, the victim's when its lease runs out.
      const endpoint = async () => (await store.webhooks.list(siteId)).find((e) => e.id === endpointId)!;
      await expect.poll(async () => (await endpoint()).pending, { timeout: lease + 15_000, interval: 200 }).toBe(0);
      const finished = await endpoint();
      expect(finished).toMatchObject({ delivered: sent.people, failed: 0 });
      expect(await store.events.count(siteId)).toBe(sent.events);

      const cut = receiver.arrivals.filter((a) => a.state === 'cut');
      const answered = receiver.arrivals.filter((a) => a.state === 'answered');
      // Cut off by the kill, not by a timeout: those were in flight when it died.
      expect(cut.every((a) => a.endedAt! >= killedAt && a.endedAt! <= releasedAt)).toBe(true);
      expect(receiver.arrivals.every((a) => a.state !== 'held')).toBe(true);
      const recorded = (await store.webhooks.recentDeliveries(siteId, endpointId, 100_000)).map((d) => d.deliveryId);
      expect(new Set(answered.map((a) => a.deliveryId))).toEqual(new Set(recorded));
      expect(answered.length).toBe(recorded.length);
      // A row cut off arrived once more, from a survivor, only after its lease ran out; no other row arrived twice.
      const sentTwice = new Set(recorded.filter((id) => receiver.arrivals.filter((a) => a.deliveryId === id).length > 1));
      expect(sentTwice).toEqual(new Set(cut.map((a) => a.deliveryId)));
      for (const first of cut) {
        const again = answered.find((a) => a.deliveryId === first.deliveryId)!;
        expect(again.at - first.at).toBeGreaterThanOrEqual(lease - 1_000);
        expect(again.at - first.at).toBeLessThan(lease + 5_000);
      }

      // The refit: the victim held the claim when it died; a survivor claims it once the claim runs out, and refits.
      const runsOut = claimed + claimedFor(refitMs);
      await expect.poll(async () => Number(await store.settings.get(refitJob)), { timeout: 2 * refitMs + 5_000, interval: 200 }).toBeGreaterThan(claimed);
      const reclaimed = Number(await store.settings.get(refitJob));
      // Not before the claim ran out, and at the others' next turn after it: each asks every refitMs.
      expect(reclaimed).toBeGreaterThanOrEqual(runsOut);
      expect(reclaimed).toBeLessThan(runsOut + refitMs + 2_000);
      await expect.poll(async () => (await store.clusters.model(siteId))?.fittedAt ?? 0, { timeout: 15_000, interval: 200 }).toBeGreaterThanOrEqual(reclaimed);
    } finally {
      await Promise.allSettled(loads.map((load) => load.stop()));
      receiver.release();
      await stopCliServers(children);
      await store.close();
      await receiver.close();
    }
  });
});
