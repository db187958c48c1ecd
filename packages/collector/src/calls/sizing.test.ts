import { expect, it } from 'vitest';
import { recommendedPoolSize } from './sizing.js';

it('sizes a pool from the peak hour, the session length and the hold', () => {
  // Nimbata's example: 200 peak-hour users of 3 minutes, no hold → 10 numbers; the margin adds 30 %.
  expect(recommendedPoolSize({ peakHourSessions: 200, averageSessionMinutes: 3, holdMinutes: 0 })).toBe(13);
  // 120 sessions of 4 minutes held 15 more: 38 numbers busy on average, 50 with the margin.
  expect(recommendedPoolSize({ peakHourSessions: 120, averageSessionMinutes: 4, holdMinutes: 15 })).toBe(50);
  expect(recommendedPoolSize({ peakHourSessions: 1, averageSessionMinutes: 0.5, holdMinutes: 1 })).toBe(1);
  expect(recommendedPoolSize({ peakHourSessions: 0, averageSessionMinutes: 5, holdMinutes: 15 })).toBe(0);
});
