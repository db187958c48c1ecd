// Moves a person through a funnel as their events come: from their attempt and an event, the attempt after it and what it counts.
import { dayOf } from '../days.js';
import { propMatches } from '../model/props.js';
import type { Funnel, FunnelAttempt, FunnelStep, Reached } from '../model/funnel.js';
import type { Profile } from '../model/profile.js';

/** What a funnel reads of an event. */
export interface FunnelEvent {
  name: string;
  ts: number;
  device: string;
  props: Record<string, unknown> | null;
}

/** Who did it: the attempt's source is the person's first source, as the profile has it. */
export type FunnelPerson = Pick<Profile, 'id' | 'source'>;

/** The funnels with a step on each event name: an event of any other name costs one map lookup. */
export type FunnelIndex = ReadonlyMap<string, readonly Funnel[]>;

export function indexFunnels(funnels: readonly Funnel[]): FunnelIndex {
  const index = new Map<string, Funnel[]>();
  for (const funnel of funnels) {
    for (const name of new Set(funnel.steps.map((step) => step.event))) {
      const list = index.get(name);
      if (list) list.push(funnel);
      else index.set(name, [funnel]);
    }
  }
  return index;
}

const indexes = new WeakMap<readonly Funnel[], FunnelIndex>();

/** The funnels that ingest keeps current (those being replayed are left to the replay); built once per change of the site's funnels. */
export function liveFunnels(setup: readonly Funnel[]): FunnelIndex {
  let index = indexes.get(setup);
  if (!index) indexes.set(setup, (index = indexFunnels(setup.filter((funnel) => !funnel.computing))));
  return index;
}

const passes = (step: FunnelStep, event: FunnelEvent) =>
  step.event === event.name && step.where.every((test) => propMatches(test, event.props));

/**
 * Applies one event to the person's attempt at the funnel. An attempt is open until it reaches the
 * last step or its window (from the first step) runs out; while open, only the next step moves it,
 * and a first-step event starts a new attempt only once it is closed. Attempts only move forward
 * in time: an event earlier than the last step reached (one that arrived late) is ignored here.
 * Null when the event moves nothing.
 */
export function advanceFunnel(funnel: Funnel, attempt: FunnelAttempt | undefined, person: FunnelPerson, event: FunnelEvent): Reached | null {
  if (attempt && event.ts < attempt.lastAt) return null;
  const open = attempt !== undefined && attempt.step < funnel.steps.length && event.ts - attempt.startedAt <= funnel.windowMinutes * 60_000;
  let next: FunnelAttempt;
  if (open) {
    if (!passes(funnel.steps[attempt.step]!, event)) return null;
    next = { ...attempt, step: attempt.step + 1, lastAt: event.ts };
  } else if (passes(funnel.steps[0]!, event)) {
    next = { step: 1, startedAt: event.ts, lastAt: event.ts, source: person.source, device: event.device };
  } else return null;
  const completed = next.step === funnel.steps.length;
  return { attempt: next, day: dayOf(next.startedAt), completedIn: completed ? timeBucket(next.lastAt - next.startedAt) : null };
}

// Buckets about 13% wide (e^(1/8)): a month of seconds fits in 120 of them, and a median read from them is close enough.
const perBucket = 8;
export const timeBucket = (ms: number) => Math.round(Math.log1p(Math.max(0, ms) / 1000) * perBucket);
/** The time in seconds a bucket stands for. */
export const bucketSeconds = (bucket: number) => Math.expm1(bucket / perBucket);
