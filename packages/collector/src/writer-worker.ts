// The writer thread's own code: it owns the write connection and runs the engine's commands in group commits, answering each once committed.
import { parentPort, workerData } from 'node:worker_threads';
import { openBackend } from './storage/open.js';
import { createWriter } from './storage/writer.js';
import type { WriterMessage, WriterReply } from './storage/writer-thread.js';
import type { Synchronous } from './storage/sqlite/database.js';
import { engineCommands } from './engine/commands.js';
import { defaultProfileRules } from './profiles/rules.js';

export interface WriterThreadData {
  db: string;
  synchronous: Synchronous;
  windowMs: number;
}

const { db, synchronous, windowMs } = workerData as WriterThreadData;
const port = parentPort!;
const reply = (message: WriterReply) => port.postMessage(message);
// The main thread's connection has brought the schema up to date; checkpoints are the checkpointer thread's.
// PostgreSQL: a group's transaction holds one connection; a second lets the next group begin while one commits.
const store = await openBackend(db, { synchronous, autoCheckpoint: false, connections: 2 });
// A group that took every request in flight would leave the parsing thread idle while it runs, then
// this one idle while that thread answers and parses the next: capped, the two overlap. 32 requests
// (640 events of 20) is a few milliseconds of work, and measured best at 64 connections (BENCHMARKS.md).
const groupJobs = 32;
const writer = createWriter({ transaction: (fn) => store.transaction(fn), commands: engineCommands(defaultProfileRules), windowMs, maxJobs: groupJobs });

port.on('message', async (message: WriterMessage) => {
  if ('close' in message) {
    await writer.close();
    // The answers of what that last commit held are posted before the connection and the port close.
    await new Promise((resolve) => setImmediate(resolve));
    await store.close();
    reply({ closed: true });
    port.close();
    return;
  }
  const { id, name, args } = message;
  await writer.run(name as keyof Awaited<ReturnType<typeof engineCommands>>, args as never).then(
    (result) => reply({ id, result, mark: store.copiesMark() }),
    (error: Error) => reply({ id, error: { name: error.name, message: error.message } }),
  );
});
reply({ ready: true });
