// After a segment is created or changed, every profile of its site is evaluated against it, off the hot path.
import type { Store } from '../storage/store.js';
import type { Writer } from '../ingest/writer.js';
import type { ProfileRules } from '../profiles/rules.js';
import { settleProfile } from '../profiles/settle.js';
import { siteSegments } from './membership.js';

/** Profiles settled per transaction, so that ingest commits between the passes. */
const passSize = 2_000;

/** Settles every profile of the site at `now`, through the single writer; resolves when all are done or `signal` aborts. */
export async function reevaluateSite(writer: Writer, store: Store, siteId: number, rules: ProfileRules, now: number, signal?: AbortSignal): Promise<void> {
  for (let after = 0; !signal?.aborted; ) {
    const last = await writer.submit(() => {
      const segments = siteSegments(store, siteId);
      const profiles = store.profilesAfter(siteId, after, passSize);
      for (const profile of profiles) {
        settleProfile(store, profile, segments, now, rules);
        store.saveProfile(profile);
      }
      return profiles.at(-1)?.id;
    });
    if (last === undefined) return;
    after = last;
  }
}
