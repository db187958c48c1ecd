// Profiles (one per person), the visitors that belong to them, their daily points and score history.
import type { Db } from './database.js';
import type { Lifecycle } from '../profiles/lifecycle.js';
import type { ProfileDimensions } from '../profiles/dimensions.js';

export interface Profile {
  id: number;
  siteId: number;
  userId: string | null;
  /** Where the person first came from: a campaign source, a referring host, or 'direct'. */
  source: string;
  /** What identify() said about the person, latest value per key. */
  traits: Record<string, unknown>;
  /** Where and on what the person was last seen. */
  country: string | null;
  city: string | null;
  device: string | null;
  firstSeen: number;
  lastSeen: number;
  events: number;
  /** The score as it stood at scoreAt; decay it to read it at another time. */
  score: number;
  scoreAt: number;
  /** The score decayed to the last event or sweep; the sweeper refreshes it when decay is due. */
  scoreNow: number;
  lifecycle: Lifecycle;
  /** Bit i set: active in calendar week weekBase - i. */
  activeWeeks: number;
  weekBase: number;
  /** When time alone next changes the profile (the sweeper's schedule), or null. */
  nextChangeAt: number | null;
  /** Community types of the person and their circle, and when their age was stated; null when none. */
  dimensions: ProfileDimensions | null;
}

/** An event as a timeline shows it. */
export interface StoredEventSummary {
  id: string;
  type: string;
  name: string;
  ts: number;
  visitorId: string;
  sessionId: string;
  path: string | null;
  url: string | null;
  props: Record<string, unknown> | null;
}

export const profileColumns = `id, site_id AS siteId, user_id AS userId, source, traits, country, city, device, first_seen AS firstSeen, last_seen AS lastSeen, events,
  score, score_at AS scoreAt, score_now AS scoreNow, lifecycle, active_weeks AS activeWeeks, week_base AS weekBase,
  next_change_at AS nextChangeAt, dimensions`;

export type ProfileRow = Omit<Profile, 'traits' | 'dimensions'> & { traits: string; dimensions: string | null };
export const profileFromRow = (row: ProfileRow | undefined): Profile | undefined =>
  row && { ...row, traits: JSON.parse(row.traits), dimensions: row.dimensions === null ? null : JSON.parse(row.dimensions) };

export function profileStatements(db: Db) {
  const byVisitor = db.prepare<[number, string], { profile_id: number }>(
    'SELECT profile_id FROM profile_visitors WHERE site_id = ? AND visitor_id = ?',
  );
  const byId = db.prepare<[number], ProfileRow>(`SELECT ${profileColumns} FROM profiles WHERE id = ?`);
  const insertProfile = db.prepare<[number, string | null, string, number, number, number]>(
    `INSERT INTO profiles (site_id, user_id, source, first_seen, last_seen, events, score, score_at)
     VALUES (?, ?, ?, ?, ?, 0, 0, ?) RETURNING ${profileColumns}`,
  );
  const linkVisitor = db.prepare<[number, string, number]>(
    'INSERT OR REPLACE INTO profile_visitors (site_id, visitor_id, profile_id) VALUES (?, ?, ?)',
  );
  const byUser = db.prepare<[number, string], ProfileRow>(`SELECT ${profileColumns} FROM profiles WHERE site_id = ? AND user_id = ?`);
  const relinkVisitor = db.prepare<[number, number, string]>(
    'UPDATE profile_visitors SET profile_id = ? WHERE site_id = ? AND visitor_id = ?',
  );
  const moveVisitors = db.prepare<[number, number]>('UPDATE profile_visitors SET profile_id = ? WHERE profile_id = ?');
  const moveDailyPoints = db.prepare<[number, number]>(
    `INSERT INTO profile_daily_points (profile_id, definition_id, day, points)
       SELECT ?, definition_id, day, points FROM profile_daily_points WHERE profile_id = ?
     ON CONFLICT DO UPDATE SET points = points + excluded.points`,
  );
  const moveHistory = db.prepare<[number, number]>(
    `INSERT INTO score_history (profile_id, day, score)
       SELECT ?, day, score FROM score_history WHERE profile_id = ?
     ON CONFLICT DO UPDATE SET score = max(score, excluded.score)`,
  );
  const moveLifecycleChanges = db.prepare<[number, number]>('UPDATE lifecycle_changes SET profile_id = ? WHERE profile_id = ?');
  const dropDailyPoints = db.prepare<[number]>('DELETE FROM profile_daily_points WHERE profile_id = ?');
  const dropHistory = db.prepare<[number]>('DELETE FROM score_history WHERE profile_id = ?');
  const dropProfile = db.prepare<[number]>('DELETE FROM profiles WHERE id = ?');
  const update = db.prepare<ProfileRow>(
    `UPDATE profiles SET user_id = @userId, source = @source, traits = @traits, country = @country, city = @city,
       device = @device, first_seen = @firstSeen, last_seen = @lastSeen, events = @events, score = @score,
       score_at = @scoreAt, score_now = @scoreNow, lifecycle = @lifecycle, active_weeks = @activeWeeks, week_base = @weekBase,
       next_change_at = @nextChangeAt, dimensions = @dimensions WHERE id = @id`,
  );
  const visitorsOf = db.prepare<[number], { visitor_id: string }>(
    'SELECT visitor_id FROM profile_visitors WHERE profile_id = ? ORDER BY visitor_id',
  );
  // One visitor at a time: with an IN list SQLite walks the whole site's events by time instead.
  const recentOfVisitor = db.prepare<[number, string, number], StoredEventSummary>(
    `SELECT lower(hex(id)) AS id, type, name, ts, visitor_id AS visitorId, session_id AS sessionId, path, url, props
     FROM events WHERE site_id = ? AND visitor_id = ? ORDER BY ts DESC, seq DESC LIMIT ?`,
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
  const addLifecycleChange = db.prepare<[number, number, string, string]>(
    'INSERT INTO lifecycle_changes (profile_id, at, from_group, to_group) VALUES (?, ?, ?, ?)',
  );
  const lifecycleChanges = db.prepare<[number], { at: number; from: Lifecycle; to: Lifecycle }>(
    'SELECT at, from_group AS "from", to_group AS "to" FROM lifecycle_changes WHERE profile_id = ? ORDER BY at, rowid',
  );
  const dailyPoints = db.prepare<[number, number, number], { points: number }>(
    'SELECT points FROM profile_daily_points WHERE profile_id = ? AND definition_id = ? AND day = ?',
  );
  const addDaily = db.prepare<[number, number, number, number]>(
    `INSERT INTO profile_daily_points (profile_id, definition_id, day, points) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET points = points + excluded.points`,
  );
  const recordScore = db.prepare<[number, number, number]>(
    `INSERT INTO score_history (profile_id, day, score) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET score = excluded.score`,
  );
  const history = db.prepare<[number], { day: number; score: number }>(
    'SELECT day, score FROM score_history WHERE profile_id = ? ORDER BY day',
  );

  return {
    findProfileOfUser(siteId: number, userId: string): Profile | undefined {
      return profileFromRow(byUser.get(siteId, userId));
    },
    /** A new profile, from now on reached through this visitor (which leaves its former profile, if any). */
    createProfile(siteId: number, visitorId: string, ts: number, source: string, userId: string | null): Profile {
      const profile = profileFromRow(insertProfile.get(siteId, userId, source, ts, ts, ts) as ProfileRow)!;
      linkVisitor.run(siteId, visitorId, profile.id);
      return profile;
    },
    /** From now on this visitor's events belong to another profile; its past ones stay where they are. */
    relinkVisitor(siteId: number, visitorId: string, profileId: number): void {
      relinkVisitor.run(profileId, siteId, visitorId);
    },
    /** Moves everything of profile `from` (visitors, daily points, score and group history) to `into`, then deletes `from`. */
    absorbProfile(into: number, from: number): void {
      moveVisitors.run(into, from);
      moveDailyPoints.run(into, from);
      moveHistory.run(into, from);
      moveLifecycleChanges.run(into, from);
      dropDailyPoints.run(from);
      dropHistory.run(from);
      dropProfile.run(from);
    },
    findProfileOfVisitor(siteId: number, visitorId: string): Profile | undefined {
      const link = byVisitor.get(siteId, visitorId);
      return link && profileFromRow(byId.get(link.profile_id));
    },
    saveProfile(profile: Profile): void {
      update.run({ ...profile, traits: JSON.stringify(profile.traits), dimensions: profile.dimensions && JSON.stringify(profile.dimensions) });
    },
    visitorsOfProfile(profileId: number): string[] {
      return visitorsOf.all(profileId).map((row) => row.visitor_id);
    },
    /** The newest events of all of a profile's visitors. */
    recentEventsOfProfile(siteId: number, profileId: number, limit: number): StoredEventSummary[] {
      const newest = visitorsOf.all(profileId).flatMap((v) => recentOfVisitor.all(siteId, v.visitor_id, limit));
      // A stable sort: events of one visitor in the same millisecond keep their order of arrival.
      newest.sort((a, b) => b.ts - a.ts);
      return newest.slice(0, limit).map((e) => ({ ...e, props: e.props && JSON.parse(e.props as unknown as string) }));
    },
    /** The highest-scoring profiles of a site, by the score as of their last event or sweep. */
    topProfiles(siteId: number, limit: number): Profile[] {
      return top.all(siteId, limit).map((row) => profileFromRow(row)!);
    },
    /** A page of a site's profiles after the id `after`, for passes over all of them. */
    profilesAfter(siteId: number, after: number, limit: number): Profile[] {
      return page.all(siteId, after, limit).map((row) => profileFromRow(row)!);
    },
    /** Profiles whose next time-driven change is due by `now`, the earliest first. */
    dueProfiles(now: number, limit: number): Profile[] {
      return due.all(now, limit).map((row) => profileFromRow(row)!);
    },
    recordLifecycleChange(profileId: number, at: number, from: Lifecycle, to: Lifecycle): void {
      addLifecycleChange.run(profileId, at, from, to);
    },
    lifecycleChanges(profileId: number): { at: number; from: Lifecycle; to: Lifecycle }[] {
      return lifecycleChanges.all(profileId);
    },
    dailyPoints(profileId: number, definitionId: number, day: number): number {
      return dailyPoints.get(profileId, definitionId, day)?.points ?? 0;
    },
    addDailyPoints(profileId: number, definitionId: number, day: number, points: number): void {
      addDaily.run(profileId, definitionId, day, points);
    },
    recordScore(profileId: number, day: number, score: number): void {
      recordScore.run(profileId, day, score);
    },
    scoreHistory(profileId: number): { day: number; score: number }[] {
      return history.all(profileId);
    },
  };
}
