import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openStore } from './store.js';
import { migrations } from './sqlite/migrations.js';
import { bytesToUuid, uuidToBytes } from './uuid-bytes.js';
import { tempDbPath, uuidv7 } from '../testing/events.js';
import type { EventRow } from '../model/event.js';
import type { SessionSummary } from '../model/visit.js';

function row(overrides: Partial<EventRow> = {}): EventRow {
  return {
    id: uuidv7(), siteId: 1, type: 'page', name: 'page', ts: 1_000, clientTs: 1_000, receivedAt: 1_000,
    visitorId: 'v1', sessionId: 's1', userId: null, url: 'http://localhost/', path: '/', title: null,
    referrer: null, referrerHost: null, utmSource: null, utmMedium: null, utmCampaign: null, utmTerm: null,
    utmContent: null, clickIdType: null, clickId: null, screen: null, language: null, timezone: null,
    device: 'desktop', browser: 'Chrome', os: 'Linux', country: null, city: null, props: null, traits: null,
    ...overrides,
  };
}

function summary(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    siteId: 1, sessionId: 's1', visitorId: 'v1', userId: null, firstTs: 1_000, lastTs: 1_000, events: 1,
    pageviews: 1, firstPath: '/', lastPath: '/', referrerHost: null, utmSource: null, utmMedium: null,
    utmCampaign: null, device: 'desktop', browser: 'Chrome', os: 'Linux', country: null, city: null,
    ...overrides,
  };
}

describe('openStore', () => {
  it('creates the schema once, in WAL mode, and opens it again unchanged', async () => {
    const path = tempDbPath();
    await openStore(path).close();
    const store = openStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('says clearly when the file cannot be opened', () => {
    const notADirectory = tempDbPath();
    writeFileSync(notADirectory, 'a file, not a folder');
    expect(() => openStore(`${notADirectory}/pulse.db`)).toThrow(/^cannot open database at .*pulse\.db\/pulse\.db: E[A-Z]+/);
  });
});

describe('events', () => {
  it('stores an event id once however often it is sent', async () => {
    const store = openStore(tempDbPath());
    const site = await store.sites.save('k1', ['example.com'], 0);
    const event = row({ siteId: site.id });
    expect(await store.events.insert([event])).toEqual([event]);
    expect(await store.events.insert([event])).toEqual([]);
    expect(await store.events.insert([{ ...event, id: event.id.toUpperCase().toLowerCase() }])).toEqual([]);
    expect(await store.events.count(site.id)).toBe(1);
    expect(await store.events.has(site.id, event.id)).toBe(true);
    await store.close();
  });
});

describe('visits', () => {
  it('counts a visitor session once and keeps first touch with the earliest event', async () => {
    const store = openStore(tempDbPath());
    expect((await store.visits.record(summary({ firstTs: 5_000, lastTs: 6_000, firstPath: '/b', lastPath: '/c', utmSource: 'mail' }))).before).toBeUndefined();
    // A late batch of the same session, queued offline, with older events.
    expect((await store.visits.record(summary({ firstTs: 1_000, lastTs: 2_000, firstPath: '/a', lastPath: '/a2', utmSource: 'google', events: 2 }))).before).toMatchObject({ startedAt: 5_000, utmSource: 'mail' });
    expect(await store.visits.session(1, 's1')).toMatchObject({
      startedAt: 1_000, lastSeen: 6_000, events: 3, pageviews: 2, landingPage: '/a', exitPage: '/c', utmSource: 'google',
    });
    expect((await store.visits.record(summary({ sessionId: 's2', firstTs: 9_000, lastTs: 9_000, firstPath: '/x', device: 'phone', userId: 'u1' }))).before).toBeUndefined();
    expect(await store.visits.visitor(1, 'v1')).toMatchObject({
      firstSeen: 1_000, lastSeen: 9_000, sessions: 2, events: 4, landingPage: '/a', firstUtmSource: 'google',
      device: 'phone', userId: 'u1',
    });
    await store.close();
  });
});

describe('sites', () => {
  it('matches an origin against the domains of one site or of any', async () => {
    const store = openStore(tempDbPath());
    const shop = await store.sites.save('shop', ['shop.example'], 0);
    await store.sites.save('blog', ['blog.example'], 0);
    expect(await store.sites.acceptsDomains(shop.id, ['www.shop.example', 'shop.example', 'example'])).toBe(true);
    expect(await store.sites.acceptsDomains(shop.id, ['blog.example', 'example'])).toBe(false);
    expect(await store.sites.anyAcceptsDomains(['blog.example', 'example'])).toBe(true);
    expect(await store.sites.anyAcceptsDomains(['evil.example', 'example'])).toBe(false);
    expect((await store.sites.save('shop', ['shop2.example'], 0)).domains).toEqual(['shop.example', 'shop2.example']);
    expect((await store.sites.list()).map((s) => s.key)).toEqual(['shop', 'blog']);
    await store.close();
  });
});

describe('uuidToBytes', () => {
  it('keeps every bit of the id, whatever the case of its hex digits', () => {
    const id = '0190b6e4-1c2a-7abc-8def-0123456789ab';
    expect(bytesToUuid(uuidToBytes(id))).toBe(id);
    expect(uuidToBytes(id.toUpperCase()).equals(uuidToBytes(id))).toBe(true);
    expect(uuidToBytes(id).toString('hex')).toBe(id.replace(/-/g, ''));
  });
});
