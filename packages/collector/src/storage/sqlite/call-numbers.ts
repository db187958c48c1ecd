// Call tracking's configuration as stored: a site's call settings, its pools, and the numbers it owns.
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { CallNumber, CallPool } from '../../model/call.js';
import { numberColumns, poolColumns, settingsColumns, toSettings, type NumberStore, type SettingsRow } from '../call-rows.js';

export function sqliteCallNumbers(db: Db, fresh: Freshness): NumberStore {
  const settings = db.prepare<[number], SettingsRow>(`SELECT ${settingsColumns} FROM call_settings WHERE site_id = ?`);
  const insertSettings = db.prepare<[number, string, Buffer]>('INSERT OR IGNORE INTO call_settings (site_id, signing_secret, hash_salt) VALUES (?, ?, ?)');
  const storeCallers = db.prepare<[number, number]>('UPDATE call_settings SET store_callers = ? WHERE site_id = ?');
  const signingSecret = db.prepare<[string, number]>('UPDATE call_settings SET signing_secret = ? WHERE site_id = ?');
  const widget = db.prepare<[string, number]>('UPDATE call_settings SET widget = ? WHERE site_id = ?');
  const pools = db.prepare<[number], CallPool>(`SELECT ${poolColumns} FROM call_pools WHERE site_id = ? ORDER BY id`);
  const insertPool = db.prepare<[number, string, string, string | null, string | null, number, number]>(
    'INSERT INTO call_pools (site_id, name, default_number, published_number, selector, hold_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updatePool = db.prepare<[string, string, string | null, string | null, number, number]>(
    'UPDATE call_pools SET name = ?, default_number = ?, published_number = ?, selector = ?, hold_ms = ? WHERE id = ?',
  );
  const deletePool = db.prepare<[number, number]>('DELETE FROM call_pools WHERE site_id = ? AND id = ?');
  const numbers = db.prepare<[number], CallNumber>(`SELECT ${numberColumns} FROM call_numbers WHERE site_id = ? ORDER BY pool_id IS NULL, pool_id, number`);
  const numberOf = db.prepare<[string], CallNumber>(`SELECT ${numberColumns} FROM call_numbers WHERE number = ?`);
  const poolNumbers = db.prepare<[number], { id: number; number: string }>('SELECT id, number FROM call_numbers WHERE pool_id = ?');
  const insertNumber = db.prepare<[number, string, number | null, string | null, string | null]>(
    'INSERT INTO call_numbers (site_id, number, pool_id, source, campaign) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteNumber = db.prepare<[number, number]>('DELETE FROM call_numbers WHERE site_id = ? AND id = ?');
  const poolCopy = fresh.perSite((siteId) => pools.all(siteId));

  return {
    async settings(siteId) {
      const row = settings.get(siteId);
      return row && toSettings(row);
    },
    async ensureSettings(siteId, signingSecret, hashSalt) {
      insertSettings.run(siteId, signingSecret, hashSalt);
      return toSettings(settings.get(siteId)!);
    },
    setStoreCallers(siteId, on) {
      storeCallers.run(on ? 1 : 0, siteId);
    },
    setSigningSecret(siteId, secret) {
      signingSecret.run(secret, siteId);
    },
    setWidget(siteId, json) {
      widget.run(json, siteId);
    },
    pools: async (siteId) => poolCopy.get(siteId),
    async insertPool(siteId, f, now) {
      const id = Number(insertPool.run(siteId, f.name, f.defaultNumber, f.publishedNumber, f.selector, f.holdMs, now).lastInsertRowid);
      return poolCopy.changed(id);
    },
    updatePool(id, f) {
      updatePool.run(f.name, f.defaultNumber, f.publishedNumber, f.selector, f.holdMs, id);
      poolCopy.changed(undefined);
    },
    deletePool: async (siteId, id) => poolCopy.changed(deletePool.run(siteId, id).changes > 0),
    numbers: async (siteId) => numbers.all(siteId),
    numberOf: async (number) => numberOf.get(number),
    setPoolNumbers(siteId, poolId, wanted) {
      const keep = new Set(wanted);
      const have = poolNumbers.all(poolId);
      for (const { id, number } of have) if (!keep.has(number)) deleteNumber.run(siteId, id);
      const had = new Set(have.map(({ number }) => number));
      for (const number of wanted) if (!had.has(number)) insertNumber.run(siteId, number, poolId, null, null);
    },
    insertStaticNumber: async (siteId, number, source, campaign) => Number(insertNumber.run(siteId, number, null, source, campaign).lastInsertRowid),
    deleteNumber: async (siteId, id) => deleteNumber.run(siteId, id).changes > 0,
  };
}
