// The single writer: named commands from concurrent requests are grouped into one transaction (group commit).

/** Each command runs inside a write transaction, given it and its arguments; what it returns (or resolves to) is its answer. */
// `never` parameters: a command of any transaction and argument types is assignable here.
export type Commands = Record<string, (tx: never, args: never) => unknown>;

export interface Writer<C extends Commands> {
  /** Runs the command in the next group's transaction; settles only after that transaction is committed. */
  run<K extends keyof C & string>(name: K, args: Parameters<C[K]>[1]): Promise<Awaited<ReturnType<C[K]>>>;
  /** Commits what is pending and stops taking commands. */
  close(): Promise<void>;
}

export interface WriterOptions<C extends Commands> {
  /** Runs fn inside one write transaction, handing it the transaction, rolling all of it back if fn throws. */
  transaction: <T>(fn: (tx: Parameters<C[keyof C]>[0]) => Promise<T>) => Promise<T>;
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
  flush(): Promise<void>;
  /** How many transactions have been committed, for tests. */
  readonly commits: number;
}

export function createWriter<C extends Commands>({ transaction, commands, windowMs = 0, maxJobs = 1_000 }: WriterOptions<C>): LocalWriter<C> {
  const pending: Job[] = [];
  let cancelTimer: (() => void) | undefined;
  let commits = 0;
  let closed = false;
  const perform = (tx: unknown, job: Job) => commands[job.name]!(tx as never, job.args as never);

  // Groups commit one after another, as a single writer: on a backend whose transactions wait for
  // the network (PostgreSQL), the next group would otherwise begin beside one still open.
  let previous: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    cancelTimer?.();
    cancelTimer = undefined;
    // A group takes what is pending when its turn comes: what arrived while the one before committed.
    return (previous = previous.then(async () => {
      while (pending.length > 0) await commitGroup(pending.splice(0, maxJobs));
    }));
  }

  async function commitGroup(jobs: Job[]): Promise<void> {
    let results: unknown[];
    try {
      results = await transaction(async (tx) => {
        // One after another: a command may read what the one before it wrote.
        const answers: unknown[] = [];
        for (const job of jobs) answers.push(await perform(tx, job));
        return answers;
      });
      commits += 1;
    } catch {
      // One job's failure must not sink the others that shared its transaction: retry each alone.
      for (const job of jobs) await commitAlone(job);
      return;
    }
    jobs.forEach((job, i) => job.resolve(results[i]));
  }

  function schedule(): () => void {
    if (windowMs > 0) {
      const timeout = setTimeout(() => void flush(), windowMs);
      return () => clearTimeout(timeout);
    }
    const immediate = setImmediate(() => void flush());
    return () => clearImmediate(immediate);
  }

  async function commitAlone(job: Job): Promise<void> {
    try {
      const result = await transaction(async (tx) => perform(tx, job));
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
        if (pending.length >= maxJobs) void flush();
        else if (cancelTimer === undefined) cancelTimer = schedule();
      });
    },
    flush,
    get commits() {
      return commits;
    },
    async close() {
      closed = true;
      // Groups started before are committed too: close answers when nothing is left in flight.
      await flush();
    },
  };
}
