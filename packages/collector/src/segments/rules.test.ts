import { describe, expect, it } from 'vitest';
import { matches, ruleSchema, timeCrossings, type ProfileFacts } from './rules.js';
import { firstIssue } from '../validation.js';

const day = 86_400_000;
const now = Date.UTC(2026, 5, 1);
const ada: ProfileFacts = {
  score: 42, lifecycle: 'active', traits: { plan: 'pro', age: 41 }, country: 'NO', city: 'Oslo', device: 'phone',
  firstSeen: now - 40 * day, lastSeen: now - 2 * day, cluster: () => 2,
  // Two purchases worth 120 in all within the window.
  counted: (spec, fromDay) =>
    spec.event === 'purchase' && fromDay <= Math.floor(now / day) - 3
      ? { count: 2, total: 120, firstDay: Math.floor(now / day) - 3 }
      : { count: 0, total: 0, firstDay: null },
};

describe('ruleSchema', () => {
  it('accepts nested all / any / not over conditions', () => {
    const rule = { all: [{ score: { gte: 10 } }, { any: [{ country: ['NO', 'SE'] }, { not: { device: ['desktop'] } }] }] };
    expect(ruleSchema.safeParse(rule).success).toBe(true);
  });

  it('names what is wrong in a rule', () => {
    const bad = (rule: unknown) => {
      const result = ruleSchema.safeParse(rule);
      return result.success ? null : firstIssue(result.error).message;
    };
    expect(bad({ score: {} })).toMatch(/needs gte, lte or both/);
    expect(bad({ all: [] })).toMatch(/too small|>=1/i);
    expect(bad({ lastSeen: { withinDays: 7, olderThanDays: 3 } })).toMatch(/withinDays or olderThanDays/);
    expect(bad({ colour: 'red' })).not.toBeNull();
  });
});

describe('matches', () => {
  it('tests score, group, traits, geo, device and first or last seen', () => {
    const yes = [
      { score: { gte: 40, lte: 50 } },
      { lifecycle: ['active'] },
      { trait: 'plan', equals: 'pro' },
      { trait: 'plan', in: ['pro', 'team'] },
      { trait: 'age', range: { gte: 18 } },
      { trait: 'plan', exists: true },
      { trait: 'email', exists: false },
      { country: ['NO'] },
      { city: ['Oslo'] },
      { device: ['phone', 'tablet'] },
      { firstSeen: { olderThanDays: 30 } },
      { lastSeen: { withinDays: 7 } },
      { all: [{ country: ['NO'] }, { not: { device: ['desktop'] } }] },
      { any: [{ country: ['SE'] }, { score: { gte: 40 } }] },
      { event: 'purchase', withinDays: 7, count: { gte: 2 } },
      { event: 'purchase', withinDays: 7, sum: 'value', range: { gte: 100, lte: 120 } },
    ];
    for (const rule of yes) expect(matches(ruleSchema.parse(rule), ada, now), JSON.stringify(rule)).toBe(true);
    const no = [
      { score: { gte: 43 } },
      { lifecycle: ['new'] },
      { trait: 'age', range: { lte: 40 } },
      { lastSeen: { olderThanDays: 7 } },
      { event: 'purchase', withinDays: 7, count: { gte: 3 } },
      { event: 'signup', withinDays: 7, count: { gte: 1 } },
    ];
    for (const rule of no) expect(matches(ruleSchema.parse(rule), ada, now), JSON.stringify(rule)).toBe(false);
  });

  it('says when time alone may flip a first- or last-seen test, or a count as its first day leaves the window', () => {
    const rule = ruleSchema.parse({ all: [{ lastSeen: { withinDays: 7 } }, { firstSeen: { olderThanDays: 30 } }] });
    expect(timeCrossings(rule, ada, now)).toEqual([ada.lastSeen + 7 * day]);
    const counted = ruleSchema.parse({ event: 'purchase', withinDays: 7, count: { gte: 2 } });
    expect(timeCrossings(counted, ada, now)).toEqual([(Math.floor(now / day) - 3 + 7) * day]);
  });
});
