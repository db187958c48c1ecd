// Funnels as stored: their definitions, each person's open attempt, the daily step counts and conversion times.
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { Funnel, FunnelAttempt, FunnelCount, FunnelDefinition, Reached } from '../../model/funnel.js';

interface Row {
  id: number;
  site_id: number;
  name: string;
  definition: string;
  created_at: number;
  updated_at: number;
  generation: number;
  computing: number;
  cursor_ts: number | null;
  cursor_seq: number | null;
}

const toFunnel = (row: Row): Funnel => {
  const definition = JSON.parse(row.definition) as Omit<FunnelDefinition, 'name'>;
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    steps: definition.steps,
    windowMinutes: definition.windowMinutes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    generation: row.generation,
    computing: row.computing === 1,
    cursor: row.cursor_ts === null ? null : { ts: row.cursor_ts, seq: row.cursor_seq! },
  };
};
const definitionJson = (d: FunnelDefinition) => JSON.stringify({ steps: d.steps, windowMinutes: d.windowMinutes });

export function sqliteFunnels(db: Db, fresh: Freshness) {
  const bySite = db.prepare<[number], Row>('SELECT * FROM funnels WHERE site_id = ? ORDER BY id');
  const byId = db.prepare<[number], Row>('SELECT * FROM funnels WHERE id = ?');
  const byName = db.prepare<[number, string], { id: number }>('SELECT id FROM funnels WHERE site_id = ? AND name = ?');
  const computing = db.prepare<[], Row>('SELECT * FROM funnels WHERE computing = 1');
  const insert = db.prepare<[number, string, string, number, number], Row>(
    'INSERT INTO funnels (site_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const rename = db.prepare<[string, number, number, number], Row>('UPDATE funnels SET name = ?, updated_at = ? WHERE site_id = ? AND id = ? RETURNING *');
  const redefine = db.prepare<[string, string, number, number, number], Row>(
    `UPDATE funnels SET name = ?, definition = ?, updated_at = ?, generation = generation + 1, computing = 1, cursor_ts = NULL, cursor_seq = NULL
     WHERE site_id = ? AND id = ? RETURNING *`,
  );
  const remove = db.prepare<[number, number]>('DELETE FROM funnels WHERE site_id = ? AND id = ?');
  const clearProgress = db.prepare<[number]>('DELETE FROM funnel_progress WHERE funnel_id = ?');
  const clearSteps = db.prepare<[number]>('DELETE FROM daily_funnel_steps WHERE funnel_id = ?');
  const clearTimes = db.prepare<[number]>('DELETE FROM daily_funnel_times WHERE funnel_id = ?');
  const moveCursor = db.prepare<[number, number, number]>('UPDATE funnels SET cursor_ts = ?, cursor_seq = ? WHERE id = ?');
  const finish = db.prepare<[number]>('UPDATE funnels SET computing = 0, cursor_ts = NULL, cursor_seq = NULL WHERE id = ?');

  const saveAttempt = db.prepare<[number, number, number, number, number, string, string]>(
    'INSERT OR REPLACE INTO funnel_progress (profile_id, funnel_id, step, started_at, last_at, source, device) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // A merged-away person's attempts become the survivor's where the survivor has none of its own.
  const moveAttempts = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO funnel_progress (profile_id, funnel_id, step, started_at, last_at, source, device)
       SELECT ?, funnel_id, step, started_at, last_at, source, device FROM funnel_progress WHERE profile_id = ?`,
  );
  const dropAttempts = db.prepare<[number]>('DELETE FROM funnel_progress WHERE profile_id = ?');
  const addStep = db.prepare<[number, number, number, string, string]>(
    `INSERT INTO daily_funnel_steps (funnel_id, day, step, source, device, people) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT DO UPDATE SET people = people + 1`,
  );
  const addTime = db.prepare<[number, number, number]>(
    `INSERT INTO daily_funnel_times (funnel_id, day, bucket, people) VALUES (?, ?, ?, 1)
     ON CONFLICT DO UPDATE SET people = people + 1`,
  );

  const counts = db.prepare<[number, number, number], FunnelCount>(
    `SELECT step, source, device, sum(people) AS people FROM daily_funnel_steps
     WHERE funnel_id = ? AND day BETWEEN ? AND ? GROUP BY step, source, device`,
  );
  const times = db.prepare<[number, number, number], { bucket: number; people: number }>(
    `SELECT bucket, sum(people) AS people FROM daily_funnel_times
     WHERE funnel_id = ? AND day BETWEEN ? AND ? GROUP BY bucket ORDER BY bucket`,
  );

  const attemptsOf = db.prepare<[number], { funnelId: number; step: number; startedAt: number; lastAt: number; source: string; device: string }>(
    `SELECT funnel_id AS funnelId, step, started_at AS startedAt, last_at AS lastAt, source, device
     FROM funnel_progress WHERE profile_id = ? ORDER BY funnel_id`,
  );

  // Every batch looks up its site's funnels: they are read from SQLite only after they change.
  // This connection's own writes clear the copy, and so does another's commit (freshness.ts).
  const setups = new Map<number, readonly Funnel[]>();
  fresh.onChange(() => setups.clear());
  const changed = <T>(result: T): T => (setups.clear(), result);

  return {
    /** A site's funnels as one array that stays the same object until one of them changes. */
    setup(siteId: number): readonly Funnel[] {
      fresh.check();
      let setup = setups.get(siteId);
      if (!setup) setups.set(siteId, (setup = bySite.all(siteId).map(toFunnel)));
      return setup;
    },
    list(siteId: number): Funnel[] {
      return bySite.all(siteId).map(toFunnel);
    },
    find(id: number): Funnel | undefined {
      const row = byId.get(id);
      return row && toFunnel(row);
    },
    named(siteId: number, name: string): number | undefined {
      return byName.get(siteId, name)?.id;
    },
    /** Funnels whose replay has not caught up yet, as after a restart in the middle of one. */
    computing(): Funnel[] {
      return computing.all().map(toFunnel);
    },
    insert(siteId: number, definition: FunnelDefinition, now: number): Funnel {
      return changed(toFunnel(insert.get(siteId, definition.name, definitionJson(definition), now, now)!));
    },
    /** A new name only: what was computed stays true. */
    rename(siteId: number, id: number, name: string, now: number): Funnel | undefined {
      const row = changed(rename.get(name, now, siteId, id));
      return row && toFunnel(row);
    },
    /** New steps or window: everything computed for the old ones is dropped, to be replayed. */
    redefine(siteId: number, id: number, definition: FunnelDefinition, now: number): Funnel | undefined {
      const row = changed(redefine.get(definition.name, definitionJson(definition), now, siteId, id));
      if (row) clearProgress.run(id), clearSteps.run(id), clearTimes.run(id);
      return row && toFunnel(row);
    },
    delete(siteId: number, id: number): boolean {
      return changed(remove.run(siteId, id).changes === 1);
    },
    moveCursor(id: number, ts: number, seq: number): void {
      moveCursor.run(ts, seq, id);
    },
    /** The replay caught up: from now on ingest keeps the funnel current. */
    finish(id: number): void {
      changed(finish.run(id));
    },
    /** Each of these people's attempts, by funnel. */
    attemptsOfPeople(profileIds: readonly number[]): Map<number, Map<number, FunnelAttempt>> {
      return new Map(profileIds.map((id) => [id, new Map(attemptsOf.all(id).map(({ funnelId, ...attempt }) => [funnelId, attempt]))]));
    },
    /** An attempt reached a step, counted on its start day, by its source and device. */
    addStep(funnelId: number, day: number, step: number, source: string, device: string): void {
      addStep.run(funnelId, day, step, source, device);
    },
    /** An attempt completed the funnel, counted on its start day in its time bucket. */
    addTime(funnelId: number, day: number, bucket: number): void {
      addTime.run(funnelId, day, bucket);
    },
    /** A person reached a step: their attempt as it now stands, counted on its start day, and its time when it completed the funnel. */
    reach(profileId: number, funnelId: number, { attempt: a, day, completedIn }: Reached): void {
      saveAttempt.run(profileId, funnelId, a.step, a.startedAt, a.lastAt, a.source, a.device);
      addStep.run(funnelId, day, a.step, a.source, a.device);
      if (completedIn !== null) addTime.run(funnelId, day, completedIn);
    },
    moveAttempts(into: number, from: number): void {
      moveAttempts.run(into, from);
      dropAttempts.run(from);
    },
    /** Attempts started in [from, to] by step, source and device. */
    counts(funnelId: number, from: number, to: number): FunnelCount[] {
      return counts.all(funnelId, from, to);
    },
    /** Completed attempts started in [from, to] by time-taken bucket. */
    times(funnelId: number, from: number, to: number): { bucket: number; people: number }[] {
      return times.all(funnelId, from, to);
    },
    /** A person's attempts at every funnel, for their export. */
    attemptsOf(profileId: number) {
      return attemptsOf.all(profileId);
    },
    /** A deleted person's attempts. */
    forgetProfile(profileId: number): void {
      dropAttempts.run(profileId);
    },
  };
}
