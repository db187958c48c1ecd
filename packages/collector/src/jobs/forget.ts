// Deleting a person as a job: their browsers' events in short writer transactions, then everything else of them in one.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { forgetChunk, type Forgotten } from '../engine/forget.js';

/**
 * Deletes a person everywhere. Until the last step the profile stays, so a delete cut short (a
 * crash, a restart) leaves the person visible and is finished by running it again. Counts that name
 * no one (events per day and name, sessions per hour, reach per source, funnel steps) stay as they
 * were; group and segment sizes and the active-people rollup lose the person from `now`, as after a merge.
 * Undefined when there is no such profile (deleted or merged into another meanwhile).
 */
export async function forgetPerson(
  { store, writer, now }: { store: Pick<Store, 'profiles'>; writer: EngineWriter; now: () => number },
  siteId: number,
  profileId: number,
): Promise<Forgotten | undefined> {
  let events = 0;
  for (const visitorId of await store.profiles.visitors(siteId, profileId)) {
    let deleted: number;
    do {
      deleted = await writer.run('forgetEvents', { siteId, visitorId, limit: forgetChunk });
      events += deleted;
    } while (deleted === forgetChunk);
  }
  const forgotten = await writer.run('forgetProfile', { siteId, profileId, now: now() });
  return forgotten && { ...forgotten, events: forgotten.events + events };
}
