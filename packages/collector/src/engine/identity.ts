// Identity: identify() ties a visitor to a customer, and a customer's browsers and devices become one person.
import type { Batch, Person } from './batch.js';
import { absorbPerson, newPerson, saveProfile } from './people.js';
import { mergeScores, type ScoringRules } from '../score/score.js';
import { mergeActiveWeeks } from '../profiles/lifecycle.js';
import { mergeTraits } from '../profiles/traits.js';
import type { EventRow } from '../model/event.js';

/**
 * The person an event with a user id belongs to, for a visitor whose person is `person`.
 * - An anonymous person takes the user id, or, when another person already has it (the same
 *   customer on another device or browser), is merged into that one: visitors, daily points and
 *   score and group history move over, counters and active weeks add up, and the scores are
 *   decayed to the later activity and summed (capped). Events stay stored by visitor, so the merged person has all of them.
 * - A visitor identified as another user (a shared computer) belongs to that user's person from
 *   this event on; its earlier events stay with the person they were scored for.
 * Calling it again with the same user id changes nothing: batches run one after the other in the
 * single writer, so two requests racing to identify are applied in turn.
 */
export function resolveIdentity(batch: Batch, person: Person, event: EventRow, rules: ScoringRules): Person {
  const userId = event.userId!;
  const known = batch.personOfUser(userId);
  const { profile } = person;
  if (profile.userId === null) {
    if (!known) {
      profile.userId = userId;
      batch.named(person);
      return person;
    }
    const mine = known.profile;
    const score = mergeScores({ value: mine.score, at: mine.scoreAt }, { value: profile.score, at: profile.scoreAt }, rules);
    absorbPerson(batch, known, person);
    Object.assign(mine, {
      // The person's first touch is the earlier of the two.
      source: profile.firstSeen < mine.firstSeen ? profile.source : mine.source,
      // What the identified customer's profile says wins over what the anonymous one said.
      traits: mergeTraits(profile.traits, mine.traits),
      firstSeen: Math.min(mine.firstSeen, profile.firstSeen),
      lastSeen: Math.max(mine.lastSeen, profile.lastSeen),
      events: mine.events + profile.events,
      score: score.value,
      scoreAt: score.at,
      ...mergeActiveWeeks(mine, profile),
    });
    return known;
  }
  saveProfile(batch, person);
  if (known) {
    batch.link(event.visitorId, known);
    const [siteId, visitorId, id] = [profile.siteId, event.visitorId, known.profile.id];
    batch.write((s) => s.profiles.relinkVisitor(siteId, visitorId, id));
    return known;
  }
  return newPerson(batch, event, userId);
}
