// What a batch's new events do to their people: profile, score, group, counts, funnels, clusters, segments — one person at a time, in constant time per event.
import type { Batch, Person } from './batch.js';
import { newPerson, saveProfile } from './people.js';
import { resolveIdentity } from './identity.js';
import { announce, settlePerson } from './settle.js';
import { callbackOf } from '../calls/callback.js';
import type { ProfileRules } from '../profiles/rules.js';
import { countEvent, type Tally } from '../segments/membership.js';
import { advanceFunnel } from '../funnels/advance.js';
import { countFeatures, noCounts } from '../clusters/features.js';
import { pointsFor } from '../score/definition.js';
import { addPoints, cappedPoints } from '../score/score.js';
import { markActiveWeek } from '../profiles/lifecycle.js';
import { mergeTraits } from '../profiles/traits.js';
import { placeOf, circleFrom, settleDimensions, stateAge } from '../profiles/dimensions.js';
import { dayOf } from '../days.js';
import type { EventRow } from '../model/event.js';
import type { FeatureCounts } from '../model/cluster.js';

/** Events grouped by visitor, each group in time order. */
export function byVisitor(rows: readonly EventRow[]): EventRow[][] {
  const groups = new Map<string, EventRow[]>();
  for (const row of rows) {
    const events = groups.get(row.visitorId);
    if (events) events.push(row);
    else groups.set(row.visitorId, [row]);
  }
  return [...groups.values()].map((events) => events.sort((a, b) => a.ts - b.ts));
}

/**
 * Applies a batch's new events (one site's) to their people: one settle and one profile write per
 * person, however many events the batch holds, with everything read up front by the batch.
 */
export function applyEvents(batch: Batch, rows: readonly EventRow[], rules: ProfileRules): void {
  const mix = new Map<string, number>();
  const activeDays = new Set<string>();
  for (const events of byVisitor(rows)) applyVisitor(batch, events, rules, mix, activeDays);
  const { siteId } = batch.site;
  for (const [key, events] of mix) {
    const [day, name] = key.split('\t') as [string, string];
    batch.write((s) => s.rollups.addEvents(siteId, Number(day), name, events));
  }
}

/** Writes what a person's events added to their counters and clustering counts, so far. */
function flushCounts(batch: Batch, person: Person, tally: Tally, features: FeatureCounts): void {
  const { id, siteId } = person.profile;
  if (tally.size) {
    const days = [...tally.values()].map((day) => ({ ...day }));
    batch.write((s) => s.segments.addToCounters(siteId, id, days));
  }
  tally.clear();
  if (features.desktop + features.tablet + features.phone > 0) batch.write((s) => s.clusters.addCounts(id, siteId, features));
}

function applyVisitor(batch: Batch, events: EventRow[], rules: ProfileRules, mix: Map<string, number>, activeDays: Set<string>): void {
  const { site } = batch;
  const first = events[0]!;
  let person = batch.personOfVisitor(first.visitorId) ?? newPerson(batch, first, null);
  const tally: Tally = new Map();
  let features = noCounts();
  let traitsChanged = false;
  for (const event of events) {
    if (event.userId !== null && event.userId !== person.profile.userId) {
      // Identity may move this person's counts to another.
      flushCounts(batch, person, tally, features);
      features = noCounts();
      person = resolveIdentity(batch, person, event, rules.scoring);
      traitsChanged = true;
    }
    const { profile } = person;
    if (event.traits) {
      profile.traits = mergeTraits(profile.traits, event.traits);
      if (typeof event.traits.age === 'number') stateAge(profile, event.ts);
      traitsChanged = true;
    }
    // A visitor waiting for a call is told to the site's webhooks whatever the event's points or shown state.
    const callback = callbackOf(event);
    if (callback) announce(batch, person, 'callback.requested', { callback });
    const definition = site.definitions.get(event.name)!;
    // A hidden event is kept in the log and nowhere else: no points, no activity, no stats.
    if (!definition.shown) continue;
    const day = dayOf(event.ts);
    mix.set(`${day}\t${event.name}`, (mix.get(`${day}\t${event.name}`) ?? 0) + 1);
    countEvent(site.segments.all, tally, event);
    countEvent(site.segments.all, person.counted, event);
    countFeatures(features, event);
    countFeatures(person.features.counts, event);
    for (const funnel of site.funnels.get(event.name) ?? []) {
      const reached = advanceFunnel(funnel, person.attempts.get(funnel.id), profile, event);
      if (!reached) continue;
      person.attempts.set(funnel.id, reached.attempt);
      batch.write((s) => s.funnels.reach(profile.siteId, profile.id, funnel.id, reached));
    }
    if (!activeDays.has(`${profile.id}:${day}`)) {
      activeDays.add(`${profile.id}:${day}`);
      const [siteId, id] = [profile.siteId, profile.id];
      batch.write((s) => s.rollups.markActiveDay(siteId, day, id));
    }
    let points = pointsFor(definition, event.props);
    if (definition.dailyCap !== null && points > 0) {
      const key = `${definition.id}:${day}`;
      points = cappedPoints(points, person.dailyPoints.get(key) ?? 0, definition.dailyCap);
      if (points > 0) {
        person.dailyPoints.set(key, (person.dailyPoints.get(key) ?? 0) + points);
        const [siteId, id, granted] = [profile.siteId, profile.id, points];
        batch.write((s) => s.profiles.addDailyPoints(siteId, id, definition.id, day, granted));
      }
    }
    const score = addPoints({ value: profile.score, at: profile.scoreAt }, event.ts, points, rules.scoring);
    profile.score = score.value;
    profile.scoreAt = score.at;
    profile.firstSeen = Math.min(profile.firstSeen, event.ts);
    if (event.ts >= profile.lastSeen) Object.assign(profile, { country: event.country, city: event.city, device: event.device });
    profile.lastSeen = Math.max(profile.lastSeen, event.ts);
    profile.events += 1;
    Object.assign(profile, markActiveWeek(profile, event.ts));
  }
  flushCounts(batch, person, tally, features);
  const { profile } = person;
  if (traitsChanged) {
    settleDimensions(profile, batch.now, true, (p) => circleFrom(batch.circleOf(p)));
    Object.assign(profile, placeOf(profile.traits, profile));
  }
  settlePerson(batch, person, rules);
  saveProfile(batch, person);
  // The day of the last activity holds the score as it now stands.
  const [siteId, id, day, score] = [profile.siteId, profile.id, dayOf(profile.scoreAt), profile.score];
  batch.write((s) => s.profiles.recordScore(siteId, id, day, score));
}
