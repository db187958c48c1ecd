// The "Who they are" card's data: age band, gender, education, work and study, and the community types of the person and their circle.
import type { Store } from '../storage/store.js';
import { ageBandAt, ageBandLabels } from '../profiles/age.js';
import { ageFactsOf, circleContacts, circleFrom, countTypes, dominantOf, shareOf } from '../profiles/dimensions.js';
import { communityTypeLabels } from '../profiles/known-traits.js';
import { type Profile, type TypeCounts, communityTypes, type CommunityType } from '../model/profile.js';

/** Community names shown per type; the rest are counted. */
const namesShown = 12;

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** Every type with its count and share, the dominant one marked; empty when there are none. */
function typeRows(counts: TypeCounts) {
  const dominant = dominantOf(counts);
  return communityTypes
    .filter((type) => (counts[type] ?? 0) > 0)
    .map((type) => ({ type, label: communityTypeLabels[type], count: counts[type]!, share: shareOf(counts, type)!, dominant: type === dominant }))
    .sort((a, b) => b.count - a.count || communityTypes.indexOf(a.type) - communityTypes.indexOf(b.type));
}

export async function whoOf(store: Pick<Store, 'profiles'>, profile: Profile, now: number) {
  const band = ageBandAt(ageFactsOf(profile), now);
  const communities = Array.isArray(profile.traits.communities) ? (profile.traits.communities as { id: string; name?: string; type: CommunityType }[]) : [];
  const contacts = Array.isArray(profile.traits.contacts) ? (profile.traits.contacts as string[]) : [];
  // Read now rather than from the stored circle, which may be up to a day behind its contacts.
  const circle = contacts.length > 0 ? circleFrom([...(await store.profiles.communityCountsOfUsers(profile.siteId, circleContacts(profile))).values()]) : {};
  return {
    ageBand: band && ageBandLabels[band],
    ageFrom: typeof profile.traits.birth_date === 'string' ? 'birth date' : band ? 'stated age' : null,
    gender: text(profile.traits.gender),
    education: text(profile.traits.education),
    work: text(profile.traits.work),
    study: text(profile.traits.study),
    communities: typeRows(countTypes(communities)).map((row) => {
      const ofType = communities.filter((c) => c.type === row.type);
      return { ...row, names: ofType.slice(0, namesShown).map((c) => c.name ?? `#${c.id}`), more: Math.max(0, ofType.length - namesShown) };
    }),
    contacts: contacts.length,
    circle: typeRows(circle),
  };
}

export type Who = Awaited<ReturnType<typeof whoOf>>;
