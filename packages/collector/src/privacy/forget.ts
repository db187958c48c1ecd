// Deleting a person: their browsers' events in short writer transactions, then everything else of them, the profile last.
import type { Store } from '../storage/store.js';
import type { Writer } from '../ingest/writer.js';
import { leaveAllSegments } from '../segments/membership.js';
import { dayOf } from '../days.js';

/** Events deleted per transaction: ingest waits for one chunk at most, a few milliseconds. */
export const forgetChunk = 2_000;

export interface Forgotten {
  profileId: number;
  visitors: number;
  events: number;
  sessions: number;
}

/**
 * Deletes a person everywhere. Until the last step the profile stays, so a delete cut short (a
 * crash, a restart) leaves the person visible and is finished by running it again. Counts that name
 * no one (events per day and name, sessions per hour, reach per source, funnel steps) stay as they
 * were; group and segment sizes and the active-people rollup lose the person from `now`, as after a merge.
 * Undefined when there is no such profile (deleted or merged into another meanwhile).
 */
export async function forgetPerson({ store, writer, now }: { store: Store; writer: Writer; now: () => number }, siteId: number, profileId: number): Promise<Forgotten | undefined> {
  let events = 0;
  for (const visitorId of store.visitorsOfProfile(profileId)) {
    let deleted: number;
    do {
      deleted = await writer.submit(() => store.deleteVisitorEvents(siteId, visitorId, forgetChunk));
      events += deleted;
    } while (deleted === forgetChunk);
  }
  return writer.submit(() => {
    const profile = store.findProfile(siteId, profileId);
    if (!profile) return undefined;
    const at = now();
    let sessions = 0;
    // Browsers linked since the chunks ran, and events that arrived meanwhile, go in this transaction.
    const visitors = store.visitorsOfProfile(profileId);
    for (const visitorId of visitors) {
      let deleted: number;
      while ((deleted = store.deleteVisitorEvents(siteId, visitorId, forgetChunk)) > 0) events += deleted;
      sessions += store.dropVisitor(siteId, visitorId).sessions;
    }
    leaveAllSegments(store, profile, at);
    // Leaving the segments queued exits: they and everything sent before carry the person's ids, so
    // they go too, and a receiver hears nothing of the deletion.
    store.forgetProfileWebhooks(profileId);
    store.forgetFeatures(profileId, siteId);
    store.addLifecycleDelta(siteId, dayOf(at), profile.lifecycle, -1);
    store.forgetActiveDays(siteId, profileId);
    store.dropProfileRows(profileId);
    return { profileId, visitors: visitors.length, events, sessions };
  });
}
