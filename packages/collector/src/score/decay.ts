// Score decay: points fade while a person is idle, evaluated lazily from the value and the time it holds for.

export interface DecayRule {
  /** Idle time before the first decrease, and between further decreases, in ms. Default 7 days. */
  periodMs: number;
  /** 'halve': half per idle period. 'linear': `linearStep` of the value at the last activity per period, down to 0. */
  kind: 'halve' | 'linear';
  /** With 'linear', the share of the value lost per idle period (0.25: gone after four periods). */
  linearStep: number;
}

export const defaultDecay: DecayRule = { periodMs: 7 * 86_400_000, kind: 'halve', linearStep: 0.25 };

/** The share of a score left after `idleMs` without activity. */
export function decayFactor(idleMs: number, rule: DecayRule): number {
  const periods = Math.floor(Math.max(0, idleMs) / rule.periodMs);
  if (periods === 0) return 1;
  return rule.kind === 'halve' ? 0.5 ** periods : Math.max(0, 1 - periods * rule.linearStep);
}

/** A score that has decayed below half a point is gone: it shows as 0 and needs no more sweeping. */
export const negligibleScore = 0.5;

/** The score `value`, last active at `at`, as it stands at `now`. */
export function decayedScore(value: number, at: number, now: number, rule: DecayRule): number {
  const score = value * decayFactor(now - at, rule);
  return score < negligibleScore ? 0 : score;
}

/** When the score next drops by itself, or null when it cannot drop any further. */
export function nextDecayAt(value: number, at: number, now: number, rule: DecayRule): number | null {
  if (decayedScore(value, at, now, rule) <= 0) return null;
  const periods = Math.floor(Math.max(0, now - at) / rule.periodMs);
  return at + (periods + 1) * rule.periodMs;
}

/** The score as people are shown it, in the stats pages, the API and exports: decayed to `now`, to a hundredth. */
export const shownScore = (value: number, at: number, now: number, rule: DecayRule) => Math.round(decayedScore(value, at, now, rule) * 100) / 100;
