// How much a database holds, for benchmark reports: counted from keys, not by scanning rows.
import type { Db } from './database.js';

export function sizeStatements(db: Db) {
  const events = db.prepare<[], { n: number | null }>('SELECT max(seq) AS n FROM events');
  const profiles = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM profiles');
  return {
    /** Events and profiles ever stored (deletions are not subtracted: good enough to say a data set's scale). */
    datasetSize(): { events: number; profiles: number } {
      return { events: events.get()!.n ?? 0, profiles: profiles.get()!.n ?? 0 };
    },
  };
}
