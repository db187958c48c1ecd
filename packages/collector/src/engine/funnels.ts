// Funnels inside the writer: saving one, and replaying the stored events through a new or changed one, a chunk at a time.
import type { Store } from '../storage/store.js';
import { advanceFunnel } from '../funnels/advance.js';
import type { Funnel, FunnelAttempt, FunnelDefinition } from '../model/funnel.js';
import type { Refusal } from '../validation.js';

/** Events read per transaction: small enough that ingest waits a few milliseconds, not seconds. */
export const replayChunk = 2_000;

export type FunnelSaved = { funnel: Funnel } | Refusal | undefined;

const sameSteps = (funnel: Funnel, definition: FunnelDefinition) =>
  JSON.stringify([funnel.steps, funnel.windowMinutes]) === JSON.stringify([definition.steps, definition.windowMinutes]);

/**
 * Saves a funnel (a new one when `id` is undefined): a new name alone keeps what was computed, new
 * steps or a new window start a replay. The funnel, the field that is wrong, or undefined for an unknown id.
 */
export async function saveFunnelDefinition(store: Pick<Store, 'funnels'>, siteId: number, id: number | undefined, definition: FunnelDefinition, now: number): Promise<FunnelSaved> {
  const named = await store.funnels.named(siteId, definition.name);
  if (named !== undefined && named !== id) return { field: 'name', message: `name: a funnel named '${definition.name}' exists already` };
  if (id === undefined) return { funnel: await store.funnels.insert(siteId, definition, now) };
  const existing = await store.funnels.find(siteId, id);
  if (!existing) return undefined;
  const funnel = sameSteps(existing, definition)
    ? await store.funnels.rename(siteId, id, definition.name, now)
    : await store.funnels.redefine(siteId, id, definition, now);
  return funnel && { funnel };
}

/**
 * Replays the next chunk of the site's stored events through the funnel, from where the last one
 * ended; says whether there is more. The chunk that reaches the newest event hands the funnel to
 * ingest in the same transaction, so no event is counted twice or missed. (One that arrives during
 * the replay dated before the replay's position is the exception: it is left out, as ingest leaves
 * out any event dated before the step a person already reached.)
 */
export async function replayFunnelChunk(
  store: Pick<Store, 'funnels' | 'events' | 'definitions' | 'profiles'>,
  siteId: number,
  funnelId: number,
  generation: number,
): Promise<boolean> {
  const funnel = await store.funnels.find(siteId, funnelId);
  if (!funnel || funnel.generation !== generation || !funnel.computing) return false;
  const events = await store.events.forReplay(funnel.siteId, funnel.cursor, replayChunk);
  const names = new Set(funnel.steps.map((step) => step.event));
  // Hidden events count for nothing but the log, here as at ingest.
  const definitions = await store.definitions.ofSite(funnel.siteId);
  const relevant = events.filter((event) => names.has(event.name) && (definitions.get(event.name)?.shown ?? true));
  const people = new Map<string, { id: number; source: string } | undefined>();
  for (const { visitorId } of relevant) if (!people.has(visitorId)) people.set(visitorId, await store.profiles.personOfVisitor(funnel.siteId, visitorId));
  const ids = [...new Set([...people.values()].flatMap((person) => (person ? [person.id] : [])))];
  const attempts = new Map<number, FunnelAttempt | undefined>([...await store.funnels.attemptsOfPeople(siteId, ids)].map(([id, byFunnel]) => [id, byFunnel.get(funnel.id)]));
  for (const event of relevant) {
    const person = people.get(event.visitorId);
    if (!person) continue;
    const props = event.props === null ? null : (JSON.parse(event.props) as Record<string, unknown>);
    const reached = advanceFunnel(funnel, attempts.get(person.id), person, { name: event.name, ts: event.ts, device: event.device, props });
    if (!reached) continue;
    attempts.set(person.id, reached.attempt);
    store.funnels.reach(siteId, person.id, funnel.id, reached);
  }
  if (events.length < replayChunk) {
    store.funnels.finish(siteId, funnel.id);
    return false;
  }
  const last = events.at(-1)!;
  store.funnels.moveCursor(siteId, funnel.id, last.ts, last.seq);
  return true;
}
