// Copies the WAL into the database file from a worker thread, so a checkpoint's fsyncs never stall ingest.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

// Plain CommonJS run by the worker: its own connection, checkpointing in PASSIVE mode, which never
// waits for the writer and never makes the writer wait.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

// Often and small: a checkpoint a second copies a second of WAL at once, and its write-back stalled
// commits (p99 at half the saturated rate 20–45 ms); every 100 ms the WAL stays short and starts
// over often (p99 6–10 ms, BENCHMARKS.md). An idle look costs microseconds.
export function startCheckpointer(path: string, log: (message: string) => void, intervalMs = 100): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { path, driver, intervalMs } });
  worker.on('message', (message) => log(`checkpoint: ${String(message)}`));
  worker.on('error', (error) => log(`checkpoint worker failed: ${error.message}`));
  // A running checkpointer must not keep the process alive; one being stopped must be waited for.
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
