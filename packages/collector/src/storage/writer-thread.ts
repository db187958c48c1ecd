// The single writer on a thread of its own: commands are posted to a worker that owns the write connection, and each is answered after its group commits.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Commands, Writer } from './writer.js';

/** What the worker posts back: an answer to a command, or that it is ready or closed. */
export type WriterReply =
  | { id: number; result: unknown; mark: string | undefined }
  | { id: number; error: { name: string; message: string } }
  | { ready: true }
  | { closed: true };

/** What the worker is sent: a command to run, or the word to commit what it holds and stop. */
export type WriterMessage = { id: number; name: string; args: unknown } | { close: true };

export interface ThreadWriter<C extends Commands> extends Writer<C> {
  /** Settles once the worker has opened its connection; rejects if it could not. */
  ready: Promise<void>;
}

/** tsx's ESM loader API, as its package declares it: registered in a worker, it runs TypeScript sources there too. */
function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/**
 * Runs `entry` in a worker thread with `workerData` and speaks to it as a writer. From TypeScript
 * sources (tests, benchmarks) the worker loads tsx first, as the test runner does for the main thread.
 */
export function startWriterThread<C extends Commands>(
  entry: URL,
  workerData: unknown,
  log: (message: string) => void,
  /** Hears the writer's copies mark with each answer, before the answer is given (Store.catchUp). */
  catchUp: (mark: string | undefined) => void = () => {},
): ThreadWriter<C> {
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(tsxLoaderUrl())})
           .then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(entry, { workerData });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let gone: Error | null = null;
  let ready!: { resolve: () => void; reject: (error: Error) => void };
  const readyPromise = new Promise<void>((resolve, reject) => (ready = { resolve, reject }));
  const closed = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const fail = (error: Error) => {
    gone = error;
    ready.reject(error);
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: WriterReply) => {
    if ('ready' in reply) return ready.resolve();
    if ('closed' in reply) return;
    const job = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!job) return;
    if ('error' in reply) job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    else {
      catchUp(reply.mark);
      job.resolve(reply.result);
    }
  });
  worker.on('error', (error) => {
    log(`writer thread failed: ${error.stack ?? error.message}`);
    fail(new Error(`the writer thread failed: ${error.message}`));
  });
  worker.on('exit', (code) => {
    if (!gone) fail(new Error(`the writer thread stopped (exit code ${code})`));
  });
  const post = (message: WriterMessage) => worker.postMessage(message);

  return {
    ready: readyPromise,
    run(name, args) {
      if (gone) return Promise.reject(gone);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        post({ id, name, args });
      });
    },
    async close() {
      if (!gone) post({ close: true });
      await closed;
    },
  };
}
