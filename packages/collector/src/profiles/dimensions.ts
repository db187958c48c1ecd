// Who a person is, kept beside their traits: the types of their communities, the types of their circle's, and when their age was said.
import type { Profile, ProfileDimensions, TypeCounts } from '../model/profile.js';
import type { AgeFacts } from './age.js';
import { communityTypes, type CommunityType } from '../model/profile.js';

/**
 * How stale a circle may get: a contact's communities changing does not reach everyone who lists
 * them at once (a popular customer may be listed by thousands), so each circle is recomputed, from
 * at most maxContacts indexed reads, this long after it was last.
 */
export const circleRefreshMs = 86_400_000;

export function countTypes(communities: unknown): TypeCounts {
  const counts: TypeCounts = {};
  if (!Array.isArray(communities)) return counts;
  for (const c of communities as { type: CommunityType }[]) counts[c.type] = (counts[c.type] ?? 0) + 1;
  return counts;
}

export function addCounts(into: TypeCounts, more: TypeCounts): TypeCounts {
  for (const type of communityTypes) if (more[type]) into[type] = (into[type] ?? 0) + more[type];
  return into;
}

const total = (counts: TypeCounts) => communityTypes.reduce((sum, type) => sum + (counts[type] ?? 0), 0);

/** The most frequent type; a tie goes to the type listed first in communityTypes, so the answer never flips at random. */
export function dominantOf(counts: TypeCounts): CommunityType | null {
  let best: CommunityType | null = null;
  for (const type of communityTypes) if ((counts[type] ?? 0) > (best ? counts[best]! : 0)) best = type;
  return best;
}

/** The share (0 to 1) of one type among the counts, or null when there are none. */
export function shareOf(counts: TypeCounts, type: CommunityType): number | null {
  const all = total(counts);
  return all === 0 ? null : (counts[type] ?? 0) / all;
}

const contactsOf = (traits: Record<string, unknown>): string[] => (Array.isArray(traits.contacts) ? (traits.contacts as string[]) : []);

/** The user ids whose profiles make up a person's circle: their contacts, themself left out. */
export const circleContacts = (profile: Pick<Profile, 'userId' | 'traits'>): string[] => contactsOf(profile.traits).filter((id) => id !== profile.userId);

/** A circle from its contacts' own counts: contacts without a profile yet count nothing. */
export const circleFrom = (contactCounts: readonly TypeCounts[]): TypeCounts => contactCounts.reduce(addCounts, {});

const empty = (): ProfileDimensions => ({ own: {}, circle: {}, circleAt: null, ageStatedAt: null });

/** Whether settling the person at `now` recomputes their circle: whenever their traits changed, else once its refresh is due. */
export const circleDue = (profile: Pick<Profile, 'dimensions'>, now: number, traitsChanged: boolean): boolean =>
  traitsChanged || (profile.dimensions?.circleAt != null && now >= profile.dimensions.circleAt + circleRefreshMs);

/**
 * Brings the profile's dimensions up to `now`, in place: the own counts and the circle whenever
 * the traits changed, the circle alone when its refresh is due (`circleOf` gives it from the
 * contacts' profiles as they are now). Returns the next moment the circle is due, or null for a
 * person without contacts.
 */
export function settleDimensions(profile: Profile, now: number, traitsChanged: boolean, circleOf: (profile: Profile) => TypeCounts): number | null {
  const contacts = contactsOf(profile.traits);
  const dims = profile.dimensions;
  if (traitsChanged) {
    const next = { ...(dims ?? empty()), own: countTypes(profile.traits.communities) };
    if (contacts.length > 0) Object.assign(next, { circle: circleOf(profile), circleAt: now });
    else Object.assign(next, { circle: {}, circleAt: null });
    const blank = total(next.own) === 0 && next.circleAt === null && next.ageStatedAt === null;
    profile.dimensions = blank ? null : next;
  } else if (dims && circleDue(profile, now, false)) {
    profile.dimensions = { ...dims, circle: circleOf(profile), circleAt: now };
  }
  const circleAt = profile.dimensions?.circleAt ?? null;
  return circleAt === null ? null : circleAt + circleRefreshMs;
}

/** Records that the age trait was stated at `at`. */
export function stateAge(profile: Profile, at: number): void {
  profile.dimensions = { ...(profile.dimensions ?? empty()), ageStatedAt: at };
}

/** Where a person is: what their traits say wins over where their IP placed them last. */
export function placeOf(traits: Record<string, unknown>, ip: { country: string | null; city: string | null }) {
  const country = typeof traits.country === 'string' ? traits.country : ip.country;
  const city = typeof traits.city === 'string' ? traits.city : country === ip.country ? ip.city : null;
  return { country, city };
}

/** What a person's traits say about their age, for age.ts. */
export const ageFactsOf = (p: Pick<Profile, 'traits' | 'dimensions'>): AgeFacts => ({
  birthDate: p.traits.birth_date,
  age: p.traits.age,
  ageStatedAt: p.dimensions?.ageStatedAt ?? null,
});
