import { describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { sweepDue } from '../engine/settle-pass.js';

// start is a Monday at 10:00 UTC.
describe('groups over time', () => {
  it('moves each profile through new, active and passive, by events and by the sweeper', async () => {
    const { store, site, send, profile } = await scoringSetup();
    const sweep = (at: number) => store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, at));

    await send(start, { name: 'page', visitor: 'once' }, { name: 'page', visitor: 'regular' });
    expect((await profile('once')).lifecycle).toBe('new');

    // Day 8: the regular comes back in a second week; its event makes it active at once.
    await send(start + 8 * day, { name: 'page', visitor: 'regular' });
    expect((await profile('regular')).lifecycle).toBe('active');

    // Only the one-time visitor is due (its new week ended on day 7): the sweeper visits it alone,
    // and its 1 point has halved.
    expect(await sweep(start + 8 * day)).toBe(1);
    expect(await profile('once')).toMatchObject({ lifecycle: 'passive', scoreNow: 0.5, nextChangeAt: start + 14 * day });
    expect(await sweep(start + 9 * day)).toBe(0);

    // By day 27 both scores had a decay step due; both are gone, and the once-visitor has nothing left to schedule.
    expect(await sweep(start + 27 * day)).toBe(2);
    expect(await profile('once')).toMatchObject({ scoreNow: 0, nextChangeAt: null });
    // (1 point halved by day 8, plus 1, is 1.5; two idle weeks later it is under half a point.)
    expect(await profile('regular')).toMatchObject({ lifecycle: 'active', scoreNow: 0, nextChangeAt: Date.UTC(2026, 1, 2) });
    // Monday of the fifth week: the regular's first week leaves the window.
    expect(await sweep(start + 28 * day)).toBe(1);
    expect((await profile('regular')).lifecycle).toBe('passive');

    // Coming back on day 29 makes two active weeks of the last four again (weeks 2 and 5).
    await send(start + 29 * day, { name: 'page', visitor: 'regular' });
    expect((await profile('regular')).lifecycle).toBe('active');

    expect((await store.profiles.groupChanges(site.id, (await profile('once')).id)).map((c) => [c.from, c.to, (c.at - start) / day])).toEqual([['new', 'passive', 8]]);
    expect((await store.profiles.groupChanges(site.id, (await profile('regular')).id)).map((c) => [c.from, c.to, (c.at - start) / day])).toEqual([
      ['new', 'active', 8],
      ['active', 'passive', 28],
      ['passive', 'active', 29],
    ]);
  });
});
