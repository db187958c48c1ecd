import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgVisits } from './visits.js';
import { sqliteVisits } from '../sqlite/visits.js';
import { sideBySide, type SideBySide } from '../../testing/postgres-side-by-side.js';
import type { VisitStore } from '../visits.js';
import type { SessionSummary } from '../../model/visit.js';

const summary = (overrides: Partial<SessionSummary>): SessionSummary => ({
  siteId: 1, sessionId: 's1', visitorId: 'v1', userId: null, firstTs: 1_000, lastTs: 2_000, events: 2, pageviews: 1,
  firstPath: '/', lastPath: '/cart', referrerHost: 'ref.example', utmSource: 'news', utmMedium: 'mail', utmCampaign: 'spring',
  device: 'desktop', browser: 'Firefox', os: 'Linux', country: 'NO', city: 'Oslo',
  ...overrides,
});

/** Batches of a few browsers' sessions, some arriving late (older than what is stored), some with equal times. */
function batches(): SessionSummary[] {
  return Array.from({ length: 60 }, (_, i) => {
    const visitor = `v${i % 4}`;
    const start = 10_000 + ((i * 37) % 50) * 1_000;
    return summary({
      siteId: i % 9 === 0 ? 2 : 1,
      visitorId: visitor,
      sessionId: `${visitor}-${i % 3}`,
      userId: i % 7 === 0 ? `u${i}` : null,
      firstTs: start,
      lastTs: start + (i % 5 === 0 ? 0 : 5_000),
      events: 1 + (i % 3),
      pageviews: i % 2,
      firstPath: `/in/${i}`,
      lastPath: i % 6 === 0 ? null : `/out/${i}`,
      referrerHost: i % 4 ? null : `r${i}.example`,
      utmSource: i % 5 ? null : `s${i}`,
      device: i % 2 ? 'phone' : 'desktop',
      country: i % 3 ? 'SE' : null,
    });
  });
}

describe('PostgreSQL visits', () => {
  let both: SideBySide;
  let pg: VisitStore;
  let lite: VisitStore;

  beforeEach(async () => {
    both = await sideBySide();
    pg = pgVisits(both.sql);
    lite = sqliteVisits(both.db);
  });
  afterEach(() => both.close());

  async function same<T>(read: (visits: VisitStore) => Promise<T>): Promise<T> {
    const [fromPg, fromLite] = [await read(pg), await read(lite)];
    expect(fromPg).toEqual(fromLite);
    return fromPg;
  }

  it('records sessions and visitors as SQLite does, late events and all, and reads and deletes them alike', async () => {
    for (const s of batches()) await same((visits) => visits.record(s));
    const sessions = [...new Set(batches().map((s) => `${s.siteId}\t${s.sessionId}\t${s.visitorId}`))].map((key) => key.split('\t'));
    for (const [site, session, visitor] of [...sessions, ['1', 'none', 'nobody']]) {
      await same((visits) => visits.session(Number(site), session!));
      await same((visits) => visits.visitor(Number(site), visitor!));
      await same((visits) => visits.sessionsOfVisitor(Number(site), visitor!));
      await same((visits) => visits.visitorRecord(Number(site), visitor!));
    }
    await same((visits) => visits.visitors(1, [...sessions.map(([, , visitor]) => visitor!), 'nobody']));
    // Two sessions starting together are listed by id.
    for (const id of ['b', 'a', 'C']) await same((visits) => visits.record(summary({ visitorId: 'twin', sessionId: id })));
    expect((await same((visits) => visits.sessionsOfVisitor(1, 'twin'))).map((s) => s.session_id)).toEqual(['C', 'a', 'b']);

    expect(await same((visits) => visits.dropVisitor(1, 'v1'))).toEqual({ sessions: 3 });
    expect(await same((visits) => visits.dropVisitor(1, 'v1'))).toEqual({ sessions: 0 });
    await same((visits) => visits.visitorRecord(1, 'v1'));
    expect(await same((visits) => visits.deleteSessionsBefore(1, 40_000, 2))).toBe(2);
    expect(await same((visits) => visits.deleteSessionsBefore(1, 40_000, 100))).toBeGreaterThan(0);
    expect(await same((visits) => visits.deleteSessionsBefore(1, 40_000, 100))).toBe(0);
    for (const [site, session] of sessions) await same((visits) => visits.session(Number(site), session!));
  });

  it('gives two collectors recording one new session at once one start and one visit, the second seeing the first', async () => {
    const [a, b] = [await both.begin(), await both.begin()];
    const first = summary({ firstTs: 1_000, lastTs: 2_000 });
    const second = summary({ firstTs: 500, lastTs: 3_000, firstPath: '/early', lastPath: '/late', pageviews: 3 });
    const fromA = await pgVisits(a.sql).record(first);
    // B waits on A's uncommitted session, finds it committed, and runs again to see it as it was.
    const recording = pgVisits(b.sql).record(second);
    await both.blocked();
    await a.commit();
    const fromB = await recording;
    expect(b.statements).toBe(2);
    await b.commit();
    expect(fromA.before).toBeUndefined();
    expect(fromB.before).toEqual(fromA.after);
    expect(fromB.after).toMatchObject({ startedAt: 500, lastSeen: 3_000, pageviews: 4 });
    expect(await pg.session(1, 's1')).toMatchObject({ events: 4, landingPage: '/early', exitPage: '/late' });
    expect(await pg.visitor(1, 'v1')).toMatchObject({ sessions: 1, events: 4, firstSeen: 500, lastSeen: 3_000 });
  });

  it('shares session retention between two collectors, leaving a session being recorded', async () => {
    for (let i = 0; i < 30; i++) await pg.record(summary({ sessionId: `s${i}`, firstTs: i, lastTs: i }));
    const [a, b, c] = [await both.begin(), await both.begin(), await both.begin()];
    await pgVisits(c.sql).record(summary({ sessionId: 's0', firstTs: 0, lastTs: 0 }));
    expect(await pgVisits(a.sql).deleteSessionsBefore(1, 100, 20)).toBe(20);
    expect(await pgVisits(b.sql).deleteSessionsBefore(1, 100, 20)).toBe(9);
    await Promise.all([a.commit(), b.commit(), c.commit()]);
    expect(await pg.sessionsOfVisitor(1, 'v1')).toMatchObject([{ session_id: 's0', events: 4 }]);
  });

  it('moves a session another collector holds from where that one left it', async () => {
    await pg.record(summary({}));
    const [a, b] = [await both.begin(), await both.begin()];
    await pgVisits(a.sql).record(summary({ lastTs: 5_000, pageviews: 2 }));
    const recording = pgVisits(b.sql).record(summary({ lastTs: 4_000, pageviews: 1 }));
    await both.blocked();
    await a.commit();
    const fromB = await recording;
    await b.commit();
    expect(fromB.before).toMatchObject({ lastSeen: 5_000, pageviews: 3 });
    expect(fromB.after).toMatchObject({ lastSeen: 5_000, pageviews: 4 });
    expect(await pg.visitor(1, 'v1')).toMatchObject({ sessions: 1, events: 6 });
  });
});
