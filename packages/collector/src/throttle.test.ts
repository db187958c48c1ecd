import { describe, expect, it } from 'vitest';
import { createThrottle } from './throttle.js';

describe('throttle', () => {
  it('makes a key wait after five attempts in fifteen minutes, and forgets them after', () => {
    const throttle = createThrottle();
    for (let i = 0; i < 4; i++) throttle.count('a', i);
    expect(throttle.waitFor('a', 10)).toBe(0);
    throttle.count('a', 10);
    expect(throttle.waitFor('a', 20)).toBe(15 * 60_000 - 20);
    expect(throttle.waitFor('b', 20)).toBe(0);
    expect(throttle.waitFor('a', 15 * 60_000 + 11)).toBe(0);
  });
});
