// Age bands from a birth date or a stated age, worked out at the moment they are read so they stay right as years pass.

import { ageBands, type AgeBand } from '../model/profile.js';

export const ageBandLabels: Record<AgeBand, string> = {
  under_18: 'Under 18', '18_24': '18–24', '25_34': '25–34', '35_44': '35–44', '45_54': '45–54', '55_64': '55–64', '65_plus': '65+',
};

/** The age each band starts at, after the first. */
const bandStarts = [18, 25, 35, 45, 55, 65];

const yearMs = 365.25 * 86_400_000;

/** What a person said about their age: a birth date wins over a stated age, which grows from the moment it was said. */
export interface AgeFacts {
  birthDate?: unknown;
  age?: unknown;
  ageStatedAt: number | null;
}

/** The date `years` after a YYYY-MM-DD birth date, at 00:00 UTC (29 February turns to 1 March in other years). */
function birthday(birthDate: string, years: number): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y + years, m - 1, d);
}

/** Whole years of age at `now`, or null when nothing usable was said. */
export function ageAt(facts: AgeFacts, now: number): number | null {
  if (typeof facts.birthDate === 'string') {
    const year = new Date(now).getUTCFullYear() - Number(facts.birthDate.slice(0, 4));
    const age = now >= birthday(facts.birthDate, year) ? year : year - 1;
    return age >= 0 ? age : null;
  }
  if (typeof facts.age === 'number') {
    // Without a birth date the birthday is unknown: the age grows a year every 365.25 days from when it was stated.
    return facts.age + Math.max(0, Math.floor((now - (facts.ageStatedAt ?? now)) / yearMs));
  }
  return null;
}

export function bandOf(age: number | null): AgeBand | null {
  if (age === null) return null;
  const index = bandStarts.findIndex((start) => age < start);
  return ageBands[index === -1 ? ageBands.length - 1 : index]!;
}

export const ageBandAt = (facts: AgeFacts, now: number): AgeBand | null => bandOf(ageAt(facts, now));

/** When the person next moves to another band, or null (no age known, or already 65+). */
export function nextBandAt(facts: AgeFacts, now: number): number | null {
  const age = ageAt(facts, now);
  if (age === null) return null;
  const next = bandStarts.find((start) => start > age);
  if (next === undefined) return null;
  if (typeof facts.birthDate === 'string') return birthday(facts.birthDate, next);
  const statedAt = facts.ageStatedAt ?? now;
  return statedAt + Math.ceil((next - (facts.age as number)) * yearMs);
}
