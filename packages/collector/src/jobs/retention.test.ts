import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { rangeOf, dayToIso } from '../reports/range.js';
import { overviewOf } from '../reports/overview.js';
import { audienceOf } from '../reports/audience.js';
import { eventsOf } from '../reports/events.js';
import { dayOf } from '../days.js';
import { applyRetention } from './retention.js';

const now = start + 12 * day;
const range = (from: number, to: number) => {
  const parsed = rangeOf({ range: 'custom', from: dayToIso(dayOf(from)), to: dayToIso(dayOf(to)) }, now);
  if (!('range' in parsed)) throw new Error(parsed.problem);
  return parsed.range;
};

describe('retention', () => {
  it('deletes only raw events and sessions older than the setting, and the pages show the same numbers for old days', async () => {
    const s = await scoringSetup();
    // Ten days of two people, a session a day each; ada's session of day 3 runs on into day 5.
    for (let d = 0; d < 10; d++) {
      for (const visitor of ['ada', 'ben']) {
        const session = visitor === 'ada' && d >= 3 && d <= 5 ? 's-ada-3' : `s-${visitor}-${d}`;
        await s.send(start + d * day, { name: 'page', visitor, session }, { name: d % 3 === 0 ? 'purchase' : 'product_view', visitor, session, props: { value: d } });
      }
    }
    const old = range(start, start + 3 * day);
    const all = range(start, start + 11 * day);
    const pages = async () => ({
      overviewOld: await overviewOf(s.store, s.site.id, old, now),
      overviewAll: await overviewOf(s.store, s.site.id, all, now),
      audienceOld: await audienceOf(s.store, s.site.id, old),
      audienceAll: await audienceOf(s.store, s.site.id, all),
      events: (({ shown, hidden }) => ({ shown, hidden }))(await eventsOf(s.store, s.site.id, old)),
    });
    const before = await pages();
    expect(before.overviewOld.totals).toMatchObject({ visitors: 2, sessions: 8, pageviews: 8, events: 16 });

    await s.writer.run('setRetention', { days: 8 });
    const cutoff = now - 8 * day; // start + 4 days
    expect(await applyRetention({ store: s.store, writer: s.writer, now: () => now })).toEqual({ events: 16, sessions: 7, calls: 0 });

    const db = new Database(s.path, { readonly: true });
    const count = (sql: string, ...args: number[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM events WHERE ts < ?', cutoff)).toBe(0);
    expect(count('SELECT count(*) AS n FROM events WHERE ts >= ?', cutoff)).toBe(24);
    expect(count('SELECT count(*) AS n FROM sessions WHERE last_seen < ?', cutoff)).toBe(0);
    // The session still going at the cutoff stays with its recent events.
    expect(count("SELECT count(*) AS n FROM sessions WHERE session_id = 's-ada-3'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM sessions')).toBe(1 + 4 + 6);
    db.close();
    expect(await pages()).toEqual(before);
    // Nothing left to do on the next run.
    expect(await applyRetention({ store: s.store, writer: s.writer, now: () => now })).toEqual({ events: 0, sessions: 0, calls: 0 });
  });

  it('deletes nothing while no retention is set', async () => {
    const s = await scoringSetup();
    await s.send(start, { name: 'page' });
    expect(await applyRetention({ store: s.store, writer: s.writer, now: () => start + 1_000 * day })).toEqual({ events: 0, sessions: 0, calls: 0 });
    expect(await s.store.events.count(s.site.id)).toBe(1);
  });
});
