// Identity: identify() ties a visitor to a customer, and a customer's browsers and devices become one profile.
import type { EventRow, Profile, Store } from '../storage/store.js';
import { mergeScores, type ScoringRules } from '../score/score.js';
import { mergeActiveWeeks } from './lifecycle.js';
import { absorbProfile, newProfile } from './people.js';
import { mergeTraits } from './traits.js';

/**
 * The profile an event with a user id belongs to, for a visitor whose profile is `profile`.
 * - An anonymous profile takes the user id, or, when another profile already has it (the same
 *   customer on another device or browser), is merged into that one: visitors, daily points and
 *   score and group history move over, counters and active weeks add up, and the scores are
 *   decayed to the later activity and summed (capped). Events stay stored by visitor, so the merged profile has all of them.
 * - A visitor identified as another user (a shared computer) belongs to that user's profile from
 *   this event on; its earlier events stay with the profile they were scored for.
 * Calling it again with the same user id changes nothing: it runs in the single writer, so two
 * requests racing to identify are applied one after the other.
 */
export function resolveIdentity(store: Store, profile: Profile, event: EventRow, rules: ScoringRules, now: number): Profile {
  const userId = event.userId!;
  const known = store.findProfileOfUser(profile.siteId, userId);
  if (profile.userId === null) {
    if (!known) return { ...profile, userId };
    const score = mergeScores({ value: known.score, at: known.scoreAt }, { value: profile.score, at: profile.scoreAt }, rules);
    absorbProfile(store, known, profile, now);
    return {
      ...known,
      // The person's first touch is the earlier of the two.
      source: profile.firstSeen < known.firstSeen ? profile.source : known.source,
      // What the identified customer's profile says wins over what the anonymous one said.
      traits: mergeTraits(profile.traits, known.traits),
      firstSeen: Math.min(known.firstSeen, profile.firstSeen),
      lastSeen: Math.max(known.lastSeen, profile.lastSeen),
      events: known.events + profile.events,
      score: score.value,
      scoreAt: score.at,
      ...mergeActiveWeeks(known, profile),
    };
  }
  store.saveProfile(profile);
  if (known) {
    store.relinkVisitor(profile.siteId, event.visitorId, known.id);
    return known;
  }
  return newProfile(store, event, userId, now);
}
