// Event factories for tests and benchmarks: time-ordered ids, valid wire events, and events as ingest hands them to the store.
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventRow } from '../model/event.js';

let lastMs = 0;
let counter = 0;
// Random bytes drawn 4 KiB at a time: one system call per 256 ids, not one per id, so that a
// benchmark's load generator can make bodies as it sends them without stalling.
const pool = Buffer.alloc(4_096);
let used = pool.length;
function randomBytes16(): Buffer {
  if (used === pool.length) (randomFillSync(pool), (used = 0));
  used += 16;
  return Buffer.from(pool.subarray(used - 16, used));
}

/** A UUIDv7 as the SDK makes it: 48 bits of milliseconds, then a counter and random bits. */
export function uuidv7(now = Date.now()): string {
  counter = now === lastMs ? counter + 1 : 0;
  lastMs = now;
  const bytes = randomBytes16();
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const desktopChrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
export const iphoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Overrides for wireEvent: any wire field (tests send invalid values on purpose), plus the context's url and referrer. */
export interface WireEventInput {
  url?: string;
  referrer?: string;
  [field: string]: unknown;
}

/** A valid wire event; any field can be overridden. */
export function wireEvent({ url = 'http://localhost/', referrer = '', ...rest }: WireEventInput = {}) {
  return {
    id: uuidv7(),
    type: 'page',
    ts: Date.now(),
    visitor_id: 'v-test',
    session_id: 's-test',
    context: { url, referrer, title: 'Test page', language: 'en-US', timezone: 'UTC', screen: { width: 1280, height: 800 } },
    ...rest,
  };
}

// A full test run makes hundreds of database folders: each test file removes its own when done
// (cleanup.ts), and a benchmark when its process ends.
const tempDirs = new Set<string>();
export function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.once('exit', removeTempDirs);

export function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-test-'));
  tempDirs.add(dir);
  return join(dir, 'pulse.db');
}

export const googlebotLike = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** A page view on site 1 as ingest hands it to the store, with `overrides` taken over it. */
export const eventRow = (overrides: Partial<EventRow>): EventRow => ({
  id: uuidv7(), siteId: 1, type: 'page', name: 'page', ts: 1_000, clientTs: 1_000, receivedAt: 1_000, visitorId: 'v1', sessionId: 's1',
  userId: null, url: 'https://shop.example/a?b=1', path: '/a', title: 'A', referrer: 'https://ref.example/', referrerHost: 'ref.example',
  utmSource: null, utmMedium: null, utmCampaign: null, utmTerm: null, utmContent: null, clickIdType: null, clickId: null, screen: '1x1',
  language: 'en', timezone: 'UTC', device: 'phone', browser: 'Safari', os: 'iOS', country: 'SE', city: null, props: { n: 1 }, traits: null,
  ...overrides,
});
