// Creating and changing segments: the counters their rules need, filled from past events, then every profile evaluated.
import { dayMs } from '../days.js';
import type { Segment, Store } from '../storage/store.js';
import type { Writer } from '../ingest/writer.js';
import type { ProfileRules } from '../profiles/rules.js';
import { countersOf, longestWindowDays, type Rule } from './rules.js';
import type { Counter } from './counters.js';
import { countEvent, writeTally, type Tally } from './membership.js';
import { reevaluateSite } from './reevaluate.js';

const passSize = 5_000;

/** What is wrong with naming a segment `name` on the site (another segment, not `id`, has it), or undefined. */
export function nameClash(store: Store, siteId: number, name: string, id?: number): string | undefined {
  return store.listSegments(siteId).some((s) => s.name === name && s.id !== id) ? `name: a segment '${name}' exists already` : undefined;
}

/**
 * Saves a segment (a new one when `id` is undefined), fills any counter its rules need for the
 * first time from the stored events of the last 400 days, then evaluates every profile of the
 * site, all through the single writer. Resolves to the saved segment, or undefined for an unknown id.
 */
export async function saveSegment(
  deps: { writer: Writer; store: Store; rules: ProfileRules; now: () => number },
  siteId: number,
  segment: { id?: number; name: string; rules: Rule },
): Promise<Segment | undefined> {
  const { writer, store } = deps;
  const saved = await writer.submit(() => {
    const now = deps.now();
    const result =
      segment.id === undefined
        ? store.insertSegment(siteId, segment.name, segment.rules, now)
        : store.updateSegment(siteId, segment.id, segment.name, segment.rules, now);
    const fresh: Counter[] = [];
    if (result) {
      for (const spec of countersOf(segment.rules)) {
        const { id, created } = store.ensureCounter(siteId, spec);
        if (created) fresh.push({ id, spec });
      }
    }
    return { result, fresh };
  });
  if (!saved.result) return undefined;
  if (saved.fresh.length > 0) await fillCounters(writer, store, siteId, saved.fresh, deps.now() - longestWindowDays * dayMs);
  await reevaluateSite(writer, store, siteId, deps.rules, deps.now());
  return saved.result;
}

async function fillCounters(writer: Writer, store: Store, siteId: number, counters: Counter[], fromTs: number): Promise<void> {
  for (let after = 0; ; ) {
    const last = await writer.submit(() => {
      const events = store.eventsSince(siteId, fromTs, after, passSize);
      const tallies = new Map<number, Tally>();
      const profiles = new Map<string, number | undefined>();
      for (const event of events) {
        if (!profiles.has(event.visitorId)) profiles.set(event.visitorId, store.findProfileOfVisitor(siteId, event.visitorId)?.id);
        const profileId = profiles.get(event.visitorId);
        if (profileId === undefined) continue;
        if (!tallies.has(profileId)) tallies.set(profileId, new Map());
        countEvent(counters, tallies.get(profileId)!, event);
      }
      for (const [profileId, tally] of tallies) writeTally(store, profileId, tally);
      return events.at(-1)?.seq;
    });
    if (last === undefined) return;
    after = last;
  }
}
