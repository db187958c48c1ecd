import { describe, expect, it } from 'vitest';
import { ageAt, ageBandAt, nextBandAt } from './age.js';

const year = 365.25 * 86_400_000;

describe('age bands', () => {
  it('counts whole years from a birth date at the moment asked, turning on the birthday', () => {
    const born = { birthDate: '2008-03-20', ageStatedAt: null };
    expect(ageBandAt(born, Date.UTC(2026, 2, 19, 23, 59))).toBe('under_18');
    expect(ageBandAt(born, Date.UTC(2026, 2, 20))).toBe('18_24');
    expect(ageBandAt(born, Date.UTC(2033, 2, 20))).toBe('25_34');
    expect(ageBandAt({ birthDate: '1950-07-01', ageStatedAt: null }, Date.UTC(2026, 0, 1))).toBe('65_plus');
    // Born on 29 February: a year older on 1 March in other years.
    expect(ageAt({ birthDate: '2004-02-29', ageStatedAt: null }, Date.UTC(2022, 1, 28))).toBe(17);
    expect(ageAt({ birthDate: '2004-02-29', ageStatedAt: null }, Date.UTC(2022, 2, 1))).toBe(18);
    // Not born yet: no age.
    expect(ageBandAt({ birthDate: '2030-01-01', ageStatedAt: null }, Date.UTC(2026, 0, 1))).toBeNull();
  });

  it('grows a stated age from when it was stated, and prefers a birth date', () => {
    const stated = { age: 34, ageStatedAt: 0 };
    expect(ageBandAt(stated, year - 1)).toBe('25_34');
    expect(ageBandAt(stated, year)).toBe('35_44');
    expect(nextBandAt(stated, 0)).toBe(Math.ceil(year));
    expect(ageBandAt({ ...stated, birthDate: '2000-01-01' }, Date.UTC(2026, 0, 1))).toBe('25_34');
    expect(ageBandAt({ ageStatedAt: null }, 0)).toBeNull();
  });
});
