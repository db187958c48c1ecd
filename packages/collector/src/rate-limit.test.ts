// The fixed-window limit: the limit's worth per window, a wait until the window ends beyond it, and bounded memory.
import { describe, expect, it } from 'vitest';
import { createRateLimit } from './rate-limit.js';

describe('createRateLimit', () => {
  it('allows the limit per window and says how long to wait beyond it', () => {
    const limit = createRateLimit(3, 60_000);
    expect([1, 2, 3].map(() => limit.take('a', 120_000))).toEqual([0, 0, 0]);
    expect(limit.take('a', 130_000)).toBe(50_000);
    expect(limit.take('b', 130_000)).toBe(0);
    // A new window forgives.
    expect(limit.take('a', 180_000)).toBe(0);
  });

  it('forgets the key seen longest ago beyond its size', () => {
    const limit = createRateLimit(1, 60_000, 2);
    limit.take('a', 0);
    limit.take('b', 0);
    limit.take('c', 0);
    // 'a' was forgotten: it starts afresh; 'b' and 'c' are still over.
    expect(limit.take('a', 1)).toBe(0);
    expect(limit.take('c', 1)).toBeGreaterThan(0);
  });
});
