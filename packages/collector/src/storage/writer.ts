// The single writer: named commands from concurrent requests are grouped into one transaction (group commit).

/** Each command runs inside a write transaction with the arguments it is given; what it returns is its answer. */
export type Commands = Record<string, (args: never) => unknown>;

export interface Writer<C extends Commands> {
  /** Runs the command in the next group's transaction; settles only after that transaction is committed. */
  run<K extends keyof C & string>(name: K, args: Parameters<C[K]>[0]): Promise<ReturnType<C[K]>>;
  /** Commits what is pending and stops taking commands. */
  close(): Promise<void>;
}

export interface WriterOptions<C extends Commands> {
  /** Runs fn inside one write transaction, rolling all of it back if fn throws. */
  transaction: <T>(fn: () => T) => T;
  commands: C;
  /** How long the first command of a group waits for company, in ms. 0 groups what arrives in one event-loop turn. */
  windowMs?: number;
  /** A group this large commits at once instead of waiting out the window. */
  maxJobs?: number;
}

interface Job {
  name: string;
  args: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The writer in this thread: what the CLI, tests and the writer thread itself run. */
export interface LocalWriter<C extends Commands> extends Writer<C> {
  /** Commits what is pending now. */
  flush(): void;
  /** How many transactions have been committed, for tests. */
  readonly commits: number;
}

export function createWriter<C extends Commands>({ transaction, commands, windowMs = 0, maxJobs = 1_000 }: WriterOptions<C>): LocalWriter<C> {
  let pending: Job[] = [];
  let cancelTimer: (() => void) | undefined;
  let commits = 0;
  let closed = false;
  const perform = (job: Job) => commands[job.name]!(job.args as never);

  function flush(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    const jobs = pending;
    pending = [];
    if (jobs.length === 0) return;
    let results: unknown[];
    try {
      results = transaction(() => jobs.map(perform));
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
      const result = transaction(() => perform(job));
      commits += 1;
      job.resolve(result);
    } catch (error) {
      job.reject(error);
    }
  }

  return {
    run(name, args) {
      if (closed) return Promise.reject(new Error(`writer: closed before ${name}`));
      if (!(name in commands)) return Promise.reject(new Error(`writer: no command '${name}'`));
      return new Promise((resolve, reject) => {
        pending.push({ name, args, resolve: resolve as (value: unknown) => void, reject });
        if (pending.length >= maxJobs) flush();
        else if (cancelTimer === undefined) cancelTimer = schedule();
      });
    },
    flush,
    get commits() {
      return commits;
    },
    async close() {
      flush();
      closed = true;
    },
  };
}
