// Funnels as jobs: saving one, and replaying the stored events through a new or changed one in the background, a chunk per writer transaction.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { FunnelSaved } from '../engine/funnels.js';
import type { Funnel, FunnelDefinition } from '../model/funnel.js';
import { adoptStalled, stalledLookMs } from './stalled.js';

export interface FunnelJobDeps {
  writer: EngineWriter;
  store: Pick<Store, 'funnels'>;
  log: (message: string) => void;
  now: () => number;
}

// Replays under way in this process, by funnel and generation, so a second save does not start a twin.
const running = new Set<string>();

/** Starts replaying the funnel in the background; a later change of its definition stops this replay. */
export function startReplay(deps: Omit<FunnelJobDeps, 'now'>, funnel: Funnel): Promise<void> {
  const key = `${funnel.id}:${funnel.generation}`;
  if (running.has(key)) return Promise.resolve();
  running.add(key);
  return replayFunnel(deps.writer, funnel)
    .catch((error: Error) => deps.log(`funnel ${funnel.id}: replay stopped: ${error.message}`))
    .finally(() => running.delete(key));
}

/** Picks up replays a stopped process left half done: each resumes from its last committed chunk. */
export async function resumeReplays(deps: Omit<FunnelJobDeps, 'now'>): Promise<void> {
  for (const funnel of await deps.store.funnels.computing()) void startReplay(deps, funnel);
}

/** Takes up replays no collector is moving (jobs/stalled.ts), looking every `everyMs`; returns a function that stops looking. */
export function adoptStalledReplays(deps: Omit<FunnelJobDeps, 'now'>, everyMs = stalledLookMs): () => Promise<void> {
  return adoptStalled(
    {
      list: () => deps.store.funnels.computing(),
      keyOf: (funnel) => `${funnel.id}:${funnel.generation}`,
      progressOf: (funnel) => JSON.stringify(funnel.cursor),
      adopt: (funnel) => void startReplay(deps, funnel),
    },
    everyMs,
    (message) => deps.log(`funnels: ${message}`),
  );
}

/** Replays the site's stored events through the funnel, chunk by chunk, from where the last chunk ended. */
export async function replayFunnel(writer: EngineWriter, { siteId, id, generation }: Pick<Funnel, 'siteId' | 'id' | 'generation'>): Promise<void> {
  while (await writer.run('replayFunnel', { siteId, funnelId: id, generation }));
}

/**
 * Saves a funnel (a new one when `id` is undefined) and starts its replay when there is anything
 * to compute. Resolves to the funnel, to the field that is wrong, or to undefined for an unknown id.
 */
export async function saveFunnel(deps: FunnelJobDeps, siteId: number, id: number | undefined, definition: FunnelDefinition): Promise<FunnelSaved> {
  const answer = await deps.writer.run('saveFunnel', { siteId, id, definition, now: deps.now() });
  if (answer && 'funnel' in answer && answer.funnel.computing) void startReplay(deps, answer.funnel);
  return answer;
}
