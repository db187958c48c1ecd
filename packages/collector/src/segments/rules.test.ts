import { describe, expect, it } from 'vitest';
import { matches, timeCrossings, type ProfileFacts } from './rules.js';
import { deepestIssue, firstIssue } from '../validation.js';
import { ruleSchema } from '../model/rule.js';

const day = 86_400_000;
const now = Date.UTC(2026, 5, 1);
const ada: ProfileFacts = {
  score: 42, lifecycle: 'active', traits: { plan: 'pro', age: 41 }, country: 'NO', city: 'Oslo', device: 'phone',
  firstSeen: now - 40 * day, lastSeen: now - 2 * day, cluster: () => 2, dimensions: null,
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

describe('who-they-are conditions', () => {
  // Born 1990-06-15: 35 on `now` (2026-06-01), 36 on her birthday two weeks later.
  const bea: ProfileFacts = {
    ...ada,
    traits: { gender: 'female', education: 'master', birth_date: '1990-06-15' },
    dimensions: {
      own: { business: 3, brand: 1 },
      circle: { thematic: 2, event: 5 },
      circleAt: now,
      ageStatedAt: null,
    },
  };
  const check = (rule: unknown, p: ProfileFacts = bea) => matches(ruleSchema.parse(rule), p, now);

  it('tests age band, gender, education, the dominant types and a type\'s share', () => {
    expect(check({ ageBand: ['35_44'] })).toBe(true);
    expect(check({ ageBand: ['25_34', '45_54'] })).toBe(false);
    expect(check({ gender: ['female', 'other'] })).toBe(true);
    expect(check({ gender: ['male'] })).toBe(false);
    expect(check({ education: ['master'] })).toBe(true);
    expect(check({ education: ['bachelor'] })).toBe(false);
    expect(check({ dominantCommunity: ['business'] })).toBe(true);
    expect(check({ dominantCommunity: ['brand'] })).toBe(false);
    expect(check({ circleCommunity: ['event'] })).toBe(true);
    expect(check({ circleCommunity: ['business', 'thematic'] })).toBe(false);
    expect(check({ communityShare: { type: 'business', range: { gte: 0.75 } } })).toBe(true);
    expect(check({ communityShare: { type: 'business', range: { gte: 0.76 } } })).toBe(false);
    expect(check({ communityShare: { type: 'brand', range: { lte: 0.25 } } })).toBe(true);
    expect(check({ communityShare: { type: 'event', range: { lte: 0.5 } } })).toBe(true);
    // A person who said nothing matches none of them, and is matched by their negation.
    for (const rule of [{ ageBand: ['under_18'] }, { gender: ['other'] }, { dominantCommunity: ['business'] }, { circleCommunity: ['event'] }, { communityShare: { type: 'event', range: { lte: 1 } } }]) {
      expect(check(rule, ada), JSON.stringify(rule)).toBe(false);
      expect(check({ not: rule }, ada), JSON.stringify(rule)).toBe(true);
    }
  });

  it('reads a stated age as growing from when it was said', () => {
    const stated = { ...ada, traits: { age: 24 }, dimensions: { own: {}, circle: {}, circleAt: null, ageStatedAt: now - 400 * day } };
    expect(check({ ageBand: ['25_34'] }, stated)).toBe(true);
    expect(check({ ageBand: ['25_34'] }, { ...stated, dimensions: { ...stated.dimensions, ageStatedAt: now - 300 * day } })).toBe(false);
  });

  it('says when the age band changes: the birthday that starts the next band', () => {
    const young = { ...bea, traits: { birth_date: '2001-06-10' } };
    // 24 now; 25 on 2026-06-10, when 18–24 turns to 25–34.
    expect(timeCrossings(ruleSchema.parse({ ageBand: ['18_24'] }), young, now)).toEqual([Date.UTC(2026, 5, 10)]);
    expect(timeCrossings(ruleSchema.parse({ ageBand: ['65_plus'] }), { ...bea, traits: { birth_date: '1950-01-01' } }, now)).toEqual([]);
    expect(timeCrossings(ruleSchema.parse({ gender: ['male'] }), bea, now)).toEqual([]);
  });

  it('names what is wrong in a new condition', () => {
    const bad = (rule: unknown) => {
      const result = ruleSchema.safeParse(rule);
      return result.success ? null : deepestIssue(result.error, ['rules']).message;
    };
    expect(bad({ ageBand: ['30_40'] })).toMatch(/^rules\.ageBand\[0\]: /);
    expect(bad({ gender: [] })).toMatch(/^rules\.gender: /);
    expect(bad({ dominantCommunity: ['club'] })).toMatch(/^rules\.dominantCommunity\[0\]: .*business/);
    expect(bad({ communityShare: { type: 'brand', range: { gte: 50 } } })).toMatch(/^rules\.communityShare\.range\.gte: /);
    expect(bad({ communityShare: { type: 'brand', range: {} } })).toMatch(/needs gte, lte or both/);
  });
});
