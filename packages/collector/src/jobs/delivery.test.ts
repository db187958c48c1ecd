import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { startCollector } from '../server.js';
import { configSchema } from '../config.js';
import { uuidv7, wireEvent } from '../testing/events.js';
import { exponentialBackoff, type DeliverySchedule } from './delivery.js';
import type { WebhookPayload } from '../model/webhook.js';

const day = 86_400_000;

interface Received {
  deliveryId: string;
  signature: string;
  contentType: string;
  body: string;
  payload: WebhookPayload;
}

/** A webhook receiver on 127.0.0.1 whose answer the test sets; it can also be stopped (port closed) and started again on its port. */
async function startReceiver() {
  const received: Received[] = [];
  let answer = (_payload: WebhookPayload): number => 200;
  let refused = 0;
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          const payload = JSON.parse(body) as WebhookPayload;
          const status = answer(payload);
          if (status >= 200 && status < 300) {
            received.push({
              deliveryId: String(req.headers['pulse-delivery-id']),
              signature: String(req.headers['pulse-signature']),
              contentType: String(req.headers['content-type']),
              body,
              payload,
            });
          } else refused += 1;
          res.writeHead(status).end();
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    received,
    get refused() {
      return refused;
    },
    get url() {
      return `http://127.0.0.1:${port}/hooks/pulse?from=test`;
    },
    answer(fn: (payload: WebhookPayload) => number) {
      answer = fn;
    },
    stop: () => new Promise<void>((resolve) => (server!.closeAllConnections(), server!.close(() => resolve()))),
    start: listen,
  };
}

/** The README's check: the HMAC of "t.body" with the endpoint's secret, compared in constant time. */
function validSignature(header: string, body: string, secret: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const fast = { retryDelay: exponentialBackoff(20, 300), pollMs: 20, timeoutMs: 2_000 };

let collector: TestCollector | undefined;
let stopReceiver: (() => Promise<void>) | undefined;
afterEach(async () => {
  await collector?.close();
  await stopReceiver?.().catch(() => {});
  collector = stopReceiver = undefined;
});

async function setup(schedule: Partial<DeliverySchedule> = fast) {
  collector = await startTestCollector(undefined, { sweepIntervalMs: 50 }, { webhookSchedule: schedule });
  const receiver = await startReceiver();
  stopReceiver = receiver.stop;
  const c = collector;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${c.url}/api/v1/sites/test${path}`, {
      method,
      headers: { authorization: `Bearer ${c.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: response.status === 204 ? null : await response.json() };
  };
  /** One event of a visitor, `ago` ms in the past, in a batch of its own. */
  const event = async (visitor: string, name: string, ago = 0) => {
    const ts = Date.now() - ago;
    const answer = await c.post({ site: 'test', events: [wireEvent({ id: uuidv7(ts), type: 'track', name, ts, visitor_id: visitor, session_id: `s-${visitor}-${ago}` })] });
    expect(answer.json.rejected ?? []).toEqual([]);
    expect(answer.status).toBe(200);
  };
  const endpoint = async () => (await c.store.webhooks.list((await c.store.sites.byKey('test'))!.id))[0]!;
  return { collector: c, receiver, admin, event, endpoint };
}

/** What a person's life sends, in this order: new → passive and into "Passive", then back to active and out, then into "Buyers". */
const lifeOfAPerson = ['group.changed new→passive', 'segment.entered Passive', 'group.changed passive→active', 'segment.exited Passive', 'segment.entered Buyers'];
const describeWebhook = (p: WebhookPayload) => `${p.type} ${p.segment ? p.segment.name : `${p.group!.from}→${p.group!.to}`}`;

describe('webhook delivery', () => {
  it('gets every webhook to a receiver that was down (refusing, then closed) once it is up: once each, signed, in order per profile', async () => {
    const { collector, receiver, admin, event, endpoint } = await setup();
    const added = await admin('POST', '/webhooks', { url: receiver.url });
    expect(added.status).toBe(201);
    const secret = added.json.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect((await admin('GET', '/webhooks')).json[0].secret).toBeUndefined();
    expect((await admin('POST', '/segments', { name: 'Passive', rules: { lifecycle: ['passive'] } })).status).toBe(201);
    expect((await admin('POST', '/segments', { name: 'Buyers', rules: { event: 'purchase', withinDays: 30, count: { gte: 1 } } })).status).toBe(201);

    // Down, answering 503: every change of the first two people is refused at least once.
    receiver.answer(() => 503);
    for (const visitor of ['ann', 'bob']) await event(visitor, 'page', 10 * day);
    await until('the receiver has refused both people', () => receiver.refused >= 2);
    for (const visitor of ['ann', 'bob']) await event(visitor, 'page');

    // Down, port closed: the rest of their changes and all of a third person's.
    await receiver.stop();
    await event('cyd', 'page', 10 * day);
    for (const visitor of ['ann', 'bob', 'cyd']) await event(visitor, 'purchase');
    await event('cyd', 'page');
    // Each person's first change is tried while the receiver is down; under load the third may come a hold later than the others.
    await until('every person\'s first change met the receiver down, one a closed port', async () => {
      const troubled = await collector.store.webhooks.troubled(1, (await endpoint()).id, 50);
      return new Set(troubled.map((row) => row.profileId)).size === 3 && troubled.some((row) => row.lastError === 'ECONNREFUSED');
    });
    expect(receiver.received).toEqual([]);
    expect(await endpoint()).toMatchObject({ pending: 15, delivered: 0, failed: 0 });

    // Up: everything arrives.
    receiver.answer(() => 200);
    await receiver.start();
    await until('all 15 webhooks arrived and are recorded', async () => receiver.received.length >= 15 && (await endpoint()).pending === 0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for a duplicate to show up, if one were sent
    expect(receiver.received).toHaveLength(15);
    expect(new Set(receiver.received.map((r) => r.deliveryId)).size).toBe(15);
    for (const r of receiver.received) {
      expect(r.deliveryId).toBe(r.payload.id);
      expect(r.contentType).toBe('application/json');
      expect(validSignature(r.signature, r.body, secret)).toBe(true);
      expect(validSignature(r.signature, r.body.replace('test', 'tesT'), secret)).toBe(false);
    }
    const profiles = new Set(receiver.received.map((r) => r.payload.profile.id));
    expect(profiles.size).toBe(3);
    for (const id of profiles) {
      expect(receiver.received.filter((r) => r.payload.profile.id === id).map((r) => describeWebhook(r.payload))).toEqual(lifeOfAPerson);
    }
    expect(await endpoint()).toMatchObject({ pending: 0, delivered: 15, failed: 0 });
    const rows = await collector.store.webhooks.recentDeliveries(1, (await endpoint()).id, 50);
    expect(rows.every((row) => row.lastStatus === 200 && row.state === 'delivered')).toBe(true);
    // Each person's first change was tried while the receiver was down; the ones behind it waited their turn untried.
    expect(rows.filter((row) => row.attempts >= 2).length).toBe(3);
  });

  it("keeps one profile's order while another profile's deliveries go on, and lets the next go when one fails for good", async () => {
    const { receiver, admin, event, endpoint } = await setup({ ...fast, giveUpAfterMs: 1_500 });
    const secret = (await admin('POST', '/webhooks', { url: receiver.url, events: ['group.changed', 'segment.entered'] })).json.secret as string;
    await admin('POST', '/segments', { name: 'Passive', rules: { lifecycle: ['passive'] } });
    await admin('POST', '/segments', { name: 'Buyers', rules: { event: 'purchase', withinDays: 30, count: { gte: 1 } } });
    let stuck = 0;
    let blocked = true;
    // Until Ann's profile is known, everything is refused.
    receiver.answer((payload) => (stuck === 0 || (payload.profile.id === stuck && blocked) ? 503 : 200));

    await event('ann', 'page', 10 * day);
    stuck = (await admin('GET', '/profiles/visitor/ann')).json.id;
    expect(stuck).toBeGreaterThan(0);
    await event('bob', 'page', 10 * day);
    for (const visitor of ['ann', 'bob']) await event(visitor, 'page');
    for (const visitor of ['ann', 'bob']) await event(visitor, 'purchase');
    await until("bob's four arrived", () => receiver.received.filter((r) => r.payload.profile.id !== stuck).length === 4);
    expect(receiver.received.filter((r) => r.payload.profile.id === stuck)).toEqual([]);
    expect(receiver.refused).toBeGreaterThan(1);
    // Ann's first change is retried alone: the later ones wait behind it.
    await until("bob's are recorded as delivered", async () => (await endpoint()).delivered === 4);
    expect((await endpoint()).pending).toBe(4);
    // Ann's change refused on its own, again and again, does not put the endpoint on hold for everyone.
    const refusedBefore = receiver.refused;
    await until('ann\'s change was refused alone twice more', () => receiver.refused >= refusedBefore + 2);
    expect(await endpoint()).toMatchObject({ failures: 0, heldUntil: null });

    // Ann's first change is given up after the (shortened) three days; her later ones go ahead in order.
    await until("ann's first webhook failed for good", async () => (await endpoint()).failed === 1, 10_000);
    blocked = false;
    await until("ann's other three arrived", () => receiver.received.filter((r) => r.payload.profile.id === stuck).length === 3);
    const ann = receiver.received.filter((r) => r.payload.profile.id === stuck);
    expect(ann.map((r) => describeWebhook(r.payload))).toEqual(['segment.entered Passive', 'group.changed passive→active', 'segment.entered Buyers']);
    expect(ann.every((r) => validSignature(r.signature, r.body, secret))).toBe(true);
    await until('all are recorded', async () => (await endpoint()).pending === 0);
    expect(await endpoint()).toMatchObject({ pending: 0, delivered: 7, failed: 1 });
  });

  it('leaves a receiver that answers no 2xx alone after two rounds, then gets everything to it once it is back', async () => {
    const { receiver, admin, event, endpoint } = await setup({ ...fast, retryDelay: exponentialBackoff(1_000, 60_000), batch: 5 });
    await admin('POST', '/webhooks', { url: receiver.url, events: ['group.changed'] });
    receiver.answer(() => 503);
    const people = Array.from({ length: 30 }, (_, i) => `p${i}`);
    await Promise.all(people.map((visitor) => event(visitor, 'page', 10 * day)));
    await until('the endpoint is on hold', async () => ((await endpoint()).heldUntil ?? 0) > Date.now());
    expect((await endpoint()).failures).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Two rounds of five, then a probe round after the hold: not each of the 30 changes tried again and again.
    expect(receiver.refused).toBeGreaterThanOrEqual(10);
    expect(receiver.refused).toBeLessThanOrEqual(20);
    expect((await endpoint()).pending).toBe(30);

    receiver.answer(() => 200);
    await until('all 30 arrived', async () => receiver.received.length === 30 && (await endpoint()).pending === 0, 20_000);
    expect(new Set(receiver.received.map((r) => r.payload.profile.id)).size).toBe(30);
    expect(await endpoint()).toMatchObject({ delivered: 30, failures: 0, heldUntil: null });
  });

  it('resumes from the outbox after a restart', async () => {
    const { collector: first, receiver, admin, event } = await setup();
    await receiver.stop();
    const secret = (await admin('POST', '/webhooks', { url: receiver.url })).json.secret as string;
    for (const visitor of ['ann', 'bob']) await event(visitor, 'page', 10 * day);
    await until('a delivery met the closed port', async () =>
      (await first.store.webhooks.troubled(1, (await first.store.webhooks.list(1))[0]!.id, 10)).length === 2,
    );
    await first.close();
    collector = undefined;

    await receiver.start();
    const again = await startCollector(configSchema.parse({ port: 0, host: '127.0.0.1', db: first.dbPath }), () => {}, { webhookSchedule: fast });
    try {
      await until('both webhooks arrived after the restart', () => receiver.received.length === 2);
      expect(receiver.received.map((r) => describeWebhook(r.payload))).toEqual(['group.changed new→passive', 'group.changed new→passive']);
      expect(receiver.received.every((r) => validSignature(r.signature, r.body, secret))).toBe(true);
    } finally {
      await again.close();
    }
  });
});
