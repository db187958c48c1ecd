// Saving a segment as a job: the rule and its counters, the new counters filled from stored events (by any collector, should this one stop), then every person evaluated.
import type { EngineWriter } from '../engine/commands.js';
import type { Store } from '../storage/store.js';
import type { CounterFill, Segment } from '../model/segment.js';
import type { Rule } from '../model/rule.js';
import type { Refusal } from '../validation.js';
import { adoptStalled, stalledLookMs } from './stalled.js';

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
  if (saved.filling.length > 0) await fillCounters(deps.writer, siteId, saved.filling);
  await reevaluateSite(deps.writer, siteId, deps.now());
  return saved.segment;
}

/** Fills the counters a pass per writer transaction, from where their fill got to. */
async function fillCounters(writer: EngineWriter, siteId: number, counterIds: number[]): Promise<void> {
  while (await writer.run('fillCounters', { siteId, counterIds }));
}

export interface FillJobDeps extends SegmentJobDeps {
  store: Pick<Store, 'segments'>;
  log: (message: string) => void;
}

// Fills under way in this process, by counter, so a look finding one stalled does not start a twin.
const running = new Set<number>();

/** Finishes a fill another collector left (or this one, before a restart), then evaluates the site's people on the full counts. */
function finishFill(deps: FillJobDeps, fill: CounterFill): void {
  if (running.has(fill.id)) return;
  running.add(fill.id);
  void fillCounters(deps.writer, fill.siteId, [fill.id])
    .then(() => reevaluateSite(deps.writer, fill.siteId, deps.now()))
    .catch((error: Error) => deps.log(`segments: counter ${fill.id}: fill stopped: ${error.message}`))
    .finally(() => running.delete(fill.id));
}

/** Takes up the fills a stopped process left, at once. */
export async function resumeFills(deps: FillJobDeps): Promise<void> {
  for (const fill of await deps.store.segments.fills()) finishFill(deps, fill);
}

/** Takes up fills no collector is moving (jobs/stalled.ts), looking every `everyMs`; returns a function that stops looking. */
export function adoptStalledFills(deps: FillJobDeps, everyMs = stalledLookMs): () => Promise<void> {
  return adoptStalled(
    { list: () => deps.store.segments.fills(), keyOf: (fill) => String(fill.id), progressOf: (fill) => String(fill.after), adopt: (fill) => finishFill(deps, fill) },
    everyMs,
    (message) => deps.log(`segments: ${message}`),
  );
}

/** Settles every profile of the site at `now`, a pass per writer transaction; resolves when all are done or `signal` aborts. */
export async function reevaluateSite(writer: EngineWriter, siteId: number, now: number, signal?: AbortSignal): Promise<void> {
  for (let after: number | null = 0; after !== null && !signal?.aborted; ) after = await writer.run('settleSite', { siteId, after, now });
}
