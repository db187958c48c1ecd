// A profile's score: points added per event on top of the decayed value, capped, never negative.
import { decayedScore, decayFactor, defaultDecay, type DecayRule } from './decay.js';

export interface ScoringRules {
  decay: DecayRule;
  /** The highest score a profile can have. */
  cap: number;
}

/** Halve after each idle week; at most 1,000 points. */
export const defaultScoring: ScoringRules = { decay: defaultDecay, cap: 1_000 };

/** The stored form of a score: the value it had at `at`, the profile's last activity. */
export interface ScoreState {
  value: number;
  at: number;
}

const clamp = (value: number, cap: number) => Math.min(cap, Math.max(0, value));

/**
 * The score after an event at `ts` worth `points`. Any event is activity: the score is first
 * decayed up to the event, then the points are added, and the score now holds from `ts`.
 * A late event (queued offline, older than the last activity) adds its points as they would have
 * decayed by the last activity, and moves nothing: no decay is applied twice and none is skipped.
 */
export function addPoints(state: ScoreState, ts: number, points: number, rules: ScoringRules): ScoreState {
  if (ts >= state.at) {
    return { value: clamp(decayedScore(state.value, state.at, ts, rules.decay) + points, rules.cap), at: ts };
  }
  return { value: clamp(state.value + points * decayFactor(state.at - ts, rules.decay), rules.cap), at: state.at };
}

/** Points left under a daily cap once `used` were granted today. */
export function cappedPoints(points: number, used: number, dailyCap: number | null): number {
  if (dailyCap === null || points <= 0) return points;
  return Math.max(0, Math.min(points, dailyCap - used));
}

/** Two profiles' scores as one, when identity merges them: both decayed to the later activity, summed, capped. */
export function mergeScores(a: ScoreState, b: ScoreState, rules: ScoringRules): ScoreState {
  const at = Math.max(a.at, b.at);
  const value = decayedScore(a.value, a.at, at, rules.decay) + decayedScore(b.value, b.at, at, rules.decay);
  return { value: clamp(value, rules.cap), at };
}
