// What a funnel is: 2–8 steps, each an event name with the same prop tests segment rules use, and a time window; and what is kept of it.
import { z } from 'zod';
import { propTestSchema, type PropTest } from './props.js';

/** The windows the form offers, in minutes: from one sitting to a month of deciding. */
export const windowChoices = [
  [30, '30 minutes'],
  [60, '1 hour'],
  [360, '6 hours'],
  [1_440, '1 day'],
  [10_080, '7 days'],
  [20_160, '14 days'],
  [43_200, '30 days'],
] as const;

const numericOps: readonly PropTest['op'][] = ['gt', 'gte', 'lt', 'lte'];

const stepSchema = z
  .object({
    event: z.string().trim().min(1, 'needs an event name').max(100),
    where: z.array(propTestSchema).max(10).default([]),
  })
  .strict()
  // propTestSchema takes any value for any op; here a test that could never pass is refused instead.
  .superRefine((step, ctx) =>
    step.where.forEach((test, i) => {
      if (numericOps.includes(test.op) && typeof test.value !== 'number')
        ctx.addIssue({ code: 'custom', path: ['where', i, 'value'], message: `must be a number for ${test.op}` });
      if ((test.op === 'in') !== Array.isArray(test.value))
        ctx.addIssue({ code: 'custom', path: ['where', i, 'value'], message: test.op === 'in' ? 'must be a list for in' : 'must be one value' });
    }),
  );

export const funnelSchema = z
  .object({
    name: z.string().trim().min(1, 'needs a name').max(100),
    steps: z.array(stepSchema).min(2, 'needs at least 2 steps').max(8, 'may have at most 8 steps'),
    windowMinutes: z.number().int().min(1).max(43_200, 'may be at most 30 days'),
  })
  .strict();

export type FunnelInput = z.input<typeof funnelSchema>;
export type FunnelDefinition = z.infer<typeof funnelSchema>;
export type FunnelStep = FunnelDefinition['steps'][number];

export interface Funnel {
  id: number;
  siteId: number;
  name: string;
  steps: FunnelStep[];
  windowMinutes: number;
  createdAt: number;
  updatedAt: number;
  /** Bumped by every change of steps or window: a replay of an older definition stops. */
  generation: number;
  /** Being replayed from the stored events; ingest leaves it alone until the replay catches up. */
  computing: boolean;
  /** How far the replay got, in (ts, seq) order. */
  cursor: { ts: number; seq: number } | null;
}

/** A person's attempt at a funnel: steps reached so far (1 = the first), and what it started with. */
export interface FunnelAttempt {
  step: number;
  startedAt: number;
  lastAt: number;
  source: string;
  device: string;
}

/** An event as a funnel replay reads it. */
export interface ReplayedEvent {
  seq: number;
  name: string;
  ts: number;
  visitorId: string;
  device: string;
  props: string | null;
}

/** Attempts that reached a step, for one start source and device, summed over a range of start days. */
export interface FunnelCount {
  step: number;
  source: string;
  device: string;
  people: number;
}

/** A step reached: the attempt as it now stands, the day it counts on (its start), and its time bucket when it completed the funnel. */
export interface Reached {
  attempt: FunnelAttempt;
  day: number;
  completedIn: number | null;
}
