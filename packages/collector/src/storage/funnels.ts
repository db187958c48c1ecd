// Funnels as stored: their definitions, each person's open attempt, the daily step counts and conversion times.
import type { Db } from './database.js';
import type { FunnelDefinition, FunnelStep } from '../funnels/definition.js';

export interface Funnel {
  id: number;
  siteId: number;
  name: string;
  steps: FunnelStep[];
  windowMinutes: number;
  createdAt: number;
  updatedAt: number;
  /** Bumped by every change of steps or window: a replay of an older definition stops. */
  generation: number;
  /** Being replayed from the stored events; ingest leaves it alone until the replay catches up. */
  computing: boolean;
  /** How far the replay got, in (ts, seq) order. */
  cursor: { ts: number; seq: number } | null;
}

/** A person's attempt at a funnel: steps reached so far (1 = the first), and what it started with. */
export interface FunnelAttempt {
  step: number;
  startedAt: number;
  lastAt: number;
  source: string;
  device: string;
}

/** An event as a funnel replay reads it. */
export interface ReplayedEvent {
  seq: number;
  name: string;
  ts: number;
  visitorId: string;
  device: string;
  props: string | null;
}

/** Attempts that reached a step, for one start source and device, summed over a range of start days. */
export interface FunnelCount {
  step: number;
  source: string;
  device: string;
  people: number;
}

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

export function funnelStatements(db: Db) {
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

  const attempt = db.prepare<[number, number], FunnelAttempt>(
    'SELECT step, started_at AS startedAt, last_at AS lastAt, source, device FROM funnel_progress WHERE profile_id = ? AND funnel_id = ?',
  );
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

  // In time order, then insertion order for equal times: the order a person did things in.
  const replay = db.prepare<[number, number, number, number, number], ReplayedEvent>(
    `SELECT seq, name, ts, visitor_id AS visitorId, device, props FROM events
     WHERE site_id = ? AND ts >= ? AND (ts > ? OR seq > ?) ORDER BY ts, seq LIMIT ?`,
  );
  const firstTs = db.prepare<[number], { ts: number | null }>('SELECT min(ts) AS ts FROM events WHERE site_id = ?');
  const personOfVisitor = db.prepare<[number, string], { id: number; source: string }>(
    `SELECT p.id, p.source FROM profile_visitors v JOIN profiles p ON p.id = v.profile_id WHERE v.site_id = ? AND v.visitor_id = ?`,
  );

  // Every batch looks up its site's funnels: they are read from SQLite only after they change.
  // Only this module writes them, so its own writes (and a rolled-back transaction) clear the copy.
  const setups = new Map<number, readonly Funnel[]>();
  const changed = <T>(result: T): T => (setups.clear(), result);

  return {
    /** A site's funnels as one array that stays the same object until one of them changes. */
    funnelSetup(siteId: number): readonly Funnel[] {
      let setup = setups.get(siteId);
      if (!setup) setups.set(siteId, (setup = bySite.all(siteId).map(toFunnel)));
      return setup;
    },
    /** Forgets what was read, as when a transaction that changed funnels is rolled back. */
    forgetFunnelSetups(): void {
      setups.clear();
    },
    listFunnels(siteId: number): Funnel[] {
      return bySite.all(siteId).map(toFunnel);
    },
    findFunnel(id: number): Funnel | undefined {
      const row = byId.get(id);
      return row && toFunnel(row);
    },
    funnelNamed(siteId: number, name: string): number | undefined {
      return byName.get(siteId, name)?.id;
    },
    /** Funnels whose replay has not caught up yet, as after a restart in the middle of one. */
    computingFunnels(): Funnel[] {
      return computing.all().map(toFunnel);
    },
    insertFunnel(siteId: number, definition: FunnelDefinition, now: number): Funnel {
      return changed(toFunnel(insert.get(siteId, definition.name, definitionJson(definition), now, now)!));
    },
    /** A new name only: what was computed stays true. */
    renameFunnel(siteId: number, id: number, name: string, now: number): Funnel | undefined {
      const row = changed(rename.get(name, now, siteId, id));
      return row && toFunnel(row);
    },
    /** New steps or window: everything computed for the old ones is dropped, to be replayed. */
    redefineFunnel(siteId: number, id: number, definition: FunnelDefinition, now: number): Funnel | undefined {
      const row = changed(redefine.get(definition.name, definitionJson(definition), now, siteId, id));
      if (row) clearProgress.run(id), clearSteps.run(id), clearTimes.run(id);
      return row && toFunnel(row);
    },
    deleteFunnel(siteId: number, id: number): boolean {
      return changed(remove.run(siteId, id).changes === 1);
    },
    moveFunnelCursor(id: number, ts: number, seq: number): void {
      moveCursor.run(ts, seq, id);
    },
    /** The replay caught up: from now on ingest keeps the funnel current. */
    finishFunnel(id: number): void {
      changed(finish.run(id));
    },
    funnelAttempt(profileId: number, funnelId: number): FunnelAttempt | undefined {
      return attempt.get(profileId, funnelId);
    },
    saveFunnelAttempt(profileId: number, funnelId: number, a: FunnelAttempt): void {
      saveAttempt.run(profileId, funnelId, a.step, a.startedAt, a.lastAt, a.source, a.device);
    },
    moveFunnelAttempts(into: number, from: number): void {
      moveAttempts.run(into, from);
      dropAttempts.run(from);
    },
    addFunnelStep(funnelId: number, day: number, step: number, source: string, device: string): void {
      addStep.run(funnelId, day, step, source, device);
    },
    addFunnelTime(funnelId: number, day: number, bucket: number): void {
      addTime.run(funnelId, day, bucket);
    },
    /** Attempts started in [from, to] by step, source and device. */
    funnelCounts(funnelId: number, from: number, to: number): FunnelCount[] {
      return counts.all(funnelId, from, to);
    },
    /** Completed attempts started in [from, to] by time-taken bucket. */
    funnelTimes(funnelId: number, from: number, to: number): { bucket: number; people: number }[] {
      return times.all(funnelId, from, to);
    },
    /** A page of a site's events after (ts, seq), in time order: what a funnel replay reads. */
    eventsForReplay(siteId: number, after: { ts: number; seq: number } | null, limit: number): ReplayedEvent[] {
      const { ts, seq } = after ?? { ts: Number.MIN_SAFE_INTEGER, seq: 0 };
      return replay.all(siteId, ts, ts, seq, limit);
    },
    firstEventTs(siteId: number): number | null {
      return firstTs.get(siteId)!.ts;
    },
    /** A visitor's person and first source, without the rest of the profile. */
    personOfVisitor(siteId: number, visitorId: string): { id: number; source: string } | undefined {
      return personOfVisitor.get(siteId, visitorId);
    },
  };
}
