// Event definitions as stored: one row per event name seen on a site.
import type { Db } from './database.js';
import type { DefinitionStore } from '../definitions.js';
import type { Freshness } from './freshness.js';
import type { DefinitionChanges, EventDefinition } from '../../model/definition.js';
import { toDefinition, type DefinitionRow } from '../definition-rows.js';

export function sqliteDefinitions(db: Db, fresh: Freshness): DefinitionStore {
  const byName = db.prepare<[number, string], DefinitionRow>('SELECT * FROM event_definitions WHERE site_id = ? AND name = ?');
  const bySite = db.prepare<[number], DefinitionRow>('SELECT * FROM event_definitions WHERE site_id = ? ORDER BY id');
  const ensure = db.prepare<[number, string, number, number]>(
    'INSERT OR IGNORE INTO event_definitions (site_id, name, points, created_at) VALUES (?, ?, ?, ?)',
  );
  const change = db.prepare(
    `UPDATE event_definitions SET
       points = coalesce(@points, points),
       rules = coalesce(@rules, rules),
       daily_cap = CASE WHEN @setCap THEN @dailyCap ELSE daily_cap END,
       hidden_at = CASE WHEN @shown IS NULL OR @shown = shown THEN hidden_at WHEN @shown = 0 THEN @now ELSE NULL END,
       shown = coalesce(@shown, shown)
     WHERE site_id = @siteId AND name = @name RETURNING *`,
  );
  // Every batch looks up its events' definitions: a site's are read from SQLite only after they change.
  const sites = fresh.perSite((siteId) => new Map(bySite.all(siteId).map((row) => [row.name, toDefinition(row)])));
  const ofSite = sites.get;

  return {
    /** A site's definitions by name, as one map that stays the same object until one of them changes. */
    ofSite: async (siteId: number) => ofSite(siteId),
    /** Creates the definitions of names seen for the first time, with their default points; returns all of the site's. */
    async ensure(siteId: number, names: { name: string; points: number }[], now: number): Promise<ReadonlyMap<string, EventDefinition>> {
      for (const { name, points } of names) ensure.run(siteId, name, points, now);
      sites.forget(siteId);
      return ofSite(siteId);
    },
    /** Sets what is given of a definition, creating it (with `defaultPoints`) when the name is new. Hiding stamps hidden_at. */
    async save(
      siteId: number,
      name: string,
      changes: DefinitionChanges,
      defaultPoints: number,
      now: number,
    ): Promise<EventDefinition> {
      ensure.run(siteId, name, defaultPoints, now);
      const row = change.get({
        siteId,
        name,
        now,
        points: changes.points ?? null,
        rules: changes.rules ? JSON.stringify(changes.rules) : null,
        setCap: changes.dailyCap === undefined ? 0 : 1,
        dailyCap: changes.dailyCap ?? null,
        shown: changes.shown === undefined ? null : changes.shown ? 1 : 0,
      }) as DefinitionRow;
      sites.forget(siteId);
      return toDefinition(row);
    },
    async find(siteId: number, name: string): Promise<EventDefinition | undefined> {
      const row = byName.get(siteId, name);
      return row && toDefinition(row);
    },
    async list(siteId: number): Promise<EventDefinition[]> {
      return bySite.all(siteId).map(toDefinition);
    },
  };
}
