// What the admin API and the stats page show of a person: the profile read at a moment, with its history.
import type { Store } from '../storage/store.js';
import { shownScore } from '../score/decay.js';
import type { ProfileRules } from '../profiles/rules.js';
import { ageBandAt } from '../profiles/age.js';
import { ageFactsOf, dominantOf } from '../profiles/dimensions.js';
import type { Profile } from '../model/profile.js';

export function profileSummary(profile: Profile, now: number, rules: ProfileRules) {
  return {
    id: profile.id,
    userId: profile.userId,
    source: profile.source,
    traits: profile.traits,
    lifecycle: profile.lifecycle,
    score: shownScore(profile.score, profile.scoreAt, now, rules.scoring.decay),
    events: profile.events,
    firstSeen: profile.firstSeen,
    lastSeen: profile.lastSeen,
  };
}

/** Who the person is beyond their traits: age band, community types (their own and their circle's) and cluster. */
export async function dimensionsView(store: Pick<Store, 'clusters' | 'events' | 'profiles' | 'segments'>, profile: Profile, now: number) {
  const own = profile.dimensions?.own ?? {};
  const circle = profile.dimensions?.circle ?? {};
  return {
    ageBand: ageBandAt(ageFactsOf(profile), now),
    communities: { own, dominant: dominantOf(own), circle, circleDominant: dominantOf(circle) },
    cluster: await store.clusters.clusterOf(profile.id, profile.siteId),
  };
}

export async function profileView(store: Pick<Store, 'clusters' | 'events' | 'profiles' | 'segments'>, profile: Profile, now: number, rules: ProfileRules) {
  return {
    ...profileSummary(profile, now, rules),
    ...await dimensionsView(store, profile, now),
    visitors: await store.profiles.visitors(profile.siteId, profile.id),
    scoreHistory: await store.profiles.scoreHistory(profile.siteId, profile.id),
    lifecycleChanges: await store.profiles.groupChanges(profile.siteId, profile.id),
    segments: [...await store.segments.ofProfile(profile.siteId, profile.id)],
    segmentHistory: await store.segments.history(profile.siteId, profile.id),
    lastEvents: (await store.events.recentOfPeople(profile.siteId, [profile.id], 20)).get(profile.id)!,
  };
}
