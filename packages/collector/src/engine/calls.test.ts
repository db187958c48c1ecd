import { describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { poolInputSchema, staticNumberSchema, callInputSchema, type CallInput } from '../calls/wire.js';
import { forgetPerson } from '../jobs/forget.js';
import { personExport } from '../reports/person-export.js';
import { exportText } from '../testing/export-text.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { addPool, simulateLeaseDay } from '../testing/lease-day.js';
import { dayOf } from '../days.js';
import { missedSessions, type NumberRequest } from './calls.js';

const minute = 60_000;

async function withPool(size: number, holdMinutes = 15) {
  const s = await scoringSetup();
  const pool = await addPool(s.writer, s.site.id, { size, holdMinutes, now: start });
  const request = (session: string, extra: Partial<NumberRequest> = {}): NumberRequest => ({
    siteId: s.site.id, sessionId: session, visitorId: `v-${session}`, url: 'https://shop.example/landing?utm_source=ads&utm_campaign=winter', referrer: null,
    utmSource: 'ads', utmMedium: 'cpc', utmCampaign: 'winter', utmTerm: null, utmContent: null, device: 'phone', browser: 'Chrome', os: 'Android', country: 'RU', city: 'Kazan', ...extra,
  });
  const lease = async (session: string, at: number) => (await s.writer.run('leaseNumbers', { request: request(session), now: at }))[0]!;
  const call = (fields: Partial<CallInput> & { call_id: string; started_at: number }) =>
    s.writer.run('recordCall', {
      siteId: s.site.id,
      call: callInputSchema.parse({ called_number: '+74957000001', caller_number: '+7 916 555-01-02', duration_s: 95, answered: true, ...fields }),
      eventTs: fields.started_at,
      now: fields.started_at + minute,
    });
  return { ...s, pool, lease, call, request };
}

describe('refused sessions', () => {
  it('count once an hour each, and a flood of made-up ids past the memory counts every time', () => {
    const missed = missedSessions(2);
    expect([missed.add(1, 'a', 7), missed.add(1, 'a', 7), missed.add(1, 'b', 7)]).toEqual([true, false, true]);
    // Full: a third id is counted but not remembered.
    expect([missed.add(1, 'c', 7), missed.add(1, 'c', 7)]).toEqual([true, true]);
    expect(missed.add(1, 'a', 8)).toBe(true);
    expect(missed.forget(1, 'a', 8)).toBe(true);
  });
});

describe('leases', () => {
  it('never give one number to two sessions, also when they all ask at once', async () => {
    const s = await withPool(5);
    const shown = await Promise.all(Array.from({ length: 40 }, (_, i) => s.lease(`s${i}`, start)));
    const leased = shown.filter((n) => n.leased).map((n) => n.number);
    expect(leased).toHaveLength(5);
    expect(new Set(leased).size).toBe(5);
    expect(shown.filter((n) => !n.leased).every((n) => n.number === '+74951234567')).toBe(true);
    // Asked again, the 35 refused count once each: 40 sessions asked, 35 got the default.
    await Promise.all(Array.from({ length: 40 }, (_, i) => s.lease(`s${i}`, start + minute)));
    const hour = Math.floor(start / 3_600_000);
    expect(await s.store.calls.poolTally(s.site.id, s.pool.id, hour, hour)).toEqual({ sessions: 40, misses: 35, peakHourSessions: 40 });
  });

  it('keep a session on its number while it is active, and free it a hold time after its last activity', async () => {
    const s = await withPool(1, 15);
    const first = await s.lease('a', start);
    expect(first.leased).toBe(true);
    expect((await s.lease('a', start + 10 * minute)).number).toBe(first.number);
    // Renewed at +10 min: held until +25 min, not +15.
    expect((await s.lease('b', start + 20 * minute)).leased).toBe(false);
    expect((await s.lease('b', start + 25 * minute - 1)).leased).toBe(false);
    expect(await s.lease('b', start + 25 * minute + 1)).toMatchObject({ leased: true, number: first.number });
  });

  it('hand a number on only after the moment its lease ends, which a call then still belongs to', async () => {
    const s = await withPool(1, 1);
    await s.lease('a', start);
    expect((await s.lease('b', start + minute)).leased).toBe(false);
    expect((await s.lease('b', start + minute + 1)).leased).toBe(true);
    expect(await s.store.calls.overlappingLeases(s.site.id, s.pool.id)).toBe(0);
  });

  it('never overlap on one number over a busy day: 2,000 sessions, a pool of 20 (the bench runs 100,000 and 500)', async () => {
    const s = await scoringSetup();
    const day = await simulateLeaseDay(s.writer, { siteId: s.site.id, poolSize: 20, sessions: 2_000, day: dayOf(start) });
    // The evening peak outgrows the pool: some sessions wait on the default, so numbers change hands under contention.
    expect(day.defaulted).toBeGreaterThan(0);
    expect(await s.store.calls.overlappingLeases(s.site.id, day.poolId)).toBe(0);
  });

  it('give the number released longest ago first', async () => {
    const s = await withPool(2, 1);
    const a = await s.lease('a', start);
    const b = await s.lease('b', start + 10_000);
    // Both ended by +2 min; a ended first, so it rested longer.
    expect((await s.lease('c', start + 2 * minute)).number).toBe(a.number);
    expect((await s.lease('d', start + 2 * minute)).number).toBe(b.number);
  });
});

describe('calls', () => {
  it('are matched to the session that held the number: at its start, during the hold, not before nor after', async () => {
    const s = await withPool(1, 15);
    await s.lease('a', start);
    expect((await s.call({ call_id: 'before', started_at: start - 1 })).call.attribution).toBe('none');
    const during = (await s.call({ call_id: 'during', started_at: start + 5 * minute, caller_number: '+79990000001' })).call;
    expect(during).toMatchObject({ attribution: 'lease', visitorId: 'v-a', sessionId: 'a', source: 'ads', campaign: 'winter', landingPage: '/landing', device: 'phone', city: 'Kazan' });
    expect((await s.call({ call_id: 'hold', started_at: start + 15 * minute, caller_number: '+79990000002' })).call.attribution).toBe('lease');
    expect((await s.call({ call_id: 'after', started_at: start + 15 * minute + 1, caller_number: '+79990000003' })).call.attribution).toBe('none');
  });

  it('become a call event that scores and moves the person into a segment, once per call id', async () => {
    const s = await withPool(1);
    await s.define('call', { points: 25 });
    await s.send(start, { name: 'page', visitor: 'v-a', session: 'a' });
    const callers = await s.segment('Callers', { event: 'call', withinDays: 30, count: { gte: 1 } }, start);
    await s.lease('a', start);
    const first = await s.call({ call_id: 'c-1', started_at: start + minute });
    const again = await s.call({ call_id: 'c-1', started_at: start + minute });
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, call: { id: first.call.id } });
    const profile = await s.profile('v-a');
    expect(await s.score(start + 2 * minute, 'v-a')).toBeCloseTo(26, 0);
    expect((await s.store.segments.membershipsOf(profile.siteId, profile.id)).map((m) => m.segmentId)).toEqual([callers.id]);
    expect((await s.store.events.ofVisitorAfter(s.site.id, 'v-a', { ts: 0, seq: 0 }, 10)).events.filter((e) => e.name === 'call')).toHaveLength(1);
    expect(await s.store.calls.calls(s.site.id, start, start + day, 10)).toHaveLength(1);
  });

  it('to a static number count for its source; a repeat caller is linked to their earlier person', async () => {
    const s = await withPool(1);
    await s.writer.run('addStaticNumber', { siteId: s.site.id, input: staticNumberSchema.parse({ number: '+74958000000', source: 'print', campaign: 'flyer-dec' }) });
    const stranger = (await s.call({ call_id: 'st-1', called_number: '+74958000000', caller_number: '+79990000009', started_at: start })).call;
    expect(stranger).toMatchObject({ attribution: 'static', source: 'print', campaign: 'flyer-dec', visitorId: null, eventId: null, repeatCaller: false });

    await s.lease('a', start);
    await s.call({ call_id: 'web-1', started_at: start + minute, caller_number: '8 (916) 555-01-02' });
    const printed = (await s.call({ call_id: 'st-2', called_number: '+74958000000', caller_number: '+79165550102', started_at: start + day })).call;
    expect(printed).toMatchObject({ attribution: 'static', source: 'print', visitorId: 'v-a', repeatCaller: true });
    const unknownLine = (await s.call({ call_id: 'x-1', called_number: '+74950000000', caller_number: '79165550102', started_at: start + 2 * day })).call;
    // Known only by the caller: the person and source of their latest call.
    expect(unknownLine).toMatchObject({ attribution: 'repeat', visitorId: 'v-a', source: 'print', repeatCaller: true });
    const events = (await s.store.events.ofVisitorAfter(s.site.id, 'v-a', { ts: 0, seq: 0 }, 10)).events.filter((e) => e.name === 'call');
    expect(events.map((e) => (e.props as { attribution?: string } | null)?.attribution)).toEqual(['lease', 'static', 'repeat']);
  });

  it('keep the caller hashed unless the site stores numbers, and go with the person on delete and into the export', async () => {
    const s = await withPool(1);
    await s.lease('a', start);
    const hashed = (await s.call({ call_id: 'h-1', started_at: start + minute })).call;
    expect(hashed.callerNumber).toBeNull();
    expect(hashed.callerHash).toHaveLength(32);
    await s.writer.run('setStoreCallers', { siteId: s.site.id, on: true });
    const clear = (await s.call({ call_id: 'h-2', started_at: start + 2 * minute })).call;
    expect(clear.callerNumber).toBe('+7 916 555-01-02');

    const profile = await s.profile('v-a');
    const exported = JSON.parse(await exportText(personExport(s.store, s.site, profile, start + day, defaultProfileRules)));
    expect(exported.calls.map((c: { callId: string }) => c.callId)).toEqual(['h-1', 'h-2']);
    expect(JSON.stringify(exported.calls)).not.toContain('callerHash');

    const forgotten = await forgetPerson({ store: s.store, writer: s.writer, now: () => start + day }, s.site.id, profile.id);
    expect(forgotten?.calls).toBe(2);
    expect(await s.store.calls.calls(s.site.id, 0, start + day, 10)).toEqual([]);
    expect(await s.store.calls.leaseAt(s.site.id, (await s.store.calls.numberOf('+74957000001'))!.id, start + minute)).toBeUndefined();
  });
});

describe('pools', () => {
  it('refuse a number another pool holds, naming it', async () => {
    const s = await withPool(2);
    const other = poolInputSchema.parse({ name: 'Service', default_number: '+74951234568', selector: '.service-phone', numbers: ['+74959999999', '+74957000002'] });
    expect(await s.writer.run('savePool', { siteId: s.site.id, input: other, now: start })).toMatchObject({ field: 'numbers[1]' });
    expect(await s.store.calls.pools(s.site.id)).toHaveLength(1);
  });
});
