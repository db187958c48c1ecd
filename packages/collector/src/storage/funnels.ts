// Funnels: their definitions, each person's attempt, and the daily step counts and conversion times.
import type { Funnel, FunnelAttempt, FunnelCount, Reached } from '../model/funnel.js';

export interface FunnelStore {
  /** A site's funnels as one array that stays the same object until one of them changes. */
  setup(siteId: number): Promise<readonly Funnel[]>;
  list(siteId: number): Promise<Funnel[]>;
  find(siteId: number, id: number): Promise<Funnel | undefined>;
  named(siteId: number, name: string): Promise<number | undefined>;
  /** Funnels whose replay has not caught up yet, as after a restart in the middle of one. */
  computing(): Promise<Funnel[]>;
  /**
   * Which of these funnels are still being replayed, holding them until this transaction ends: a
   * replay's last chunk waits for the batch, so the events the batch leaves to the replay are the
   * replay's to read (several collectors; one writer needs no hold).
   */
  holdComputing(siteId: number, ids: readonly number[]): Promise<Set<number>>;
  insert(siteId: number, definition: { name: string; steps: { event: string; where: { prop: string; op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in"; value: string | number | boolean | (string | number)[] }[]; }[]; windowMinutes: number; }, now: number): Promise<Funnel>;
  /** A new name only: what was computed stays true. */
  rename(siteId: number, id: number, name: string, now: number): Promise<Funnel | undefined>;
  /** New steps or window: everything computed for the old ones is dropped, to be replayed. */
  redefine(siteId: number, id: number, definition: { name: string; steps: { event: string; where: { prop: string; op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in"; value: string | number | boolean | (string | number)[] }[]; }[]; windowMinutes: number; }, now: number): Promise<Funnel | undefined>;
  delete(siteId: number, id: number): Promise<boolean>;
  moveCursor(siteId: number, id: number, ts: number, seq: number): void;
  /** The replay caught up: from now on ingest keeps the funnel current. */
  finish(siteId: number, id: number): void;
  /** Each of these people's attempts, by funnel. */
  attemptsOfPeople(siteId: number, profileIds: readonly number[]): Promise<Map<number, Map<number, FunnelAttempt>>>;
  /** An attempt reached a step, counted on its start day, by its source and device. */
  addStep(siteId: number, funnelId: number, day: number, step: number, source: string, device: string): void;
  /** An attempt completed the funnel, counted on its start day in its time bucket. */
  addTime(siteId: number, funnelId: number, day: number, bucket: number): void;
  /** A person reached a step: their attempt as it now stands, counted on its start day, and its time when it completed the funnel. */
  reach(siteId: number, profileId: number, funnelId: number, range: Reached): void;
  moveAttempts(siteId: number, into: number, from: number): void;
  /** Attempts started in [from, to] by step, source and device. */
  counts(siteId: number, funnelId: number, from: number, to: number): Promise<FunnelCount[]>;
  /** Completed attempts started in [from, to] by time-taken bucket. */
  times(siteId: number, funnelId: number, from: number, to: number): Promise<{ bucket: number; people: number }[]>;
  /** A person's attempts at every funnel, for their export. */
  attemptsOf(siteId: number, profileId: number): Promise<{ funnelId: number; step: number; startedAt: number; lastAt: number; source: string; device: string }[]>;
  /** A deleted person's attempts. */
  forgetProfile(siteId: number, profileId: number): void;
}

/** The definitions half of the funnels group. */
export type FunnelDefinitionStore = Pick<FunnelStore, 'setup' | 'list' | 'find' | 'named' | 'computing' | 'holdComputing' | 'insert' | 'rename' | 'redefine' | 'delete' | 'moveCursor' | 'finish'>;

/** The attempts half of the funnels group. */
export type FunnelAttemptStore = Pick<FunnelStore, 'attemptsOfPeople' | 'addStep' | 'addTime' | 'reach' | 'moveAttempts' | 'counts' | 'times' | 'attemptsOf' | 'forgetProfile'>;
