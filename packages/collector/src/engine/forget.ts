// Deleting a person inside the writer: their browsers' events a chunk at a time, then everything else of them, the profile last.
import type { Store } from '../storage/store.js';
import { dayOf } from '../days.js';

/** Events deleted per transaction: ingest waits for one chunk at most, a few milliseconds. */
export const forgetChunk = 2_000;

export interface Forgotten {
  profileId: number;
  visitors: number;
  events: number;
  sessions: number;
  calls: number;
}

/**
 * The last step of a delete, in one transaction: events that arrived since the chunks ran, every
 * browser's sessions, calls, leases, visitor row and link, the person's place in their segments, cluster, group
 * and active days, every row keyed by them, and the profile itself. Leaving the segments sends no
 * exit webhooks, and the outbox rows already queued about the person go too: they carry the
 * person's ids. Undefined when there is no such profile (deleted or merged into another meanwhile).
 */
export async function forgetProfile(store: Store, siteId: number, profileId: number, now: number): Promise<Forgotten | undefined> {
  const profile = await store.profiles.find(siteId, profileId);
  if (!profile) return undefined;
  let events = 0;
  let sessions = 0;
  const visitors = await store.profiles.visitors(siteId, profileId);
  // Their calls and leases carry their browsers' ids and, hashed or not, their phone number.
  const calls = await store.calls.deleteOfVisitors(siteId, visitors);
  for (const visitorId of visitors) {
    let deleted: number;
    while ((deleted = await store.events.deleteOfVisitor(siteId, visitorId, forgetChunk)) > 0) events += deleted;
    sessions += (await store.visits.dropVisitor(siteId, visitorId)).sessions;
    store.profiles.unlinkVisitor(siteId, visitorId);
  }
  const day = dayOf(now);
  for (const { segmentId } of await store.segments.membershipsOf(siteId, profileId)) store.segments.setMembership(siteId, segmentId, profileId, false, now, day);
  store.webhooks.forgetProfile(siteId, profileId);
  store.clusters.forgetProfile(profileId, siteId);
  store.rollups.addGroupDelta(siteId, day, profile.lifecycle, -1);
  store.rollups.forgetActiveDays(siteId, profileId);
  store.segments.forgetProfile(siteId, profileId);
  store.funnels.forgetProfile(siteId, profileId);
  store.profiles.drop(siteId, profileId);
  return { profileId, visitors: visitors.length, events, sessions, calls };
}
