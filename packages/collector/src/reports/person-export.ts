// A person's data as one JSON document: profile, traits, identities, browsers, sessions, calls, segments, histories and every event.
import type { Store } from '../storage/store.js';
import type { ProfileRules } from '../profiles/rules.js';
import { dimensionsView, profileSummary } from './profile.js';
import { dayMs } from '../days.js';
import type { Profile } from '../model/profile.js';
import type { Site } from '../model/site.js';

/** Events read per page: the export is written as it is read, so a person with millions of events takes little memory. */
const eventPage = 1_000;

/**
 * The export in pieces of text that together are one JSON object; `events` comes last, in time
 * order per browser. Each piece is read when asked for, so a caller can write it out between reads.
 */
export async function* personExport(store: Pick<Store, 'events' | 'funnels' | 'profiles' | 'segments' | 'visits' | 'clusters' | 'calls'>, site: Site, profile: Profile, now: number, rules: ProfileRules): AsyncGenerator<string> {
  const visitorIds = await store.profiles.visitors(profile.siteId, profile.id);
  const segmentNames = new Map((await store.segments.list(site.id)).map((s) => [s.id, s.name]));
  const funnelNames = new Map((await store.funnels.list(site.id)).map((f) => [f.id, f.name]));
  const { traits, ...summary } = profileSummary(profile, now, rules);
  const head = {
    exportedAt: new Date(now).toISOString(),
    site: site.key,
    profile: { ...summary, country: profile.country, city: profile.city, device: profile.device, ...await dimensionsView(store, profile, now) },
    traits,
    identities: { userId: profile.userId, visitorIds },
    visitors: (await Promise.all(visitorIds.map((v) => store.visits.visitorRecord(site.id, v)))).flatMap((record) => record ?? []),
    sessions: (await Promise.all(visitorIds.map((v) => store.visits.sessionsOfVisitor(site.id, v)))).flat(),
    // The caller's number only when the site keeps it in clear; its hash is the site's salt's business, not the person's.
    calls: (await store.calls.callsOfVisitors(site.id, visitorIds)).map(({ callerHash, ...call }) => call),
    segments: {
      current: (await store.segments.membershipsOf(profile.siteId, profile.id)).map((m) => ({ ...m, name: segmentNames.get(m.segmentId) ?? null })),
      history: (await store.segments.history(profile.siteId, profile.id)).map((c) => ({ ...c, name: segmentNames.get(c.segmentId) ?? null })),
    },
    scoreHistory: (await store.profiles.scoreHistory(profile.siteId, profile.id)).map((h) => ({ date: new Date(h.day * dayMs).toISOString().slice(0, 10), score: h.score })),
    groupHistory: await store.profiles.groupChanges(profile.siteId, profile.id),
    funnels: (await store.funnels.attemptsOf(profile.siteId, profile.id)).map((a) => ({ ...a, name: funnelNames.get(a.funnelId) ?? null })),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"events":[`;
  let first = true;
  for (const visitorId of visitorIds) {
    let after: { ts: number; seq: number } | null = { ts: Number.MIN_SAFE_INTEGER, seq: 0 };
    while (after) {
      const page = await store.events.ofVisitorAfter(site.id, visitorId, after, eventPage);
      if (page.events.length > 0) {
        yield (first ? '' : ',') + page.events.map((e) => JSON.stringify(e)).join(',');
        first = false;
      }
      after = page.next;
    }
  }
  yield ']}\n';
}

/** The file name a person's export is saved under: only the profile id, never anything they sent. */
export const exportFileName = (siteKey: string, profileId: number) =>
  `pulse-${siteKey.replace(/[^A-Za-z0-9_-]/g, '') || 'site'}-person-${profileId}.json`;
