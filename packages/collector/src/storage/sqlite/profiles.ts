// Profiles (one per person) and the visitors that lead to them; their history and the leads list are in files of their own.
import type { Db } from './database.js';
import type { ProfileStore } from '../profiles.js';
import type { Profile, TypeCounts } from '../../model/profile.js';
import { leadStatements } from './leads.js';
import { sqliteProfileHistory } from './profile-history.js';
import { profileColumns, profileFromRow, toRow, type ProfileRow } from '../profile-row.js';

export function sqliteProfiles(db: Db): ProfileStore {
  const byVisitor = db.prepare<[number, string], { profile_id: number }>(
    'SELECT profile_id FROM profile_visitors WHERE site_id = ? AND visitor_id = ?',
  );
  const insertProfile = db.prepare<ProfileRow>(
    `INSERT INTO profiles (id, site_id, user_id, source, traits, country, city, device, first_seen, last_seen, events, score, score_at,
       score_now, lifecycle, active_weeks, week_base, next_change_at, dimensions)
     VALUES (@id, @siteId, @userId, @source, @traits, @country, @city, @device, @firstSeen, @lastSeen, @events, @score, @scoreAt,
       @scoreNow, @lifecycle, @activeWeeks, @weekBase, @nextChangeAt, @dimensions)`,
  );
  const lastId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM profiles').pluck();
  const linkVisitor = db.prepare<[number, string, number]>(
    'INSERT OR REPLACE INTO profile_visitors (site_id, visitor_id, profile_id) VALUES (?, ?, ?)',
  );
  const byUser = db.prepare<[number, string], ProfileRow>(`SELECT ${profileColumns} FROM profiles WHERE site_id = ? AND user_id = ?`);
  const relinkVisitor = db.prepare<[number, number, string]>(
    'UPDATE profile_visitors SET profile_id = ? WHERE site_id = ? AND visitor_id = ?',
  );
  const moveVisitors = db.prepare<[number, number, number]>('UPDATE profile_visitors SET profile_id = ? WHERE site_id = ? AND profile_id = ?');
  const dropProfile = db.prepare<[number, number]>('DELETE FROM profiles WHERE id = ? AND site_id = ?');
  const update = db.prepare<ProfileRow>(
    `UPDATE profiles SET user_id = @userId, source = @source, traits = @traits, country = @country, city = @city,
       device = @device, first_seen = @firstSeen, last_seen = @lastSeen, events = @events, score = @score,
       score_at = @scoreAt, score_now = @scoreNow, lifecycle = @lifecycle, active_weeks = @activeWeeks, week_base = @weekBase,
       next_change_at = @nextChangeAt, dimensions = @dimensions WHERE id = @id AND site_id = @siteId`,
  );
  const visitorsOf = db.prepare<[number, number], { visitor_id: string }>(
    'SELECT visitor_id FROM profile_visitors WHERE site_id = ? AND profile_id = ? ORDER BY visitor_id',
  );
  const top = db.prepare<[number, number], ProfileRow>(
    `SELECT ${profileColumns} FROM profiles WHERE site_id = ? ORDER BY score_now DESC, id LIMIT ?`,
  );
  const page = db.prepare<[number, number, number], ProfileRow>(
    `SELECT ${profileColumns} FROM profiles WHERE site_id = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  const due = db.prepare<[number, number], ProfileRow>(
    `SELECT ${profileColumns} FROM profiles WHERE next_change_at <= ? ORDER BY next_change_at LIMIT ?`,
  );

  const bySiteAndId = db.prepare<[number, number], ProfileRow>(`SELECT ${profileColumns} FROM profiles WHERE id = ? AND site_id = ?`);
  // Covered by profiles_top (site_id, score_now, rowid): the site's ids without reading its profiles.
  const idsOfSite = db.prepare<[number], { id: number }>('SELECT id FROM profiles WHERE site_id = ?');
  const personOfVisitor = db.prepare<[number, string], { id: number; source: string }>(
    `SELECT p.id, p.source FROM profile_visitors v JOIN profiles p ON p.site_id = v.site_id AND p.id = v.profile_id WHERE v.site_id = ? AND v.visitor_id = ?`,
  );
  // One seek of profiles_user per contact: the list is bounded (maxContacts), and an IN list of
  // up to a hundred ids would be a statement per length.
  const dimensionsOfUser = db.prepare<[number, string], { dimensions: string | null }>('SELECT dimensions FROM profiles WHERE site_id = ? AND user_id = ?');
  const unlinkVisitor = db.prepare<[number, string]>('DELETE FROM profile_visitors WHERE site_id = ? AND visitor_id = ?');

  const { moveHistory, dropHistory, ...history } = sqliteProfileHistory(db);

  return {
    ...leadStatements(db),
    ...history,
    async ofUser(siteId: number, userId: string): Promise<Profile | undefined> {
      return profileFromRow(byUser.get(siteId, userId));
    },
    /** A new profile, from now on reached through this visitor (which leaves its former profile, if any). */
    create(profile: Profile, visitorId: string): void {
      insertProfile.run(toRow(profile));
      linkVisitor.run(profile.siteId, visitorId, profile.id);
    },
    /**
     * Ids for people a batch may make: the next ones after the highest, which the single writer's
     * transaction keeps to itself (ids not used are simply not taken).
     */
    async reserveIds(count: number): Promise<number[]> {
      const last = lastId.get()!;
      return Array.from({ length: count }, (_, i) => last + 1 + i);
    },
    // The single writer already serializes every transaction: nothing to hold.
    async lockPeople(): Promise<void> {},
    /** The people of these visitors, by visitor; visitors without one are left out. */
    async ofVisitors(siteId: number, visitorIds: readonly string[]): Promise<Map<string, Profile>> {
      const found = new Map<string, Profile>();
      for (const visitorId of visitorIds) {
        const link = byVisitor.get(siteId, visitorId);
        const profile = link && profileFromRow(bySiteAndId.get(link.profile_id, siteId));
        if (profile) found.set(visitorId, profile);
      }
      return found;
    },
    /** The people of these user ids, by user id; user ids without one are left out. */
    async ofUsers(siteId: number, userIds: readonly string[]): Promise<Map<string, Profile>> {
      const found = new Map<string, Profile>();
      for (const userId of userIds) {
        const profile = profileFromRow(byUser.get(siteId, userId));
        if (profile) found.set(userId, profile);
      }
      return found;
    },
    /** From now on this visitor's events belong to another profile; its past ones stay where they are. */
    relinkVisitor(siteId: number, visitorId: string, profileId: number): void {
      relinkVisitor.run(profileId, siteId, visitorId);
    },
    /** Moves everything of profile `from` (visitors, daily points, score and group history) to `into`, then deletes `from`. */
    absorb(siteId: number, into: number, from: number): void {
      moveVisitors.run(into, siteId, from);
      moveHistory(siteId, into, from);
      dropHistory(siteId, from);
      dropProfile.run(from, siteId);
    },
    async ofVisitor(siteId: number, visitorId: string): Promise<Profile | undefined> {
      const link = byVisitor.get(siteId, visitorId);
      return link && profileFromRow(bySiteAndId.get(link.profile_id, siteId));
    },
    save(profile: Profile): void {
      update.run(toRow(profile));
    },
    async visitors(siteId: number, profileId: number): Promise<string[]> {
      return visitorsOf.all(siteId, profileId).map((row) => row.visitor_id);
    },
    async visitorsOfPeople(siteId: number, profileIds: readonly number[]): Promise<Map<number, string[]>> {
      return new Map(profileIds.map((id) => [id, visitorsOf.all(siteId, id).map((row) => row.visitor_id)]));
    },
    /** The highest-scoring profiles of a site, by the score as of their last event or sweep. */
    async top(siteId: number, limit: number): Promise<Profile[]> {
      return top.all(siteId, limit).map((row) => profileFromRow(row)!);
    },
    /** A page of a site's profiles after the id `after`, for passes over all of them. */
    async after(siteId: number, after: number, limit: number): Promise<Profile[]> {
      return page.all(siteId, after, limit).map((row) => profileFromRow(row)!);
    },
    /** Profiles whose next time-driven change is due by `now`, the earliest first. */
    async due(now: number, limit: number): Promise<Profile[]> {
      return due.all(now, limit).map((row) => profileFromRow(row)!);
    },
    /** A profile by its id, if it belongs to this site. */
    async find(siteId: number, id: number): Promise<Profile | undefined> {
      return profileFromRow(bySiteAndId.get(id, siteId));
    },
    async idsOfSite(siteId: number): Promise<number[]> {
      return idsOfSite.all(siteId).map((row) => row.id);
    },
    /** A visitor's person and first source, without the rest of the profile. */
    async personOfVisitor(siteId: number, visitorId: string): Promise<{ id: number; source: string } | undefined> {
      return personOfVisitor.get(siteId, visitorId);
    },
    /** The own community counts of those of these users who have a profile on the site. */
    async communityCountsOfUsers(siteId: number, userIds: readonly string[]): Promise<Map<string, TypeCounts>> {
      const counts = new Map<string, TypeCounts>();
      for (const userId of userIds) {
        const row = dimensionsOfUser.get(siteId, userId);
        if (row?.dimensions) counts.set(userId, (JSON.parse(row.dimensions) as { own: TypeCounts }).own);
      }
      return counts;
    },
    /** A deleted browser no longer leads to its person. */
    unlinkVisitor(siteId: number, visitorId: string): void {
      unlinkVisitor.run(siteId, visitorId);
    },
    /** A deleted person: their daily points, score and group history, then the profile. */
    drop(siteId: number, profileId: number): void {
      dropHistory(siteId, profileId);
      dropProfile.run(profileId, siteId);
    },
  };
}
