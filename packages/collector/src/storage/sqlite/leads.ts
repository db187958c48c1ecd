// The leads list's read: profiles in score order, by group and by segment.
import type { Db } from './database.js';
import type { Profile } from '../../model/profile.js';
import type { LeadCursor, LeadsFilter } from '../profiles.js';
import { profileColumnsOf, profileFromRow, type ProfileRow } from '../profile-row.js';

const firstPage: LeadCursor = { score: Number.MAX_VALUE, id: 0 };
// Keyset paging in the order of the score indexes, whose entries end with the profile id.
const after = 'p.score_now <= @score AND (p.score_now < @score OR p.id > @id)';
const order = 'ORDER BY p.score_now DESC, p.id LIMIT @limit';
// Named with the table: segment_members has a site_id too.
const cols = profileColumnsOf('p');

export function leadStatements(db: Db) {
  const all = db.prepare(`SELECT ${cols} FROM profiles p WHERE p.site_id = @siteId AND ${after} ${order}`);
  const inGroup = db.prepare(`SELECT ${cols} FROM profiles p WHERE p.site_id = @siteId AND p.lifecycle = @lifecycle AND ${after} ${order}`);
  const member = 'EXISTS (SELECT 1 FROM segment_members m WHERE m.site_id = @siteId AND m.segment_id = @segmentId AND m.profile_id = p.id)';
  const walk = db.prepare(`SELECT ${cols} FROM profiles p WHERE p.site_id = @siteId AND ${member} AND ${after} ${order}`);
  const walkGroup = db.prepare(
    `SELECT ${cols} FROM profiles p WHERE p.site_id = @siteId AND p.lifecycle = @lifecycle AND ${member} AND ${after} ${order}`,
  );
  // CROSS JOIN keeps the members as the outer loop: each is one lookup of its profile by id.
  const members = db.prepare(
    `SELECT ${cols} FROM segment_members m CROSS JOIN profiles p ON p.id = m.profile_id
     WHERE m.site_id = @siteId AND m.segment_id = @segmentId AND p.site_id = @siteId AND ${after} ${order}`,
  );
  const membersGroup = db.prepare(
    `SELECT ${cols} FROM segment_members m CROSS JOIN profiles p ON p.id = m.profile_id
     WHERE m.site_id = @siteId AND m.segment_id = @segmentId AND p.site_id = @siteId AND p.lifecycle = @lifecycle AND ${after} ${order}`,
  );
  const pick = (f: LeadsFilter) => {
    if (f.segmentId === null) return f.lifecycle === null ? all : inGroup;
    if (f.walk) return f.lifecycle === null ? walk : walkGroup;
    return f.lifecycle === null ? members : membersGroup;
  };

  return {
    /** A page of a site's profiles, highest score first, optionally of one group and one segment. */
    async leads(f: LeadsFilter): Promise<Profile[]> {
      const { score, id } = f.after ?? firstPage;
      const params: Record<string, unknown> = { siteId: f.siteId, score, id, limit: f.limit };
      if (f.lifecycle !== null) params.lifecycle = f.lifecycle;
      if (f.segmentId !== null) params.segmentId = f.segmentId;
      return (pick(f).all(params) as ProfileRow[]).map((row) => profileFromRow(row)!);
    },
  };
}
