// A background job on a timer: one run at a time, an optional first run soon after start, and a stop that waits for the run under way.

export interface Schedule {
  everyMs: number;
  /** When the first run starts; without it, after everyMs. */
  firstAfterMs?: number;
}

/**
 * Runs `job` on the schedule, never two at once (a run still going when the next is due skips it).
 * A run that throws is reported to `failed`; the next runs anyway. The returned function stops the
 * timer, aborts the signal the job is given and waits for a run under way, so the caller can close
 * what the job uses.
 */
export function repeat(job: (signal: AbortSignal, first: boolean) => Promise<void>, schedule: Schedule, failed: (error: Error) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  const stopping = new AbortController();
  const run = (first: boolean) => {
    if (running || stopping.signal.aborted) return;
    running = job(stopping.signal, first)
      .catch(failed)
      .finally(() => (running = null));
  };
  const first = schedule.firstAfterMs === undefined ? undefined : setTimeout(() => run(true), schedule.firstAfterMs).unref();
  const timer = setInterval(() => run(false), schedule.everyMs).unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    stopping.abort();
    await running;
  };
}

/**
 * How long a claim on a collector-wide job lasts (settings.claimJob) when each collector asks on a
 * timer of `everyMs`: a little less than the period, so the collector that ran it last wins its next
 * tick despite timer drift, while the other collectors' ticks in between find it taken.
 */
export const claimedFor = (everyMs: number) => Math.floor(everyMs * 0.9);
