import { describe, expect, it } from 'vitest';
import { repeat } from './repeat.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('repeat', () => {
  it('runs once soon after start, then on the interval, never two at once, and goes on after a failure', async () => {
    const runs: boolean[] = [];
    const errors: string[] = [];
    let active = 0;
    let most = 0;
    const stop = repeat(
      async (_signal, first) => {
        active += 1;
        most = Math.max(most, active);
        runs.push(first);
        await sleep(30); // longer than the interval: the runs due meanwhile are skipped
        active -= 1;
        if (runs.length === 2) throw new Error('second run failed');
      },
      { everyMs: 10, firstAfterMs: 0 },
      (error) => errors.push(error.message),
    );
    await expect.poll(() => runs.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(3);
    await stop();
    expect(runs[0]).toBe(true);
    expect(runs.slice(1).every((first) => !first)).toBe(true);
    expect(most).toBe(1);
    expect(errors).toEqual(['second run failed']);
  });

  it('stops by aborting the run under way and waiting for it to end', async () => {
    let ended = false;
    const stop = repeat(
      async (signal) => {
        while (!signal.aborted) await sleep(5);
        await sleep(20);
        ended = true;
      },
      { everyMs: 1_000, firstAfterMs: 0 },
      () => {},
    );
    await sleep(20);
    await stop();
    expect(ended).toBe(true);
  });
});
