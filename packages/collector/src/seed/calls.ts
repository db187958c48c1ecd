// The demo shop's call tracking: its sales line as a pool of numbers with a static print number, and calls made up through the real endpoints — visits asking for numbers, then telephony reporting calls to them.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { poolInputSchema, staticNumberSchema } from '../calls/wire.js';
import { signBody } from '../ingest/calls.js';
import { arrivalOf, firstChannels } from './sources.js';
import { countries } from './places.js';
import { deviceKind, deviceOf } from './devices.js';
import { shopBase } from './setup.js';
import { between, chance, pick, random, weighted, type Random } from './random.js';
import { uuidv7 } from './ids.js';
import type { Site } from '../model/site.js';

/** The number on the demo shop's pages (header and footer): the pool's published and default number. */
export const shopPhone = '+15550102030';
const poolNumbers = Array.from({ length: 20 }, (_, i) => `+1555010${2031 + i}`);
const printNumber = '+15550102099';

/** Gives a site without pools the shop's sales line and print number; a site with pools is left as its admin made it. */
export async function setUpShopCalls(deps: { store: Pick<Store, 'calls'>; writer: EngineWriter }, site: Site, now: number): Promise<boolean> {
  if ((await deps.store.calls.pools(site.id)).length > 0) return false;
  const input = poolInputSchema.parse({ name: 'Sales line', default_number: shopPhone, published_number: shopPhone, numbers: poolNumbers, hold_minutes: 15 });
  await deps.writer.run('savePool', { siteId: site.id, input, now });
  await deps.writer.run('addStaticNumber', { siteId: site.id, input: staticNumberSchema.parse({ number: printNumber, source: 'print', campaign: 'spring-catalog' }) });
  return true;
}

export interface CallRun {
  /** The collector's origin, e.g. http://localhost:8787. */
  url: string;
  site: Site;
  signingSecret: string;
  calls: number;
  r: Random;
}

const post = async (url: string, body: string, headers: Record<string, string>) => {
  const response = await fetch(url, { method: 'POST', body, headers });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${String(answer.error)}`);
  return answer;
};

/**
 * Calls as a day of the shop's phone brings them: most from visits that were shown a pool number
 * (each visit asks /v1/numbers as the script does), some to the print number, a few to a number
 * nobody was shown, and some callers calling again. Sent signed to /v1/calls/{site}, as telephony
 * without a token would. Returns how each was attributed.
 */
export async function simulateCalls({ url, site, signingSecret, calls, r }: CallRun): Promise<Record<string, number>> {
  const base = shopBase(site);
  const callers: string[] = [];
  const told: Record<string, number> = {};
  for (let i = 0; i < calls; i++) {
    const kind = weighted(r, [['visit', 70], ['print', 15], ['stranger', 8], ['again', 7]] as const);
    let called = kind === 'print' ? printNumber : kind === 'stranger' ? '+15550109999' : shopPhone;
    if (kind === 'visit' || kind === 'again') {
      const device = deviceOf(r, deviceKind(r));
      const arrival = arrivalOf(r, weighted(r, firstChannels), pick(r, countries), Date.now());
      const page = `${base}${arrival.landing === 'product' ? `product.html?id=p${between(r, 1, 16)}` : ''}${arrival.query ? `${arrival.landing === 'product' ? '&' : '?'}${arrival.query}` : ''}`;
      const session = uuidv7(Date.now(), r);
      const shown = await post(`${url}/v1/numbers`, JSON.stringify({ site: site.key, visitor_id: uuidv7(Date.now(), r), session_id: session, context: { url: page, referrer: arrival.referrer } }), {
        'content-type': 'text/plain',
        'user-agent': device.userAgent,
      });
      called = (shown.numbers as { number: string }[])[0]?.number ?? shopPhone;
    }
    const caller = kind === 'again' && callers.length > 0 ? pick(r, callers) : `+1${between(r, 201, 989)}555${String(between(r, 0, 9999)).padStart(4, '0')}`;
    callers.push(caller);
    const answered = chance(r, 0.82);
    const call = { call_id: `demo-${uuidv7(Date.now(), r)}`, called_number: called, caller_number: caller, started_at: Date.now(), duration_s: answered ? between(r, 25, 540) : 0, answered };
    const body = JSON.stringify(call);
    const stored = await post(`${url}/v1/calls/${encodeURIComponent(site.key)}`, body, { 'content-type': 'application/json', 'x-pulse-signature': signBody(signingSecret, body) });
    const attribution = String(stored.attribution);
    told[attribution] = (told[attribution] ?? 0) + 1;
  }
  return told;
}

/**
 * On the demo's first start: the shop's sales line set up and a few calls made up through the
 * collector's own endpoints, so the Calls page has something to show. Few, so that most of the
 * pool stays free for whoever opens the shop next (each made-up visit holds its number 15 minutes).
 */
export async function shopCallsOnFirstStart(deps: { store: Pick<Store, 'calls'>; writer: EngineWriter }, site: Site, url: string, log: (message: string) => void): Promise<void> {
  if (!(await setUpShopCalls(deps, site, Date.now()))) return;
  const { signingSecret } = await deps.writer.run('callSettings', { siteId: site.id });
  const told = await simulateCalls({ url, site, signingSecret, calls: 8, r: random(Date.now()) });
  log(`demo: call tracking set up for the shop, with ${Object.entries(told).map(([how, n]) => `${n} ${how}`).join(', ')} made-up calls (pulse calls simulate makes more)`);
}
