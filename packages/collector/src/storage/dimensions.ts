// What a person's contacts bring to their circle: the community counts of profiles found by user id.
import type { Db } from './database.js';
import type { TypeCounts } from '../profiles/dimensions.js';

export function dimensionStatements(db: Db) {
  // One seek of profiles_user per contact: the list is bounded (maxContacts), and an IN list of
  // up to a hundred ids would be a statement per length.
  const ofUser = db.prepare<[number, string], { dimensions: string | null }>(
    'SELECT dimensions FROM profiles WHERE site_id = ? AND user_id = ?',
  );
  return {
    /** The own community counts of those of these users who have a profile on the site. */
    communityCountsOfUsers(siteId: number, userIds: readonly string[]): TypeCounts[] {
      const counts: TypeCounts[] = [];
      for (const userId of userIds) {
        const row = ofUser.get(siteId, userId);
        if (row?.dimensions) counts.push((JSON.parse(row.dimensions) as { own: TypeCounts }).own);
      }
      return counts;
    },
  };
}
