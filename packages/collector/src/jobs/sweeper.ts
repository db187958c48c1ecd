// The sweeper on a timer: the changes that come from time passing alone, in passes through the single writer.
import type { EngineWriter } from '../engine/commands.js';
import { sweepPassSize } from '../engine/settle-pass.js';
import { repeat } from './repeat.js';

/**
 * Runs the sweeper through the single writer every `intervalMs`, in passes of a few thousand
 * profiles so that ingest commits between them. Returns a function that stops it and waits for the pass under way.
 */
export function sweepEvery(writer: EngineWriter, intervalMs: number, log: (message: string) => void, now = Date.now): () => Promise<void> {
  const pass = async (signal: AbortSignal) => {
    while (!signal.aborted && (await writer.run('sweep', { now: now() })) === sweepPassSize);
  };
  return repeat(pass, { everyMs: intervalMs }, (error) => log(`sweeper: ${error.message}`));
}
