// Placements as stored: their seed-001 fields, their variants in the order the browser tries them, and views and clicks per day.
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { StoredPlacement, VariantTally } from '../../model/personalization.js';
import { placementsFromRows, type PlacementRow, type PlacementStore, type VariantRow } from '../placement-rows.js';

export function sqlitePlacements(db: Db, fresh: Freshness): PlacementStore {
  const bySite = db.prepare<[number], PlacementRow>('SELECT * FROM placements WHERE site_id = ? ORDER BY slot');
  const variantsOfSite = db.prepare<[number], VariantRow>(
    'SELECT * FROM placement_variants WHERE site_id = ? ORDER BY placement_id, priority DESC, position',
  );
  const upsert = db.prepare<[number, string, string, string, number, number, number, number], { id: number }>(
    `INSERT INTO placements (site_id, slot, label, adaptive, disabled, auto_reload_s, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (site_id, slot) DO UPDATE SET label = excluded.label, adaptive = excluded.adaptive, disabled = excluded.disabled,
       auto_reload_s = excluded.auto_reload_s, updated_at = excluded.updated_at
     RETURNING id`,
  );
  const variantIds = db.prepare<[number, number], { id: number }>('SELECT id FROM placement_variants WHERE site_id = ? AND placement_id = ?').pluck();
  const insertVariant = db.prepare<[number, number, string, number, number, string, string]>(
    'INSERT INTO placement_variants (site_id, placement_id, name, priority, position, targeting, content) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updateVariant = db.prepare<[string, number, number, string, string, number, number]>(
    'UPDATE placement_variants SET name = ?, priority = ?, position = ?, targeting = ?, content = ? WHERE id = ? AND placement_id = ?',
  );
  const removeVariant = db.prepare<[number, number]>('DELETE FROM placement_variants WHERE site_id = ? AND id = ?');
  const remove = db.prepare<[number, string]>('DELETE FROM placements WHERE site_id = ? AND slot = ?');
  const addDay = db.prepare<[number, number, number, number, number]>(
    `INSERT INTO variant_days (site_id, variant_id, day, views, clicks) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET views = views + excluded.views, clicks = clicks + excluded.clicks`,
  );
  const tallies = db.prepare<[number, number, number], VariantTally>(
    `SELECT variant_id AS variantId, sum(views) AS views, sum(clicks) AS clicks
     FROM variant_days WHERE site_id = ? AND day BETWEEN ? AND ? GROUP BY variant_id`,
  );

  const copies = fresh.perSite((siteId): StoredPlacement[] => placementsFromRows(bySite.all(siteId), variantsOfSite.all(siteId)));

  return {
    placements: async (siteId: number) => copies.get(siteId),
    placement: async (siteId, slot) => copies.get(siteId).find((placement) => placement.slot === slot),
    async savePlacement(siteId, fields, variants, now) {
      const { id } = upsert.get(siteId, fields.slot, fields.label, JSON.stringify(fields.adaptive), fields.disabled ? 1 : 0, fields.autoReloadS, now, now)!;
      const existing = new Set(variantIds.all(siteId, id) as unknown as number[]);
      variants.forEach((variant, position) => {
        const targeting = JSON.stringify(variant.when);
        const content = JSON.stringify(variant.content);
        // An id of another placement (or none) makes a new variant: its tallies stay where they were.
        if (variant.id !== undefined && existing.delete(variant.id)) updateVariant.run(variant.name, variant.priority, position, targeting, content, variant.id, id);
        else insertVariant.run(siteId, id, variant.name, variant.priority, position, targeting, content);
      });
      for (const gone of existing) removeVariant.run(siteId, gone);
      copies.forget(siteId);
      return copies.get(siteId).find((placement) => placement.id === id)!;
    },
    deletePlacement: async (siteId, slot) => copies.changed(remove.run(siteId, slot).changes > 0),
    addVariantDay: (siteId, variantId, day, views, clicks) => void addDay.run(siteId, variantId, day, views, clicks),
    variantTallies: async (siteId, fromDay, toDay) => tallies.all(siteId, fromDay, toDay),
  };
}
