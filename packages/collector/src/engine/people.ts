// People coming and going: a new person, first seen through an event's visitor, and a person merged into another.
import type { Batch, Person } from './batch.js';
import { changeMembership } from './settle.js';
import { addToTally } from '../segments/membership.js';
import { sourceOf } from '../profiles/source.js';
import { dayOf } from '../days.js';
import type { EventRow } from '../model/event.js';
import type { FeatureCounts } from '../model/cluster.js';

/**
 * A new person, first seen through this event's visitor: reached on the day of the event, from
 * its source, and counted as new from `now`, when Pulse learned of them.
 */
export function newPerson(batch: Batch, event: EventRow, userId: string | null): Person {
  const person = batch.newPerson({ siteId: event.siteId, userId, source: sourceOf(event), firstSeen: event.ts });
  batch.link(event.visitorId, person);
  const profile = { ...person.profile };
  const { now } = batch;
  batch.write((s) => {
    s.profiles.create(profile, event.visitorId);
    s.rollups.addReach(profile.siteId, dayOf(profile.firstSeen), profile.source, 1);
    s.rollups.addGroupDelta(profile.siteId, dayOf(now), profile.lifecycle, 1);
  });
  return person;
}

/** Saves the person's profile as it stands now. */
export function saveProfile(batch: Batch, person: Person): void {
  const profile = { ...person.profile };
  batch.write((s) => s.profiles.save(profile));
}

function addCounts(into: FeatureCounts, more: FeatureCounts): void {
  into.purchases += more.purchases;
  into.purchaseValue += more.purchaseValue;
  into.desktop += more.desktop;
  into.tablet += more.tablet;
  into.phone += more.phone;
  into.catalog += more.catalog;
  for (const [category, count] of more.categories) into.categories.set(category, (into.categories.get(category) ?? 0) + count);
}

/**
 * Folds `from` into `into` (identity found them to be one person): everything of `from` moves,
 * and it stops counting as a person of its own: out of its group from `now`, out of its segments,
 * and out of the reach of whichever of the two was reached later. The caller merges the profiles' own fields.
 */
export function absorbPerson(batch: Batch, into: Person, from: Person): void {
  const { now } = batch;
  const later = from.profile.firstSeen >= into.profile.firstSeen ? from.profile : into.profile;
  const [intoId, fromId, siteId] = [into.profile.id, from.profile.id, from.profile.siteId];
  const [laterDay, laterSource, fromGroup] = [dayOf(later.firstSeen), later.source, from.profile.lifecycle];
  batch.write((s) => {
    s.rollups.addReach(siteId, laterDay, laterSource, -1);
    s.rollups.addGroupDelta(siteId, dayOf(now), fromGroup, -1);
    s.rollups.moveActiveDays(siteId, intoId, fromId);
  });
  // The merged person is re-evaluated right after: the absorbed one just leaves its segments.
  for (const segment of batch.site.segments.list) {
    if (from.memberships.has(segment.id)) changeMembership(batch, from, { segment, member: false });
  }
  batch.write((s) => {
    s.segments.moveHistory(siteId, intoId, fromId);
    s.segments.moveCounters(siteId, intoId, fromId);
    s.funnels.moveAttempts(siteId, intoId, fromId);
    s.clusters.absorb(intoId, fromId, siteId);
    s.profiles.absorb(siteId, intoId, fromId);
  });
  for (const day of from.counted.values()) addToTally(into.counted, day);
  // The survivor's own attempt at a funnel wins, as the stored rows merge.
  for (const [funnelId, attempt] of from.attempts) if (!into.attempts.has(funnelId)) into.attempts.set(funnelId, attempt);
  addCounts(into.features.counts, from.features.counts);
  for (const [key, points] of from.dailyPoints) into.dailyPoints.set(key, (into.dailyPoints.get(key) ?? 0) + points);
  batch.merged(into, from);
}
