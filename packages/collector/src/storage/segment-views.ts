// What the stats page reads about segments: their day-by-day size changes and their members with each person's facts.
import type { Db } from './database.js';
import type { Lifecycle } from '../profiles/lifecycle.js';

/** A member as the members list and its CSV show it. */
export interface MemberRow {
  profileId: number;
  since: number;
  userId: string | null;
  /** One of the person's anonymous ids, for people never identified. */
  visitorId: string | null;
  traits: Record<string, unknown>;
  score: number;
  scoreAt: number;
  lifecycle: Lifecycle;
  country: string | null;
  city: string | null;
  device: string | null;
}

type Row = Omit<MemberRow, 'traits'> & { traits: string };

export function segmentViewStatements(db: Db) {
  const deltas = db.prepare<[number, number, number], { segmentId: number; day: number; delta: number }>(
    'SELECT segment_id AS segmentId, day, delta FROM daily_segments WHERE site_id = ? AND day BETWEEN ? AND ? ORDER BY day',
  );
  // Keyset paging on the members' primary key: each page is an index range, however deep.
  const members = db.prepare<[number, number, number], Row>(
    `SELECT m.profile_id AS profileId, m.since, p.user_id AS userId,
       (SELECT min(v.visitor_id) FROM profile_visitors v WHERE v.profile_id = p.id) AS visitorId,
       p.traits, p.score, p.score_at AS scoreAt, p.lifecycle, p.country, p.city, p.device
     FROM segment_members m JOIN profiles p ON p.id = m.profile_id
     WHERE m.segment_id = ? AND m.profile_id > ? ORDER BY m.profile_id LIMIT ?`,
  );
  return {
    /** Each segment's change in size per day, for the days from `from` to `to`. */
    segmentDeltas(siteId: number, from: number, to: number): { segmentId: number; day: number; delta: number }[] {
      return deltas.all(siteId, from, to);
    },
    /** A page of a segment's members after the profile id `after`, with what the page shows of each. */
    segmentMemberRows(segmentId: number, after: number, limit: number): MemberRow[] {
      return members.all(segmentId, after, limit).map((row) => ({ ...row, traits: JSON.parse(row.traits) as Record<string, unknown> }));
    },
  };
}
