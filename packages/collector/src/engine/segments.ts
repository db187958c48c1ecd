// Saving a segment inside the writer: its rule and the counters it needs, and the counters filled from stored events a pass at a time.
import type { Store } from '../storage/store.js';
import { countersOf } from '../segments/rules.js';
import { countEvent, type Tally } from '../segments/membership.js';
import type { Counter, Segment } from '../model/segment.js';
import { longestWindowDays, type Rule } from '../model/rule.js';
import { dayMs } from '../days.js';

/** Events read per transaction while counters are filled. */
const fillPassSize = 5_000;

/** What is wrong with naming a segment `name` on the site (another segment, not `id`, has it), or undefined. */
export async function nameClash(store: Pick<Store, 'segments'>, siteId: number, name: string, id?: number): Promise<string | undefined> {
  return (await store.segments.list(siteId)).some((s) => s.name === name && s.id !== id) ? `name: a segment '${name}' exists already` : undefined;
}

export type SegmentSaved = { segment: Segment; filling: number[] } | { field: 'name'; message: string } | undefined;

/**
 * Saves a segment (a new one when `id` is undefined) with the counters its rules use, creating
 * empty the ones no rule used before (`filling`, to be filled from the events of the longest window
 * stored up to now: ingest counts the later ones into them as they come, so filling those too would
 * count them twice). The fill is kept with the counters, for any collector to finish. A name another
 * segment has is refused; an unknown id is undefined.
 */
export async function saveSegmentRule(store: Pick<Store, 'events' | 'segments'>, siteId: number, segment: { id?: number; name: string; rules: Rule }, now: number): Promise<SegmentSaved> {
  const clash = await nameClash(store, siteId, segment.name, segment.id);
  if (clash) return { field: 'name', message: clash };
  const saved =
    segment.id === undefined
      ? await store.segments.insert(siteId, segment.name, segment.rules, now)
      : await store.segments.update(siteId, segment.id, segment.name, segment.rules, now);
  if (!saved) return undefined;
  const filling: number[] = [];
  for (const spec of countersOf(segment.rules)) {
    const { id, created } = await store.segments.ensureCounter(siteId, spec);
    if (created) filling.push(id);
  }
  if (filling.length > 0) store.segments.startFill(siteId, filling, now - longestWindowDays * dayMs, await store.events.lastSeq());
  return { segment: saved, filling };
}

/**
 * Counts one pass of stored events into the counters still being filled (those filled together go
 * together); says whether any is left to fill. A fill a stopped collector left goes on from its
 * last committed pass.
 */
export async function fillCountersPass(store: Pick<Store, 'events' | 'profiles' | 'segments'>, siteId: number, counterIds: readonly number[]): Promise<boolean> {
  const fills = await store.segments.holdFills(siteId, counterIds);
  const first = fills[0];
  if (!first) return false;
  const together = fills.filter((fill) => fill.fromTs === first.fromTs && fill.after === first.after && fill.until === first.until);
  const last = await countPass(store, siteId, together, first.fromTs, first.after, first.until);
  for (const fill of together) store.segments.moveFill(siteId, fill.id, last);
  return true;
}

/** Counts one pass of the site's stored events since `fromTs` (after the row `after`, up to `until`) into the counters; the last row read, or null when none were left. */
async function countPass(store: Pick<Store, 'events' | 'profiles' | 'segments'>, siteId: number, counters: Counter[], fromTs: number, after: number, until: number): Promise<number | null> {
  const events = await store.events.since(siteId, fromTs, after, until, fillPassSize);
  const tallies = new Map<number, Tally>();
  const people = new Map<string, number | undefined>();
  for (const event of events) {
    if (!people.has(event.visitorId)) people.set(event.visitorId, (await store.profiles.personOfVisitor(siteId, event.visitorId))?.id);
    const profileId = people.get(event.visitorId);
    if (profileId === undefined) continue;
    if (!tallies.has(profileId)) tallies.set(profileId, new Map());
    countEvent(counters, tallies.get(profileId)!, event);
  }
  for (const [profileId, tally] of tallies) store.segments.addToCounters(siteId, profileId, [...tally.values()]);
  return events.at(-1)?.seq ?? null;
}
