// What a browser may learn of its own visitor, read in one statement: the profile read on every page view of a personalized site.
import type { Db } from './database.js';
import type { PersonalizationStore } from '../personalization.js';
import type { Lifecycle } from '../../model/profile.js';

interface Row {
  lifecycle: Lifecycle;
  score: number;
  scoreAt: number;
  cluster: number | null;
  segments: string | null;
}

export function sqliteVisitorFacts(db: Db): Pick<PersonalizationStore, 'visitorFacts'> {
  // One statement rather than the profile, its cluster and its memberships apart: each statement
  // outside a transaction opens its own read of the WAL, the cost that dominated this read.
  const facts = db.prepare<[number, string], Row>(
    `SELECT p.lifecycle, p.score, p.score_at AS scoreAt,
       (SELECT f.cluster FROM profile_features f WHERE f.profile_id = p.id) AS cluster,
       (SELECT group_concat(m.segment_id) FROM segment_members m WHERE m.site_id = p.site_id AND m.profile_id = p.id) AS segments
     FROM profile_visitors v JOIN profiles p ON p.site_id = v.site_id AND p.id = v.profile_id
     WHERE v.site_id = ? AND v.visitor_id = ?`,
  );
  return {
    async visitorFacts(siteId, visitorId) {
      const row = facts.get(siteId, visitorId);
      if (!row) return undefined;
      const segments = new Set(row.segments === null ? [] : row.segments.split(',').map(Number));
      return { lifecycle: row.lifecycle, score: row.score, scoreAt: row.scoreAt, cluster: row.cluster, segments };
    },
  };
}
