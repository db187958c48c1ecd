// Call tracking inside the writer: numbers leased to sessions one at a time, pools saved whole, and a call stored and turned into its person's `call` event.
import { findIndexInOrder, mapInOrder } from '../in-order.js';
import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/store.js';
import type { CallPool, CallRecord, CallSettings, LeaseContext } from '../model/call.js';
import type { PoolInput, StaticNumberInput, CallInput } from '../calls/wire.js';
import type { CallbackWidget } from '../calls/callback.js';
import { attribute, callEvent } from '../calls/attribute.js';
import { callerHash, callerTail } from '../calls/phone.js';
import { recordEvents, type EngineContext } from './ingest.js';
import type { Refusal } from '../validation.js';

const hourMs = 3_600_000;

/** What a session is shown for one pool: its own number, or the default when none was free. */
export interface ShownNumber {
  pool: number;
  published: string | null;
  selector: string | null;
  number: string;
  leased: boolean;
}

export interface NumberRequest extends LeaseContext {
  siteId: number;
  sessionId: string;
  visitorId: string;
}

/** The pool's default number, as shown when none of its numbers is free, or to a session that must not take one. */
export const defaultShown = (pool: CallPool): ShownNumber => ({ pool: pool.id, published: pool.publishedNumber, selector: pool.selector, number: pool.defaultNumber, leased: false });

/**
 * The allocation order every pool follows: the session's own live lease (renewed), else the
 * number free longest, else the default number — never a number another session still holds.
 * The single writer runs this, so two sessions cannot take one number.
 */
export async function leaseNumbers(store: Pick<Store, 'calls'>, missed: MissedSessions, request: NumberRequest, now: number): Promise<ShownNumber[]> {
  const hour = Math.floor(now / hourMs);
  await store.calls.lockSession(request.siteId, request.sessionId);
  return mapInOrder(await store.calls.pools(request.siteId), async (pool) => {
    const shown = defaultShown(pool);
    const own = await store.calls.liveLease(request.siteId, pool.id, request.sessionId, now);
    if (own) {
      store.calls.renewLease(request.siteId, own.id, own.numberId, now, now + pool.holdMs);
      return { ...shown, number: own.number, leased: true };
    }
    const free = await store.calls.freeNumber(pool.id, now);
    if (free) {
      const { siteId, sessionId, visitorId, ...context } = request;
      await store.calls.insertLease({ siteId, poolId: pool.id, numberId: free.id, sessionId, visitorId, startedAt: now, endsAt: now + pool.holdMs, ...context });
      // A session refused earlier this hour and served now was counted as asking already.
      store.calls.countPoolHour(siteId, pool.id, hour, missed.forget(pool.id, sessionId, hour) ? 0 : 1, 0);
      return { ...shown, number: free.number, leased: true };
    }
    if (missed.add(pool.id, request.sessionId, hour)) store.calls.countPoolHour(request.siteId, pool.id, hour, 1, 1);
    return shown;
  });
}

/**
 * The sessions refused a number this hour, so that one kept asking (its page renews every
 * minute) counts as one session refused, not one a minute. Held in the writer's memory: after a
 * restart a session still refused is counted once more, which the hourly share can bear. Session
 * ids are the client's: past `most` in an hour (100,000 is about 17 MB) a flood of made-up ones is
 * no longer remembered, and a refused session asking again counts again.
 */
export function missedSessions(most = 100_000) {
  let hour = -1;
  const keys = new Set<string>();
  const roll = (now: number) => (now !== hour ? (keys.clear(), (hour = now)) : hour);
  return {
    /** Whether the session is new to this hour's refused (always, once the hour's memory is full). */
    add(poolId: number, sessionId: string, now: number): boolean {
      roll(now);
      const key = `${poolId}:${sessionId}`;
      if (keys.has(key)) return false;
      if (keys.size < most) keys.add(key);
      return true;
    },
    /** Whether the session had been refused this hour (and is no more). */
    forget: (poolId: number, sessionId: string, now: number): boolean => (roll(now), keys.delete(`${poolId}:${sessionId}`)),
  };
}
export type MissedSessions = Awaited<ReturnType<typeof missedSessions>>;

const newSecret = () => `cts_${randomBytes(24).toString('base64url')}`;

/** A site's call settings, made on first use: a signing secret for telephony and the salt callers are hashed with. */
export const callSettings = async (store: Pick<Store, 'calls'>, siteId: number): Promise<CallSettings> =>
  await store.calls.settings(siteId) ?? await store.calls.ensureSettings(siteId, newSecret(), randomBytes(32));

/** Saves the callback widget's settings. */
export async function saveWidget(store: Pick<Store, 'calls'>, siteId: number, widget: CallbackWidget): Promise<void> {
  await callSettings(store, siteId);
  store.calls.setWidget(siteId, JSON.stringify(widget));
}

/** A new signing secret: calls signed with the old one are refused from now on. */
export async function rotateCallSecret(store: Pick<Store, 'calls'>, siteId: number): Promise<string> {
  await callSettings(store, siteId);
  const secret = newSecret();
  store.calls.setSigningSecret(siteId, secret);
  return secret;
}

/** Saves a pool with exactly its listed numbers; a number of another pool or site is refused, naming it. */
export async function savePool(store: Pick<Store, 'calls'>, siteId: number, id: number | undefined, input: PoolInput, now: number): Promise<CallPool | Refusal> {
  const taken = await findIndexInOrder([input.default_number, ...input.numbers], async (number, i) => {
    const owner = await store.calls.numberOf(number);
    // The default number may be any number, even one the site publishes elsewhere; pool numbers are the pool's own.
    return i > 0 && owner !== undefined && (owner.siteId !== siteId || owner.poolId !== (id ?? null));
  });
  if (taken > 0) return { field: `numbers[${taken - 1}]`, message: `numbers[${taken - 1}]: ${input.numbers[taken - 1]} already belongs to another pool or a static number` };
  const fields = {
    name: input.name,
    defaultNumber: input.default_number,
    publishedNumber: input.published_number ?? null,
    selector: input.selector ?? null,
    holdMs: input.hold_minutes * 60_000,
  };
  if ((await store.calls.pools(siteId)).some((pool) => pool.name === fields.name && pool.id !== id)) {
    return { field: 'name', message: `name: the site has a pool named '${fields.name}' already` };
  }
  const poolId = id ?? await store.calls.insertPool(siteId, fields, now);
  if (id !== undefined) store.calls.updatePool(id, fields);
  store.calls.setPoolNumbers(siteId, poolId, input.numbers);
  await callSettings(store, siteId);
  return (await store.calls.pools(siteId)).find((pool) => pool.id === poolId)!;
}

export async function addStaticNumber(store: Pick<Store, 'calls'>, siteId: number, input: StaticNumberInput): Promise<{ id: number } | Refusal> {
  if (await store.calls.numberOf(input.number)) return { field: 'number', message: `number: ${input.number} already belongs to a pool or a static number` };
  await callSettings(store, siteId);
  return { id: await store.calls.insertStaticNumber(siteId, input.number, input.source, input.campaign ?? null) };
}

/**
 * Stores a call once per call id and, when it names a person, records it as their `call` event in
 * the same transaction: scored, grouped, segmented and sent to webhooks as any event. The caller's
 * number is kept as a salted hash, and in clear only when the site asked for it. The event's time
 * is the call's as ingest settles any event's (`eventTs`); the call itself keeps the time it began.
 */
export async function recordCall(context: EngineContext, siteId: number, input: CallInput, eventTs: number, now: number): Promise<{ call: CallRecord; duplicate: boolean }> {
  const { store } = context;
  const existing = await store.calls.callById(siteId, input.call_id);
  if (existing) return { call: existing, duplicate: true };
  const settings = await callSettings(store, siteId);
  const hash = callerHash(settings.hashSalt, input.caller_number);
  const owned = await store.calls.numberOf(input.called_number);
  const number = owned?.siteId === siteId ? owned : undefined;
  const lease = number?.poolId ? await store.calls.leaseAt(siteId, number.id, input.started_at) : undefined;
  const to = attribute({ startedAt: input.started_at }, number, lease, await store.calls.lastKnownCall(siteId, hash));
  const facts = { siteId, callId: input.call_id, calledNumber: input.called_number, startedAt: input.started_at, durationS: input.duration_s, answered: input.answered, recordingUrl: input.recording_url ?? null };
  const repeatCaller = await store.calls.hasCalled(siteId, hash);
  let eventId: string | null = null;
  if (to.visitorId !== null) {
    const event = callEvent(facts, { ...to, visitorId: to.visitorId }, eventTs, now);
    await recordEvents(context, [event], now);
    eventId = event.id;
  }
  const record: Omit<CallRecord, 'id'> = {
    ...facts,
    callerHash: hash,
    callerNumber: settings.storeCallers ? input.caller_number : null,
    callerTail: callerTail(input.caller_number),
    receivedAt: now,
    attribution: to.attribution,
    leaseId: to.lease?.id ?? null,
    numberId: number?.id ?? null,
    repeatCaller,
    visitorId: to.visitorId,
    sessionId: to.lease?.sessionId ?? null,
    eventId,
    source: to.source,
    campaign: to.campaign,
    landingPage: to.landingPage,
    device: to.device,
    city: to.city,
  };
  return { call: { id: await store.calls.insertCall(record), ...record }, duplicate: false };
}
