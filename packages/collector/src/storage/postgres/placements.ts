// Placements on PostgreSQL: their seed-001 fields, their variants in the order the browser tries them, and views and clicks per day.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { StoredPlacement, VariantTally } from '../../model/personalization.js';
import { placementsFromRows, type PlacementRow, type PlacementStore, type VariantRow } from '../placement-rows.js';

export function pgPlacements(sql: Sql, copies: Copies): PlacementStore {
  const placements = copies.perSite('personalization.placements', async (siteId): Promise<StoredPlacement[]> => {
    // Slots in byte order, as SQLite sorts text; the variant's id breaks ties SQLite leaves to rowid order.
    const rows = await sql.rows<PlacementRow>(
      `SELECT id, site_id, slot, label, adaptive, disabled, auto_reload_s, created_at, updated_at
       FROM placements WHERE site_id = $1 ORDER BY slot COLLATE "C"`,
      [siteId],
    );
    const variantRows = await sql.rows<VariantRow>(
      `SELECT id, placement_id, name, priority, targeting, content FROM placement_variants
       WHERE site_id = $1 ORDER BY placement_id, priority DESC, position, id`,
      [siteId],
    );
    return placementsFromRows(rows, variantRows);
  });

  return {
    placements: (siteId) => placements.get(siteId),
    placement: async (siteId, slot) => (await placements.get(siteId)).find((placement) => placement.slot === slot),
    async savePlacement(siteId, fields, variants, now) {
      // The upsert holds the placement's row to the end of the transaction: a second collector saving
      // the same slot waits here, then reads the variants the first one left.
      const { id } = (await sql.row<{ id: number }>(
        `INSERT INTO placements (site_id, slot, label, adaptive, disabled, auto_reload_s, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (site_id, slot) DO UPDATE SET label = excluded.label, adaptive = excluded.adaptive, disabled = excluded.disabled,
           auto_reload_s = excluded.auto_reload_s, updated_at = excluded.updated_at
         RETURNING id`,
        [siteId, fields.slot, fields.label, JSON.stringify(fields.adaptive), fields.disabled ? 1 : 0, fields.autoReloadS, now],
      ))!;
      const existing = new Set(
        (await sql.rows<{ id: number }>('SELECT id FROM placement_variants WHERE site_id = $1 AND placement_id = $2', [siteId, id])).map((row) => row.id),
      );
      variants.forEach((variant, position) => {
        const targeting = JSON.stringify(variant.when);
        const content = JSON.stringify(variant.content);
        // An id of another placement (or none) makes a new variant: its tallies stay where they were.
        if (variant.id !== undefined && existing.delete(variant.id)) {
          sql.run(
            'UPDATE placement_variants SET name = $1, priority = $2, position = $3, targeting = $4, content = $5 WHERE site_id = $6 AND id = $7 AND placement_id = $8',
            [variant.name, variant.priority, position, targeting, content, siteId, variant.id, id],
          );
        } else {
          sql.run('INSERT INTO placement_variants (site_id, placement_id, name, priority, position, targeting, content) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            siteId, id, variant.name, variant.priority, position, targeting, content,
          ]);
        }
      });
      if (existing.size > 0) sql.run('DELETE FROM placement_variants WHERE site_id = $1 AND id = ANY($2::bigint[])', [siteId, [...existing]]);
      placements.forget(siteId);
      return (await placements.get(siteId)).find((placement) => placement.id === id)!;
    },
    deletePlacement: async (siteId, slot) =>
      placements.changed((await sql.rows('DELETE FROM placements WHERE site_id = $1 AND slot = $2 RETURNING 1', [siteId, slot])).length > 0),
    addVariantDay: (siteId, variantId, day, views, clicks) =>
      sql.run(
        `INSERT INTO variant_days (site_id, variant_id, day, views, clicks) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (site_id, variant_id, day) DO UPDATE SET views = variant_days.views + excluded.views, clicks = variant_days.clicks + excluded.clicks`,
        [siteId, variantId, day, views, clicks],
      ),
    variantTallies: (siteId, fromDay, toDay) =>
      sql.rows<VariantTally>(
        `SELECT variant_id AS "variantId", sum(views)::bigint AS views, sum(clicks)::bigint AS clicks
         FROM variant_days WHERE site_id = $1 AND day BETWEEN $2 AND $3 GROUP BY variant_id ORDER BY variant_id`,
        [siteId, fromDay, toDay],
      ),
  };
}
