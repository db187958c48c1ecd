// Funnels on PostgreSQL: their definitions, and how far a replay of a new or changed one got.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { FunnelDefinitionStore } from '../funnels.js';
import type { Funnel } from '../../model/funnel.js';
import { definitionJson, toFunnel, type FunnelRow } from '../funnel-rows.js';

const columns = 'id, site_id, name, definition, created_at, updated_at, generation, computing, cursor_ts, cursor_seq';

export function pgFunnelDefinitions(sql: Sql, copies: Copies): FunnelDefinitionStore {
  const bySite = async (siteId: number) => (await sql.rows<FunnelRow>(`SELECT ${columns} FROM funnels WHERE site_id = $1 ORDER BY id`, [siteId])).map(toFunnel);
  // Every batch looks up its site's funnels: they are read only after they change, here or in another collector.
  const setups = copies.perSite('funnels.setup', (siteId): Promise<readonly Funnel[]> => bySite(siteId));
  const { changed } = setups;

  return {
    setup: (siteId) => setups.get(siteId),
    list: bySite,
    /**
     * Locks the funnel's row until the transaction ends: a replay chunk reads its cursor here and moves
     * it at the end, so a second collector replaying the same funnel waits, then reads the moved cursor
     * (or the finished or redefined funnel) instead of replaying the same chunk again. NO KEY UPDATE
     * leaves ingest's rows that reference the funnel free to be written meanwhile.
     */
    async find(siteId, id) {
      const row = await sql.row<FunnelRow>(`SELECT ${columns} FROM funnels WHERE site_id = $1 AND id = $2 FOR NO KEY UPDATE`, [siteId, id]);
      return row && toFunnel(row);
    },
    async named(siteId, name) {
      return (await sql.row<{ id: number }>('SELECT id FROM funnels WHERE site_id = $1 AND name = $2', [siteId, name]))?.id;
    },
    async computing() {
      return (await sql.rows<FunnelRow>(`SELECT ${columns} FROM funnels WHERE computing = 1 ORDER BY id`)).map(toFunnel);
    },
    async holdComputing(siteId, ids) {
      // FOR SHARE waits for a chunk holding the row (find's NO KEY UPDATE) and then reads the row as it committed.
      const rows = await sql.rows<{ id: number }>(
        'SELECT id FROM funnels WHERE site_id = $1 AND id = ANY($2::bigint[]) AND computing = 1 ORDER BY id FOR SHARE',
        [siteId, [...ids]],
      );
      return new Set(rows.map((row) => row.id));
    },
    async insert(siteId, definition, now) {
      const row = await sql.row<FunnelRow>(
        `INSERT INTO funnels (site_id, name, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
        [siteId, definition.name, definitionJson(definition), now, now],
      );
      return changed(toFunnel(row!));
    },
    async rename(siteId, id, name, now) {
      const row = changed(
        await sql.row<FunnelRow>(`UPDATE funnels SET name = $1, updated_at = $2 WHERE site_id = $3 AND id = $4 RETURNING ${columns}`, [name, now, siteId, id]),
      );
      return row && toFunnel(row);
    },
    async redefine(siteId, id, definition, now) {
      const row = changed(
        await sql.row<FunnelRow>(
          `UPDATE funnels SET name = $1, definition = $2, updated_at = $3, generation = generation + 1, computing = 1, cursor_ts = NULL, cursor_seq = NULL
           WHERE site_id = $4 AND id = $5 RETURNING ${columns}`,
          [definition.name, definitionJson(definition), now, siteId, id],
        ),
      );
      if (row) {
        for (const table of ['funnel_progress', 'daily_funnel_steps', 'daily_funnel_times']) sql.run(`DELETE FROM ${table} WHERE site_id = $1 AND funnel_id = $2`, [siteId, id]);
      }
      return row && toFunnel(row);
    },
    async delete(siteId, id) {
      return changed((await sql.rows('DELETE FROM funnels WHERE site_id = $1 AND id = $2 RETURNING 1', [siteId, id])).length === 1);
    },
    moveCursor(siteId, id, ts, seq) {
      sql.run('UPDATE funnels SET cursor_ts = $1, cursor_seq = $2 WHERE site_id = $3 AND id = $4', [ts, seq, siteId, id]);
    },
    finish(siteId, id) {
      changed(sql.run('UPDATE funnels SET computing = 0, cursor_ts = NULL, cursor_seq = NULL WHERE site_id = $1 AND id = $2', [siteId, id]));
    },
  };
}
