// One person's page: identity, who they are, score history, sessions with their events, segments, groups and traits.
import type { Store } from '../storage/store.js';
import type { ProfileRules } from '../profiles/rules.js';
import { profileSummary } from './profile.js';
import { pointsFor } from '../score/definition.js';
import { dayOf } from '../days.js';
import { nameOf, writingOf, writingsOf } from './people.js';
import { whoOf } from './who.js';
import type { Session } from '../model/visit.js';
import type { StoredEventSummary } from '../model/event.js';

/** Events on the timeline: the newest ones, read per browser through the timeline index. */
export const timelineEvents = 100;
const writingsShown = 10;
/** Entries and exits shown; a person going in and out of a segment for years has more. */
const changesShown = 50;

export async function personOf(store: Pick<Store, 'definitions' | 'events' | 'profiles' | 'segments' | 'visits'>, siteId: number, id: number, now: number, rules: ProfileRules) {
  const profile = await store.profiles.find(siteId, id);
  if (!profile) return undefined;
  const summary = profileSummary(profile, now, rules);
  const visitorIds = await store.profiles.visitors(siteId, id);
  const found = await store.visits.visitors(siteId, visitorIds);
  const visitors = visitorIds.flatMap((v) => found.get(v) ?? []).sort((a, b) => b.lastSeen - a.lastSeen);
  const segmentNames = new Map((await store.segments.list(siteId)).map((s) => [s.id, s.name]));
  const definitions = new Map((await store.definitions.list(siteId)).map((d) => [d.name, d]));

  const timelineEvent = (event: StoredEventSummary) => {
    const definition = definitions.get(event.name);
    return { ...event, points: definition ? pointsFor(definition, event.props) : null, writing: writingOf(event) };
  };
  // Sessions newest first, each with its events in the order they happened.
  const sessions = new Map<string, { session: Session | undefined; events: Awaited<ReturnType<typeof timelineEvent>>[] }>();
  for (const event of (await store.events.recentOfPeople(siteId, [id], timelineEvents)).get(id)!) {
    let entry = sessions.get(event.sessionId);
    if (!entry) sessions.set(event.sessionId, (entry = { session: await store.visits.session(siteId, event.sessionId), events: [] }));
    entry.events.unshift(timelineEvent(event));
  }

  // The chart starts from nothing the day before the first points and ends today, so a score
  // fading since the last active day shows as fading.
  const history = await store.profiles.scoreHistory(siteId, id);
  const today = dayOf(now);
  if (history.length > 0) {
    history.unshift({ day: history[0]!.day - 1, score: 0 });
    if (history.at(-1)!.day < today) history.push({ day: today, score: summary.score });
  }

  return {
    ...summary,
    name: nameOf(profile),
    country: profile.country,
    city: profile.city,
    device: profile.device ?? visitors[0]?.device ?? null,
    browser: visitors[0]?.browser ?? null,
    os: visitors[0]?.os ?? null,
    visitors: visitors.length,
    sessions: [...sessions.entries()].map(([sessionId, entry]) => ({ sessionId, ...entry })),
    scoreHistory: history,
    writings: await writingsOf(store, siteId, visitorIds, writingsShown),
    memberships: (await store.segments.membershipsOf(siteId, id)).flatMap((m) => {
      const name = segmentNames.get(m.segmentId);
      return name === undefined ? [] : [{ name, since: m.since }];
    }),
    segmentHistory: (await store.segments
      .history(siteId, id))
      .flatMap((change) => {
        const name = segmentNames.get(change.segmentId);
        return name === undefined ? [] : [{ name, at: change.at, entered: change.entered }];
      })
      .reverse()
      .slice(0, changesShown),
    groupHistory: (await store.profiles.groupChanges(siteId, id)).reverse().slice(0, changesShown),
    who: await whoOf(store, profile, now),
    traits: Object.entries(profile.traits).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) })),
  };
}

export type Person = NonNullable<Awaited<ReturnType<typeof personOf>>>;
