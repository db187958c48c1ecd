// Retention: raw events, sessions and calls older than the configured days are deleted in the background; rollups stay.
import { z } from 'zod';
import { claimedFor, repeat } from './repeat.js';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { dayMs } from '../days.js';

/** At most ten years; null (or none set) keeps raw events for ever. */
export const retentionSchema = z.object({ days: z.number().int().min(1).max(3_650).nullable() }).strict();

/** Rows deleted per transaction, so ingest commits between chunks. */
export const retentionChunk = 5_000;
/** How often the background job looks for what has aged out. */
export const retentionIntervalMs = 3_600_000;

/** The time before which raw data goes, or null when nothing is to go. */
export const retentionCutoff = (days: number | null, now: number) => (days === null ? null : now - days * dayMs);

/** Deletes every site's aged-out events, sessions and calls, a chunk per writer transaction; says how many of each went. */
export async function applyRetention(
  { store, writer, now }: { store: Pick<Store, 'settings' | 'sites'>; writer: EngineWriter; now: () => number },
  signal?: AbortSignal,
): Promise<{ events: number; sessions: number; calls: number }> {
  const cutoff = retentionCutoff(await store.settings.retentionDays(), now());
  const done = { events: 0, sessions: 0, calls: 0 };
  if (cutoff === null) return done;
  for (const site of await store.sites.list()) {
    let deleted: number;
    // A stop at shutdown ends it between chunks; the next pass picks up where it left.
    do done.events += deleted = signal?.aborted ? 0 : await writer.run('retainEvents', { siteId: site.id, cutoff, limit: retentionChunk });
    while (deleted === retentionChunk);
    do done.sessions += deleted = signal?.aborted ? 0 : await writer.run('retainSessions', { siteId: site.id, cutoff, limit: retentionChunk });
    while (deleted === retentionChunk);
    // Calls and the leases they were matched against, the leases only once they have ended.
    do done.calls += deleted = signal?.aborted ? 0 : await writer.run('retainCalls', { siteId: site.id, cutoff, limit: retentionChunk });
    while (deleted > 0);
  }
  return done;
}

/** Runs applyRetention soon and then every interval, one run at a time. Returns a function that stops it and waits for the chunk under way. */
export function retainEvery(deps: Parameters<typeof applyRetention>[0], intervalMs: number, log: (message: string) => void): () => Promise<void> {
  const pass = async (signal: AbortSignal) => {
    // Every collector on a shared database runs this timer; the one whose claim lands runs the pass.
    if (!(await deps.writer.run('claimJob', { job: 'retention', now: deps.now(), everyMs: claimedFor(intervalMs) }))) return;
    const done = await applyRetention(deps, signal);
    if (done.events + done.sessions + done.calls > 0) {
      log(`retention: deleted ${done.events} events, ${done.sessions} sessions and ${done.calls} calls and leases past the retention period`);
    }
  };
  return repeat(pass, { everyMs: intervalMs, firstAfterMs: 1_000 }, (error) => log(`retention: ${error.message}`));
}
