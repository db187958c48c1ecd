// Re-evaluates one profile's rule segments: entries and exits recorded, and when time alone may change them next.
import type { Profile, Segment, Store } from '../storage/store.js';
import { matches, timeCrossings, type ProfileFacts } from './rules.js';

const dayOf = (ts: number) => Math.floor(ts / 86_400_000);

const factsOf = (p: Profile): ProfileFacts => ({
  score: p.scoreNow,
  lifecycle: p.lifecycle,
  traits: p.traits,
  country: p.country,
  city: p.city,
  device: p.device,
  firstSeen: p.firstSeen,
  lastSeen: p.lastSeen,
});

/**
 * Brings the profile's memberships up to `now` (its score and group must already be settled), and
 * returns the future moments at which a first- or last-seen test of a segment may flip.
 */
export function settleSegments(store: Store, profile: Profile, segments: Segment[], now: number): number[] {
  if (segments.length === 0) return [];
  const facts = factsOf(profile);
  const current = store.segmentsOfProfile(profile.id);
  const crossings: number[] = [];
  for (const segment of segments) {
    const member = matches(segment.rules, facts, now);
    if (member !== current.has(segment.id)) store.setMembership(profile.siteId, segment.id, profile.id, member, now, dayOf(now));
    crossings.push(...timeCrossings(segment.rules, facts, now));
  }
  return crossings;
}

/** Takes a profile out of all its segments, as when identity merges it away. */
export function leaveAllSegments(store: Store, profile: Profile, now: number): void {
  for (const segmentId of store.segmentsOfProfile(profile.id)) {
    store.setMembership(profile.siteId, segmentId, profile.id, false, now, dayOf(now));
  }
}
