// A profile as its row holds it, on either backend: the columns read, and the JSON fields parsed.
import type { Profile } from '../model/profile.js';

// Quoted aliases: PostgreSQL folds unquoted ones to lower case, SQLite keeps either as written.
export const profileColumns = `id, site_id AS "siteId", user_id AS "userId", source, traits, country, city, device, first_seen AS "firstSeen",
  last_seen AS "lastSeen", events, score, score_at AS "scoreAt", score_now AS "scoreNow", lifecycle, active_weeks AS "activeWeeks",
  week_base AS "weekBase", next_change_at AS "nextChangeAt", dimensions`;
/** The same columns, each named with the table's alias, for a join with a table that shares some (site_id). */
export const profileColumnsOf = (alias: string) => profileColumns.replace(/(^|,\s*)(\w+)/g, `$1${alias}.$2`);

export type ProfileRow = Omit<Profile, 'traits' | 'dimensions'> & { traits: string; dimensions: string | null };
export const profileFromRow = (row: ProfileRow | undefined): Profile | undefined =>
  row && { ...row, traits: JSON.parse(row.traits), dimensions: row.dimensions === null ? null : JSON.parse(row.dimensions) };
export const toRow = (profile: Profile): ProfileRow => ({
  ...profile,
  traits: JSON.stringify(profile.traits),
  dimensions: profile.dimensions && JSON.stringify(profile.dimensions),
});
