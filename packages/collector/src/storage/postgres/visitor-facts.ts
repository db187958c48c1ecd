// What a browser may learn of its own visitor on PostgreSQL, read in one statement: the profile read on every page view of a personalized site.
import type { Sql } from './sql.js';
import type { PersonalizationStore } from '../personalization.js';
import type { Lifecycle } from '../../model/profile.js';

interface Row {
  lifecycle: Lifecycle;
  score: number;
  scoreAt: number;
  cluster: number | null;
  /** pg leaves BIGINT[] elements as strings: the pool parses only BIGINT itself. */
  segments: string[];
}

export function pgVisitorFacts(sql: Sql): Pick<PersonalizationStore, 'visitorFacts'> {
  return {
    // One statement rather than the profile, its cluster and its memberships apart: one round trip.
    async visitorFacts(siteId, visitorId) {
      const row = await sql.row<Row>(
        `SELECT p.lifecycle, p.score, p.score_at AS "scoreAt",
           (SELECT f.cluster FROM profile_features f WHERE f.site_id = p.site_id AND f.profile_id = p.id) AS cluster,
           ARRAY(SELECT m.segment_id FROM segment_members m WHERE m.site_id = p.site_id AND m.profile_id = p.id) AS segments
         FROM profile_visitors v JOIN profiles p ON p.site_id = v.site_id AND p.id = v.profile_id
         WHERE v.site_id = $1 AND v.visitor_id = $2`,
        [siteId, visitorId],
      );
      if (!row) return undefined;
      return { lifecycle: row.lifecycle, score: row.score, scoreAt: row.scoreAt, cluster: row.cluster, segments: new Set(row.segments.map(Number)) };
    },
  };
}
