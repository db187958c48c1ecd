// Segments as kept: a named rule, the counters its event tests need, and what is recorded of membership.
import type { PropTest } from './props.js';
import type { Rule } from './rule.js';
import type { Lifecycle } from './profile.js';

export interface Segment {
  id: number;
  siteId: number;
  name: string;
  rules: Rule;
  /** The key its members' own browsers see it under (pulse.profile()); null: not shown to them. */
  browserKey: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a rule counts: an event name, the prop tests its events must pass, and the prop it sums, if any. */
export interface CounterSpec {
  event: string;
  where: PropTest[];
  sum: string | null;
}

export interface Counter {
  id: number;
  spec: CounterSpec;
}

/** A new counter being filled from the events stored before it: from `fromTs`, after the row `after`, up to the row `until`. */
export interface CounterFill extends Counter {
  siteId: number;
  fromTs: number;
  after: number;
  until: number;
}

const keys = new WeakMap<CounterSpec, string>();

/** The stored form of a spec: the same spec always gives the same key, so rules that count the same thing share one counter. */
export function counterKey(spec: CounterSpec): string {
  let key = keys.get(spec);
  if (key === undefined) keys.set(spec, (key = JSON.stringify([spec.event, spec.where, spec.sum])));
  return key;
}

/** A site's segments and counters, read together; the same object until one of them changes. */
export interface SegmentSetup {
  readonly segments: readonly Segment[];
  readonly counters: readonly Counter[];
}

/** One day of one counter for one profile. */
export interface CountedDay {
  counterId: number;
  day: number;
  count: number;
  total: number;
}

/** An entry or exit, as a person's history lists it. */
export interface SegmentChange {
  segmentId: number;
  at: number;
  entered: boolean;
}

/** A member as the members list, its CSV and the API show it. */
export interface MemberRow {
  profileId: number;
  since: number;
  userId: string | null;
  /** One of the person's anonymous ids, for people never identified. */
  visitorId: string | null;
  traits: Record<string, unknown>;
  score: number;
  scoreAt: number;
  lifecycle: Lifecycle;
  country: string | null;
  city: string | null;
  device: string | null;
}
