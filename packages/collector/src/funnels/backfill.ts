// Computes a new or changed funnel from the stored events: replayed in time order, one chunk per writer transaction.
import type { Funnel, Store } from '../storage/store.js';
import type { Writer } from '../ingest/writer.js';
import { advanceFunnel, indexFunnels, type FunnelPerson } from './engine.js';

export interface ReplayDeps {
  writer: Writer;
  store: Store;
  log: (message: string) => void;
}

/** Events read per transaction: small enough that ingest waits a few milliseconds, not seconds. */
export const replayChunk = 2_000;

// Replays under way in this process, by funnel and generation, so a second save does not start a twin.
const running = new Set<string>();

/** Starts replaying the funnel in the background; a later change of its definition stops this replay. */
export function startReplay(deps: ReplayDeps, funnel: Funnel): Promise<void> {
  const key = `${funnel.id}:${funnel.generation}`;
  if (running.has(key)) return Promise.resolve();
  running.add(key);
  return replayFunnel(deps.writer, deps.store, funnel.id, funnel.generation)
    .catch((error: Error) => deps.log(`funnel ${funnel.id}: replay stopped: ${error.message}`))
    .finally(() => running.delete(key));
}

/** Picks up replays a stopped process left half done: each resumes from its last committed chunk. */
export function resumeReplays(deps: ReplayDeps): void {
  for (const funnel of deps.store.computingFunnels()) void startReplay(deps, funnel);
}

/**
 * Replays the site's stored events through the funnel, chunk by chunk, from where the last chunk
 * ended. Ingest leaves the funnel alone meanwhile; the chunk that reaches the newest event hands it
 * over to ingest in the same transaction, so no event is counted twice or missed. (One that arrives
 * during the replay dated before the replay's position is the exception: it is left out, as ingest
 * leaves out any event dated before the step a person already reached.)
 */
export async function replayFunnel(writer: Writer, store: Store, funnelId: number, generation: number): Promise<void> {
  while (await writer.submit(() => replayNext(store, funnelId, generation)));
}

/** Replays one chunk; says whether there is more. */
function replayNext(store: Store, funnelId: number, generation: number): boolean {
  const funnel = store.findFunnel(funnelId);
  if (!funnel || funnel.generation !== generation || !funnel.computing) return false;
  const events = store.eventsForReplay(funnel.siteId, funnel.cursor, replayChunk);
  const index = indexFunnels([funnel]);
  const people = new Map<string, FunnelPerson | undefined>();
  const shown = new Map<string, boolean>();
  for (const event of events) {
    if (!index.has(event.name)) continue;
    // Hidden events count for nothing but the log, here as at ingest.
    if (!shown.has(event.name)) shown.set(event.name, store.findDefinition(funnel.siteId, event.name)?.shown ?? true);
    if (!shown.get(event.name)) continue;
    if (!people.has(event.visitorId)) people.set(event.visitorId, store.personOfVisitor(funnel.siteId, event.visitorId));
    const person = people.get(event.visitorId);
    if (!person) continue;
    const props = event.props === null ? null : (JSON.parse(event.props) as Record<string, unknown>);
    advanceFunnel(store, funnel, person, { name: event.name, ts: event.ts, device: event.device, props });
  }
  if (events.length < replayChunk) {
    store.finishFunnel(funnel.id);
    return false;
  }
  const last = events.at(-1)!;
  store.moveFunnelCursor(funnel.id, last.ts, last.seq);
  return true;
}

/** How far a replay got, as a whole percent of the site's history up to `now`, or null when done. */
export function replayProgress(store: Store, funnel: Funnel, now: number): number | null {
  if (!funnel.computing) return null;
  const first = store.firstEventTs(funnel.siteId);
  if (first === null || funnel.cursor === null || now <= first) return 0;
  return Math.max(0, Math.min(99, Math.floor(((funnel.cursor.ts - first) / (now - first)) * 100)));
}
