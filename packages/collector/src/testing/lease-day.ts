// A simulated day of call tracking, the clock passed in: sessions over the daily curve asking one pool for numbers through the writer, as pages renew them.
import type { EngineWriter } from '../engine/commands.js';
import type { NumberRequest } from '../engine/calls.js';
import type { CallPool } from '../model/call.js';
import { dayMs } from '../days.js';
import { poolInputSchema } from '../calls/wire.js';
import { renewSeconds } from '../ingest/numbers.js';
import { onLocalDay } from '../seed/calendar.js';
import { exponential, random } from '../seed/random.js';

/** Saves a pool of `size` numbers (+7 495 700 0001 onwards) shown in place of the published +7 495 123-45-67. */
export async function addPool(writer: EngineWriter, siteId: number, { size, holdMinutes = 15, now }: { size: number; holdMinutes?: number; now: number }): Promise<CallPool> {
  const numbers = Array.from({ length: size }, (_, i) => `+7495700${String(i + 1).padStart(4, '0')}`);
  const input = poolInputSchema.parse({ name: 'Sales', default_number: '+74951234567', published_number: '+74951234567', numbers, hold_minutes: holdMinutes });
  const pool = await writer.run('savePool', { siteId, input, now });
  if ('field' in pool) throw new Error(pool.message);
  return pool;
}

export interface LeaseDayOptions {
  siteId: number;
  poolSize: number;
  sessions: number;
  /** The day simulated, as days since 1970 (UTC). */
  day: number;
  holdMinutes?: number;
  /** Mean minutes a session stays on the site. */
  meanSessionMinutes?: number;
  seed?: number;
}

export interface LeaseDay {
  poolId: number;
  /** Requests to /v1/numbers the sessions made: one when a session starts, then one per renewal. */
  requests: number;
  /** Sessions shown the pool's default number at least once (none of its numbers was free). */
  defaulted: number;
  /** Of those, sessions shown only the default number. */
  neverLeased: number;
}

const context: Omit<NumberRequest, 'siteId' | 'sessionId' | 'visitorId'> = {
  url: 'https://shop.example/landing?utm_source=ads', referrer: null, utmSource: 'ads', utmMedium: null, utmCampaign: null, utmTerm: null, utmContent: null,
  device: 'desktop', browser: 'Chrome', os: 'Linux', country: null, city: null,
};

/** Every request of the day, in time order: [when, session] pairs. */
function requestsOfDay({ sessions, day, meanSessionMinutes = 3, seed = 1 }: LeaseDayOptions): { at: Float64Array; session: Int32Array } {
  const at: number[] = [];
  const session: number[] = [];
  for (let s = 0; s < sessions; s++) {
    const r = random(seed, s);
    const start = onLocalDay(r, day, 0);
    const end = start + exponential(r, meanSessionMinutes * 60_000);
    // A page renews every renew_s while open; the network adds up to a second.
    for (let t = start; t <= end; t += renewSeconds * 1000 + Math.floor(r() * 1000)) (at.push(t), session.push(s));
  }
  const order = Array.from(at.keys()).sort((a, b) => at[a]! - at[b]! || a - b);
  return { at: Float64Array.from(order, (i) => at[i]!), session: Int32Array.from(order, (i) => session[i]!) };
}

/**
 * Saves a pool and plays the day's requests into the writer in time order, 64 at a time as a busy
 * writer groups them, each at its own moment. What the sessions were shown is tallied from the answers.
 */
export async function simulateLeaseDay(writer: EngineWriter, options: LeaseDayOptions): Promise<LeaseDay> {
  const { siteId, poolSize, holdMinutes, sessions, day } = options;
  const pool = await addPool(writer, siteId, { size: poolSize, holdMinutes, now: day * dayMs });
  const { at, session } = requestsOfDay(options);
  const leased = new Uint8Array(sessions);
  const defaulted = new Uint8Array(sessions);
  for (let i = 0; i < at.length; i += 64) {
    const group = Array.from(session.subarray(i, i + 64), async (s, j) => {
      const request = { siteId, sessionId: `s${s}`, visitorId: `v${s}`, ...context };
      const [shown] = await writer.run('leaseNumbers', { request, now: at[i + j]! });
      (shown!.leased ? leased : defaulted)[s] = 1;
    });
    await Promise.all(group);
  }
  let defaultedSessions = 0;
  let neverLeased = 0;
  for (let s = 0; s < sessions; s++) if (defaulted[s]) (defaultedSessions++, (neverLeased += 1 - leased[s]!));
  return { poolId: pool.id, requests: at.length, defaulted: defaultedSessions, neverLeased };
}
