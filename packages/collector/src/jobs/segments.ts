// Saving a segment as a job: the rule and its counters, the new counters filled from stored events, then every person evaluated.
import type { EngineWriter } from '../engine/commands.js';
import { longestWindowDays } from '../model/rule.js';
import { dayMs } from '../days.js';
import type { Counter, Segment } from '../model/segment.js';
import type { Rule } from '../model/rule.js';
import type { Refusal } from '../validation.js';

export interface SegmentJobDeps {
  writer: EngineWriter;
  now: () => number;
}

/**
 * Saves a segment (a new one when `id` is undefined), fills any counter its rules need for the
 * first time from the stored events of the last 400 days, then evaluates every profile of the
 * site, each step a writer transaction of its own so ingest goes on between them. Resolves to the
 * saved segment, to the field that is wrong, or to undefined for an unknown id.
 */
export async function saveSegment(deps: SegmentJobDeps, siteId: number, segment: { id?: number; name: string; rules: Rule }): Promise<Segment | Refusal | undefined> {
  const saved = await deps.writer.run('saveSegment', { siteId, segment, now: deps.now() });
  if (!saved || 'field' in saved) return saved;
  if (saved.fresh.length > 0) await fillCounters(deps.writer, siteId, saved.fresh, deps.now() - longestWindowDays * dayMs, saved.until);
  await reevaluateSite(deps.writer, siteId, deps.now());
  return saved.segment;
}

async function fillCounters(writer: EngineWriter, siteId: number, counters: Counter[], fromTs: number, until: number): Promise<void> {
  for (let after: number | null = 0; after !== null; ) after = await writer.run('fillCounters', { siteId, counters, fromTs, after, until });
}

/** Settles every profile of the site at `now`, a pass per writer transaction; resolves when all are done or `signal` aborts. */
export async function reevaluateSite(writer: EngineWriter, siteId: number, now: number, signal?: AbortSignal): Promise<void> {
  for (let after: number | null = 0; after !== null && !signal?.aborted; ) after = await writer.run('settleSite', { siteId, after, now });
}
