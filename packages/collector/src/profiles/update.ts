// Runs inside the writer's transaction: each new event updates its person's profile, score and group, in constant time.
import type { EventRow, Store } from '../storage/store.js';
import { countEvent, siteSegments, writeTally, type Tally } from '../segments/membership.js';
import { defaultPoints, pointsFor, type EventDefinition } from '../score/definition.js';
import { addPoints, cappedPoints } from '../score/score.js';
import { markActiveWeek } from './lifecycle.js';
import type { ProfileRules } from './rules.js';
import { settleProfile } from './settle.js';
import { newProfile } from './people.js';
import { dayOf } from '../days.js';
import { resolveIdentity } from './identity.js';
import { mergeTraits } from './traits.js';
import { placeOf, settleDimensions, stateAge } from './dimensions.js';
import { advanceFunnels, liveFunnels } from '../funnels/engine.js';
import { countFeatures, noCounts } from '../clusters/features.js';

/**
 * Applies a batch's new events to their profiles: one profile read and one write per person, and
 * one definition lookup per event name, however many events the batch holds. An event name seen
 * for the first time gets a definition with its default points.
 */
export function updateProfiles(store: Store, rows: EventRow[], rules: ProfileRules, now: number): void {
  const definitions = new Map<string, EventDefinition>();
  const definitionOf = (siteId: number, name: string) => {
    let definition = definitions.get(name);
    if (!definition) {
      definition = store.findDefinition(siteId, name) ?? store.insertDefinition(siteId, name, defaultPoints[name] ?? 0, now);
      definitions.set(name, definition);
    }
    return definition;
  };

  const segments = rows.length ? siteSegments(store, rows[0]!.siteId) : undefined;
  const funnels = rows.length ? liveFunnels(store, rows[0]!.siteId) : undefined;
  const mix = new Map<string, number>();
  const activeDays = new Set<string>();
  const byVisitor = new Map<string, EventRow[]>();
  for (const row of rows) {
    const events = byVisitor.get(row.visitorId);
    if (events) events.push(row);
    else byVisitor.set(row.visitorId, [row]);
  }

  for (const events of byVisitor.values()) {
    events.sort((a, b) => a.ts - b.ts);
    const first = events[0]!;
    let profile = store.findProfileOfVisitor(first.siteId, first.visitorId) ?? newProfile(store, first, null, now);
    const tally: Tally = new Map();
    let features = noCounts();
    let traitsChanged = false;
    for (const event of events) {
      if (event.userId !== null && event.userId !== profile.userId) {
        writeTally(store, profile.id, tally); // identity may move this profile's counts to another
        store.addFeatureCounts(profile.id, profile.siteId, features);
        features = noCounts();
        profile = resolveIdentity(store, profile, event, rules.scoring, now);
        traitsChanged = true;
      }
      if (event.traits) {
        profile.traits = mergeTraits(profile.traits, event.traits);
        if (typeof event.traits.age === 'number') stateAge(profile, event.ts);
        traitsChanged = true;
      }
      const definition = definitionOf(event.siteId, event.name);
      // A hidden event is kept in the log and nowhere else: no points, no activity, no stats.
      if (!definition.shown) continue;
      const day = dayOf(event.ts);
      mix.set(`${day}\t${event.name}`, (mix.get(`${day}\t${event.name}`) ?? 0) + 1);
      countEvent(segments!.all, tally, event);
      countFeatures(features, event);
      if (funnels!.size > 0) advanceFunnels(store, funnels!, profile, event);
      if (!activeDays.has(`${profile.id}:${day}`)) {
        activeDays.add(`${profile.id}:${day}`);
        store.markActiveDay(profile.siteId, day, profile.id);
      }
      let points = pointsFor(definition, event.props);
      if (definition.dailyCap !== null && points > 0) {
        points = cappedPoints(points, store.dailyPoints(profile.id, definition.id, day), definition.dailyCap);
        if (points > 0) store.addDailyPoints(profile.id, definition.id, day, points);
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
    writeTally(store, profile.id, tally);
    store.addFeatureCounts(profile.id, profile.siteId, features);
    if (traitsChanged) {
      settleDimensions(store, profile, now, true);
      Object.assign(profile, placeOf(profile.traits, profile));
    }
    settleProfile(store, profile, segments!, now, rules);
    store.saveProfile(profile);
    // The day of the last activity holds the score as it now stands.
    store.recordScore(profile.id, dayOf(profile.scoreAt), profile.score);
  }
  for (const [key, events] of mix) {
    const [day, name] = key.split('\t');
    store.addDailyEvents(rows[0]!.siteId, Number(day), name!, events);
  }
}
