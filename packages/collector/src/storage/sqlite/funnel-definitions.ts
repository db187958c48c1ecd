// Funnels as stored: their definitions, and how far a replay of a new or changed one got.
import type { Db } from './database.js';
import type { FunnelDefinitionStore } from '../funnels.js';
import type { Freshness } from './freshness.js';
import type { Funnel, FunnelDefinition } from '../../model/funnel.js';
import { definitionJson, toFunnel, type FunnelRow } from '../funnel-rows.js';

export function sqliteFunnelDefinitions(db: Db, fresh: Freshness): FunnelDefinitionStore {
  const bySite = db.prepare<[number], FunnelRow>('SELECT * FROM funnels WHERE site_id = ? ORDER BY id');
  const byId = db.prepare<[number, number], FunnelRow>('SELECT * FROM funnels WHERE site_id = ? AND id = ?');
  const byName = db.prepare<[number, string], { id: number }>('SELECT id FROM funnels WHERE site_id = ? AND name = ?');
  const computing = db.prepare<[], FunnelRow>('SELECT * FROM funnels WHERE computing = 1');
  const insert = db.prepare<[number, string, string, number, number], FunnelRow>(
    'INSERT INTO funnels (site_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const rename = db.prepare<[string, number, number, number], FunnelRow>('UPDATE funnels SET name = ?, updated_at = ? WHERE site_id = ? AND id = ? RETURNING *');
  const redefine = db.prepare<[string, string, number, number, number], FunnelRow>(
    `UPDATE funnels SET name = ?, definition = ?, updated_at = ?, generation = generation + 1, computing = 1, cursor_ts = NULL, cursor_seq = NULL
     WHERE site_id = ? AND id = ? RETURNING *`,
  );
  const remove = db.prepare<[number, number]>('DELETE FROM funnels WHERE site_id = ? AND id = ?');
  const clearComputed = ['funnel_progress', 'daily_funnel_steps', 'daily_funnel_times'].map((table) =>
    db.prepare<[number, number]>(`DELETE FROM ${table} WHERE site_id = ? AND funnel_id = ?`),
  );
  const isComputing = db.prepare<[number, number]>('SELECT 1 FROM funnels WHERE site_id = ? AND id = ? AND computing = 1');
  const moveCursor = db.prepare<[number, number, number, number]>('UPDATE funnels SET cursor_ts = ?, cursor_seq = ? WHERE site_id = ? AND id = ?');
  const finish = db.prepare<[number, number]>('UPDATE funnels SET computing = 0, cursor_ts = NULL, cursor_seq = NULL WHERE site_id = ? AND id = ?');

  // Every batch looks up its site's funnels: they are read from SQLite only after they change.
  // This connection's own writes clear the copy, and so does another's commit (freshness.ts).
  const setups = fresh.perSite((siteId): readonly Funnel[] => bySite.all(siteId).map(toFunnel));
  const { changed } = setups;

  return {
    /** A site's funnels as one array that stays the same object until one of them changes. */
    setup: async (id: number) => setups.get(id),
    async list(siteId: number): Promise<Funnel[]> {
      return bySite.all(siteId).map(toFunnel);
    },
    async find(siteId: number, id: number): Promise<Funnel | undefined> {
      const row = byId.get(siteId, id);
      return row && toFunnel(row);
    },
    async named(siteId: number, name: string): Promise<number | undefined> {
      return byName.get(siteId, name)?.id;
    },
    /** Funnels whose replay has not caught up yet, as after a restart in the middle of one. */
    async computing(): Promise<Funnel[]> {
      return computing.all().map(toFunnel);
    },
    async holdComputing(siteId: number, ids: readonly number[]): Promise<Set<number>> {
      return new Set(ids.filter((id) => isComputing.get(siteId, id) !== undefined));
    },
    async insert(siteId: number, definition: FunnelDefinition, now: number): Promise<Funnel> {
      return changed(toFunnel(insert.get(siteId, definition.name, definitionJson(definition), now, now)!));
    },
    /** A new name only: what was computed stays true. */
    async rename(siteId: number, id: number, name: string, now: number): Promise<Funnel | undefined> {
      const row = changed(rename.get(name, now, siteId, id));
      return row && toFunnel(row);
    },
    /** New steps or window: everything computed for the old ones is dropped, to be replayed. */
    async redefine(siteId: number, id: number, definition: FunnelDefinition, now: number): Promise<Funnel | undefined> {
      const row = changed(redefine.get(definition.name, definitionJson(definition), now, siteId, id));
      if (row) for (const statement of clearComputed) statement.run(siteId, id);
      return row && toFunnel(row);
    },
    async delete(siteId: number, id: number): Promise<boolean> {
      return changed(remove.run(siteId, id).changes === 1);
    },
    moveCursor(siteId: number, id: number, ts: number, seq: number): void {
      moveCursor.run(ts, seq, siteId, id);
    },
    /** The replay caught up: from now on ingest keeps the funnel current. */
    finish(siteId: number, id: number): void {
      changed(finish.run(siteId, id));
    },
  };
}
