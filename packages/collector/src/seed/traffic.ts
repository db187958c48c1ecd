// The seeded traffic: the planned visits replayed in time order as the batches the shop's browsers send, made one visit at a time.
import type { BatchRequest } from '../ingest/ingest.js';
import type { WireEvent } from '../ingest/schema.js';
import type { Product } from './catalog.js';
import { uuidv7 } from './ids.js';
import { audienceOf, personOf } from './people.js';
import { socialOf } from './social.js';
import { between, chance } from './random.js';
import { scheduleVisits } from './schedule.js';
import { shopOf, shopVisit } from './shop-visit.js';
import { arrivalOf } from './sources.js';
import { planVisit } from './visit-plan.js';

export interface TrafficOptions {
  seed: number;
  events: number;
  /** People; identity merges nobody else, so the site ends with this many profiles. */
  profiles: number;
  days: number;
  /** The end of the window: every event is before it. */
  end: number;
  site: string;
  /** The shop's folder URL, e.g. http://localhost:8787/demo/. */
  base: string;
  catalog: Product[];
  /** The ids of the site's wizard rules by the event each makes; the shop's newsletter and Compare events carry theirs as $rule. */
  rules?: Record<string, number>;
}

/** A batch as the SDK posts it, with what the server knows of the request. */
export interface SeededBatch extends BatchRequest {
  body: { site: string; sent_at: number; events: WireEvent[] };
}

/** The most events one batch holds: a longer visit is sent in several, in order. */
export const batchSize = 20;

// What is remembered of a person between visits, in one byte each: the generator never holds their events.
const knownOnMain = 1;
const knownOnOther = 2;
const subscribed = 4;
const signedUp = 8;

const minuteMs = 60_000;

/** Batches in the order the collector receives them, each with its `receivedAt`; exactly `events` events in all. */
export function* traffic(options: TrafficOptions): Generator<SeededBatch> {
  const shop = shopOf(options.catalog, options.base);
  const audience = audienceOf({ ...options, categories: shop.categories });
  const origin = new URL(options.base).origin;
  const schedule = scheduleVisits(audience, options.profiles, options.events);
  const memory = new Uint8Array(options.profiles);
  /** 1 + the catalog index of something the person bought, which they may review later. */
  const bought = new Uint16Array(options.profiles);
  // Batches made but not yet due, the latest first: a visit's later batches arrive while other visits start.
  const waiting: SeededBatch[] = [];

  for (let k = 0; k < schedule.visits; k++) {
    const start = schedule.start[k]!;
    while (waiting.length > 0 && waiting[waiting.length - 1]!.receivedAt <= start) yield waiting.pop()!;
    const number = schedule.person[k]!;
    const events = schedule.events[k]!;
    const person = personOf(audience, number);
    const plan = planVisit(options.seed, number, schedule.visit[k]!);
    const { r } = plan;
    const flags = memory[number]!;
    // A known customer sometimes comes back on their other device, and logs in there if it does not know them yet.
    const other = person.other !== null && (flags & knownOnMain) !== 0 && chance(r, 0.4) && ((flags & knownOnOther) !== 0 || events >= 3);
    const browser = other ? person.other! : person.main;
    const known = (flags & (other ? knownOnOther : knownOnMain)) !== 0;
    // The Sunday letter reaches subscribers and customers; anyone else who "comes back by email" typed the address.
    const mailed = (flags & (subscribed | signedUp)) !== 0 || bought[number]! > 0;
    const channel = plan.channel === 'email' && !mailed ? 'direct' : plan.channel;
    const result = shopVisit(shop, {
      r,
      person,
      owner: {
        visitorId: browser.visitorId,
        sessionId: uuidv7(start, r),
        userId: known ? person.email : undefined,
        device: browser.device,
        language: person.country.language,
        timezone: person.zone.name,
      },
      arrival: arrivalOf(r, channel, person.country, start),
      depth: plan.depth,
      events,
      start,
      // A person's visits start an hour apart at least: one that ran longer would overlap the next.
      latest: Math.min(options.end - 1_000, start + 45 * minuteMs),
      logIn: other && !known,
      signUp: (flags & signedUp) === 0 && chance(r, 0.08),
      social: () => socialOf(audience, person, options.profiles),
      subscribe: (flags & subscribed) === 0 && chance(r, 0.035),
      review: bought[number]! > 0 && chance(r, 0.35) ? options.catalog[bought[number]! - 1] : undefined,
      rules: options.rules ?? {},
    });
    memory[number] =
      flags |
      (result.identified ? (other ? knownOnOther : knownOnMain) : 0) |
      (result.subscribed ? subscribed : 0) |
      (result.signedUp ? signedUp : 0);
    if (result.bought) bought[number] = options.catalog.indexOf(result.bought) + 1;

    for (let i = 0; i < result.events.length; i += batchSize) {
      const chunk = result.events.slice(i, i + batchSize);
      const receivedAt = Math.min(chunk[chunk.length - 1]!.ts + between(r, 40, 400), options.end);
      const batch: SeededBatch = {
        body: { site: options.site, sent_at: receivedAt, events: chunk },
        origin,
        userAgent: browser.device.userAgent,
        ip: browser.ip,
        receivedAt,
      };
      // After the waiting batches due at the same moment, so that equal times keep the order they were made in.
      let at = waiting.length;
      while (at > 0 && waiting[at - 1]!.receivedAt <= receivedAt) at--;
      waiting.splice(at, 0, batch);
    }
  }
  while (waiting.length > 0) yield waiting.pop()!;
}
