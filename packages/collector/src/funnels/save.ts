// Creating, changing and deleting funnels through the single writer; new steps or a new window are replayed from history.
import type { Funnel } from '../storage/store.js';
import type { FunnelDefinition } from './definition.js';
import { startReplay, type ReplayDeps } from './backfill.js';

export type SaveAnswer = { funnel: Funnel } | { field: string; message: string };

const sameSteps = (funnel: Funnel, definition: FunnelDefinition) =>
  JSON.stringify([funnel.steps, funnel.windowMinutes]) === JSON.stringify([definition.steps, definition.windowMinutes]);

/**
 * Saves a funnel (a new one when `id` is undefined) and starts its replay when there is anything
 * to compute. Resolves to the funnel, to the field that is wrong, or to undefined for an unknown id.
 */
export async function saveFunnel(
  deps: ReplayDeps & { now: () => number },
  siteId: number,
  id: number | undefined,
  definition: FunnelDefinition,
): Promise<SaveAnswer | undefined> {
  const { store } = deps;
  const answer = await deps.writer.submit((): SaveAnswer | undefined => {
    const named = store.funnelNamed(siteId, definition.name);
    if (named !== undefined && named !== id) return { field: 'name', message: `name: a funnel named '${definition.name}' exists already` };
    if (id === undefined) return { funnel: store.insertFunnel(siteId, definition, deps.now()) };
    const existing = store.findFunnel(id);
    if (!existing || existing.siteId !== siteId) return undefined;
    const funnel = sameSteps(existing, definition)
      ? store.renameFunnel(siteId, id, definition.name, deps.now())
      : store.redefineFunnel(siteId, id, definition, deps.now());
    return funnel && { funnel };
  });
  if (answer && 'funnel' in answer && answer.funnel.computing) void startReplay(deps, answer.funnel);
  return answer;
}

export async function deleteFunnel(deps: Pick<ReplayDeps, 'writer' | 'store'>, siteId: number, id: number): Promise<boolean> {
  return deps.writer.submit(() => deps.store.deleteFunnel(siteId, id));
}
