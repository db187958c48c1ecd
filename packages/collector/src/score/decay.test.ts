import { describe, expect, it } from 'vitest';
import { decayedScore, decayFactor, defaultDecay, nextDecayAt, type DecayRule } from './decay.js';

const day = 86_400_000;
const linear: DecayRule = { ...defaultDecay, kind: 'linear' };

describe('decay', () => {
  it('keeps the score for a week of idleness, halves it after one and again after two', () => {
    expect(decayedScore(40, 0, 6 * day, defaultDecay)).toBe(40);
    expect(decayedScore(40, 0, 7 * day, defaultDecay)).toBe(20);
    expect(decayedScore(40, 0, 13 * day, defaultDecay)).toBe(20);
    expect(decayedScore(40, 0, 14 * day, defaultDecay)).toBe(10);
  });

  it('loses a fixed share per idle period with the linear rule, never going below zero', () => {
    expect(decayedScore(40, 0, 7 * day, linear)).toBe(30);
    expect(decayedScore(40, 0, 21 * day, linear)).toBe(10);
    expect(decayedScore(40, 0, 70 * day, linear)).toBe(0);
  });

  it('drops a score below half a point to zero, so that it stops needing a sweep', () => {
    expect(decayedScore(1, 0, 7 * day, defaultDecay)).toBe(0.5);
    expect(decayedScore(1, 0, 14 * day, defaultDecay)).toBe(0);
    expect(nextDecayAt(1, 0, 14 * day, defaultDecay)).toBeNull();
  });

  it('does not decay for times before the last activity', () => {
    expect(decayFactor(-5 * day, defaultDecay)).toBe(1);
  });

  it('says when the next drop is due', () => {
    expect(nextDecayAt(40, 0, 3 * day, defaultDecay)).toBe(7 * day);
    expect(nextDecayAt(40, 0, 8 * day, defaultDecay)).toBe(14 * day);
    expect(nextDecayAt(40, 0, 40 * day, linear)).toBeNull();
    expect(nextDecayAt(0, 0, 1, defaultDecay)).toBeNull();
  });
});
