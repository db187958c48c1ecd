// The leads list's read on PostgreSQL: profiles in score order, by group and by segment.
import type { Sql } from './sql.js';
import type { Profile } from '../../model/profile.js';
import type { LeadCursor, LeadsFilter } from '../profiles.js';
import { profileColumns, profileFromRow, type ProfileRow } from '../profile-row.js';

const firstPage: LeadCursor = { score: Number.MAX_VALUE, id: 0 };

export function pgLeads(sql: Sql) {
  return {
    /**
     * A page of a site's profiles, highest score first, optionally of one group and one segment.
     * `walk` picks SQLite's plan; PostgreSQL's planner picks between walking the ranking and sorting
     * the members itself, from its statistics, so both read the one statement.
     */
    async leads(f: LeadsFilter): Promise<Profile[]> {
      const { score, id } = f.after ?? firstPage;
      const values: unknown[] = [f.siteId, score, id, f.limit];
      // Keyset paging in the order of the score indexes, with the id as the tie-breaker.
      let where = 'p.site_id = $1 AND p.score_now <= $2 AND (p.score_now < $2 OR p.id > $3)';
      if (f.lifecycle !== null) where += ` AND p.lifecycle = $${values.push(f.lifecycle)}`;
      if (f.segmentId !== null) {
        where += ` AND EXISTS (SELECT 1 FROM segment_members m WHERE m.site_id = p.site_id AND m.segment_id = $${values.push(f.segmentId)} AND m.profile_id = p.id)`;
      }
      const rows = await sql.rows<ProfileRow>(`SELECT ${profileColumns} FROM profiles p WHERE ${where} ORDER BY p.score_now DESC, p.id LIMIT $4`, values);
      return rows.map((row) => profileFromRow(row)!);
    },
  };
}
