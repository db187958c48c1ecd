// The single writer: work from concurrent requests is grouped into one transaction (group commit).

export interface WriterOptions {
  /** Runs fn inside one write transaction, rolling all of it back if fn throws. */
  transaction: <T>(fn: () => T) => T;
  /** How long the first job of a group waits for company, in ms. 0 groups what arrives in one event-loop turn. */
  windowMs?: number;
  /** A group this large commits at once instead of waiting out the window. */
  maxJobs?: number;
}

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface Writer {
  /** Runs work in the next group's transaction; settles only after that transaction is committed. */
  submit<T>(work: () => T): Promise<T>;
  /** Commits what is pending now. */
  flush(): void;
  /** How many transactions have been committed, for tests and benchmarks. */
  readonly commits: number;
}

export function createWriter({ transaction, windowMs = 0, maxJobs = 1_000 }: WriterOptions): Writer {
  let pending: Job[] = [];
  let cancelTimer: (() => void) | undefined;
  let commits = 0;

  function flush(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    const jobs = pending;
    pending = [];
    if (jobs.length === 0) return;
    let results: unknown[];
    try {
      results = transaction(() => jobs.map((job) => job.work()));
      commits += 1;
    } catch {
      // One job's failure must not sink the others that shared its transaction: retry each alone.
      for (const job of jobs) commitAlone(job);
      return;
    }
    jobs.forEach((job, i) => job.resolve(results[i]));
  }

  function schedule(): () => void {
    if (windowMs > 0) {
      const timeout = setTimeout(flush, windowMs);
      return () => clearTimeout(timeout);
    }
    const immediate = setImmediate(flush);
    return () => clearImmediate(immediate);
  }

  function commitAlone(job: Job): void {
    try {
      const result = transaction(job.work);
      commits += 1;
      job.resolve(result);
    } catch (error) {
      job.reject(error);
    }
  }

  return {
    submit<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (pending.length >= maxJobs) flush();
        else if (cancelTimer === undefined) cancelTimer = schedule();
      });
    },
    flush,
    get commits() {
      return commits;
    },
  };
}
