// What a batch of validated events does, inside the writer's transaction: stored once each, then their sessions, rollups and people.
import type { Store } from '../storage/store.js';
import type { ProfileRules } from '../profiles/rules.js';
import { summarizeSessions } from '../traffic/sessions.js';
import { countPageviews, countVisit, newTrafficTally, tallyRows } from '../traffic/tally.js';
import { siteSetup } from './site.js';
import { loadBatch } from './batch.js';
import { applyEvents } from './events.js';
import { dayOf } from '../days.js';
import { recordInteractions } from './personalization.js';
import type { EventRow } from '../model/event.js';

/** What the engine runs with: the store, and the rules its people follow. */
export interface EngineContext {
  store: Store;
  rules: ProfileRules;
}

/**
 * Stores the new events of a batch (one site's) and updates their sessions, visitors, traffic
 * rollups and people; runs inside the writer's transaction, so an event and everything it changes
 * commit together. A resent event (its id stored already) changes nothing.
 */
export async function recordEvents({ store, rules }: EngineContext, rows: EventRow[], now: number): Promise<{ accepted: number; duplicates: number }> {
  const fresh = await store.events.insert(rows);
  if (fresh.length > 0) {
    const { siteId } = fresh[0]!;
    const traffic = newTrafficTally();
    for (const summary of summarizeSessions(fresh)) countVisit(traffic, await store.visits.record(summary));
    countPageviews(traffic, fresh);
    for (const [hour, change] of traffic.hours) {
      if (change.sessions || change.pageviews || change.bounces || change.durationMs) store.traffic.add(siteId, hour, change);
    }
    for (const [dimension, day, value, count] of tallyRows(traffic)) store.traffic.addDimension(siteId, dimension, day, value, count);
    await recordInteractions(store, siteId, fresh);

    const site = await siteSetup(store, siteId, fresh.map((row) => row.name), now);
    const users = fresh.flatMap((row) => (row.userId === null ? [] : [row.userId]));
    const visitors = new Set(fresh.map((row) => row.visitorId));
    const batch = await loadBatch(store, site, now, {
      visitors,
      users,
      days: fresh.map((row) => dayOf(row.ts)),
      traits: users.length > 0 || fresh.some((row) => row.traits !== null),
      contacts: fresh.flatMap((row) => (Array.isArray(row.traits?.contacts) ? (row.traits.contacts as string[]) : [])),
      newPeople: visitors.size + new Set(users).size,
    });
    applyEvents(batch, fresh, rules);
    batch.commit(store);
  }
  return { accepted: fresh.length, duplicates: rows.length - fresh.length };
}
