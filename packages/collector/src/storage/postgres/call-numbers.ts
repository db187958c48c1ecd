// Call tracking's configuration on PostgreSQL: a site's call settings, its pools, and the numbers it owns.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { CallNumber, CallPool } from '../../model/call.js';
import { numberColumns, poolColumns, settingsColumns, toSettings, type NumberStore, type SettingsRow } from '../call-rows.js';

export function pgCallNumbers(sql: Sql, copies: Copies): NumberStore {
  const settings = async (siteId: number) => {
    const row = await sql.row<SettingsRow>(`SELECT ${settingsColumns} FROM call_settings WHERE site_id = $1`, [siteId]);
    return row && toSettings(row);
  };
  const poolCopy = copies.perSite('calls.pools', (siteId) => sql.rows<CallPool>(`SELECT ${poolColumns} FROM call_pools WHERE site_id = $1 ORDER BY id`, [siteId]));

  return {
    settings,
    async ensureSettings(siteId, signingSecret, hashSalt) {
      // Two collectors making them at once: the second waits for the first's commit, keeps its row, and reads it.
      sql.run('INSERT INTO call_settings (site_id, signing_secret, hash_salt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [siteId, signingSecret, hashSalt]);
      return (await settings(siteId))!;
    },
    setStoreCallers(siteId, on) {
      sql.run('UPDATE call_settings SET store_callers = $1 WHERE site_id = $2', [on ? 1 : 0, siteId]);
    },
    setSigningSecret(siteId, secret) {
      sql.run('UPDATE call_settings SET signing_secret = $1 WHERE site_id = $2', [secret, siteId]);
    },
    setWidget(siteId, json) {
      sql.run('UPDATE call_settings SET widget = $1 WHERE site_id = $2', [json, siteId]);
    },
    pools: (siteId) => poolCopy.get(siteId),
    async insertPool(siteId, f, now) {
      const { id } = (await sql.row<{ id: number }>(
        `INSERT INTO call_pools (site_id, name, default_number, published_number, selector, hold_ms, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [siteId, f.name, f.defaultNumber, f.publishedNumber, f.selector, f.holdMs, now],
      ))!;
      return poolCopy.changed(id);
    },
    updatePool(id, f) {
      sql.run('UPDATE call_pools SET name = $1, default_number = $2, published_number = $3, selector = $4, hold_ms = $5 WHERE id = $6', [
        f.name, f.defaultNumber, f.publishedNumber, f.selector, f.holdMs, id,
      ]);
      poolCopy.changed(undefined);
    },
    deletePool: async (siteId, id) =>
      poolCopy.changed((await sql.rows('DELETE FROM call_pools WHERE site_id = $1 AND id = $2 RETURNING 1', [siteId, id])).length > 0),
    // COLLATE "C": SQLite orders text by its bytes, whatever the database's locale.
    numbers: (siteId) =>
      sql.rows<CallNumber>(`SELECT ${numberColumns} FROM call_numbers WHERE site_id = $1 ORDER BY pool_id IS NULL, pool_id, number COLLATE "C"`, [siteId]),
    numberOf: (number) => sql.row<CallNumber>(`SELECT ${numberColumns} FROM call_numbers WHERE number = $1`, [number]),
    setPoolNumbers(siteId, poolId, wanted) {
      // SQLite's read of the pool's numbers and its loops as two writes: the missing go (the site's
      // own only), then the new come in the order given, so their ids (and the order free ones are
      // handed out in) are SQLite's. A number listed twice fails on the unique number, as there.
      sql.run('DELETE FROM call_numbers WHERE pool_id = $2 AND site_id = $1 AND number <> ALL($3::text[])', [siteId, poolId, wanted]);
      sql.run(
        `INSERT INTO call_numbers (site_id, number, pool_id)
         SELECT $1::bigint, w.number, $2::bigint FROM unnest($3::text[]) WITH ORDINALITY AS w (number, i)
         WHERE NOT EXISTS (SELECT 1 FROM call_numbers n WHERE n.pool_id = $2 AND n.number = w.number) ORDER BY w.i`,
        [siteId, poolId, wanted],
      );
    },
    insertStaticNumber: async (siteId, number, source, campaign) =>
      (await sql.row<{ id: number }>('INSERT INTO call_numbers (site_id, number, source, campaign) VALUES ($1, $2, $3, $4) RETURNING id', [siteId, number, source, campaign]))!.id,
    deleteNumber: async (siteId, id) => (await sql.rows('DELETE FROM call_numbers WHERE site_id = $1 AND id = $2 RETURNING 1', [siteId, id])).length > 0,
  };
}
