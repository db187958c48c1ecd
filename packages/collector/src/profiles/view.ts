// What the admin API and the stats page show of a person: the profile read at a moment, with its history.
import type { Profile, Store } from '../storage/store.js';
import { decayedScore } from '../score/decay.js';
import type { ProfileRules } from './rules.js';

export function profileSummary(profile: Profile, now: number, rules: ProfileRules) {
  return {
    id: profile.id,
    userId: profile.userId,
    source: profile.source,
    traits: profile.traits,
    lifecycle: profile.lifecycle,
    score: Math.round(decayedScore(profile.score, profile.scoreAt, now, rules.scoring.decay) * 100) / 100,
    events: profile.events,
    firstSeen: profile.firstSeen,
    lastSeen: profile.lastSeen,
  };
}

export function profileView(store: Store, profile: Profile, now: number, rules: ProfileRules) {
  return {
    ...profileSummary(profile, now, rules),
    visitors: store.visitorsOfProfile(profile.id),
    scoreHistory: store.scoreHistory(profile.id),
    lifecycleChanges: store.lifecycleChanges(profile.id),
    segments: [...store.segmentsOfProfile(profile.id)],
    segmentHistory: store.segmentHistory(profile.id),
    lastEvents: store.recentEventsOfProfile(profile.siteId, profile.id, 20),
  };
}
