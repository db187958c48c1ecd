// Event definitions on PostgreSQL: one row per event name seen on a site.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { DefinitionStore } from '../definitions.js';
import type { DefinitionChanges } from '../../model/definition.js';
import { toDefinition, type DefinitionRow } from '../definition-rows.js';

const columns = 'id, site_id, name, points, shown, rules, daily_cap, hidden_at';

// 'defs' in ASCII, with the site's id: the advisory lock of creating a site's definitions.
const creatingLock = 0x64656673;

export function pgDefinitions(sql: Sql, copies: Copies): DefinitionStore {
  const bySite = (siteId: number) => sql.rows<DefinitionRow>(`SELECT ${columns} FROM event_definitions WHERE site_id = $1 ORDER BY id`, [siteId]);
  // Every batch looks up its events' definitions: a site's are read from PostgreSQL only after they change.
  const sites = copies.perSite('definitions.ofSite', async (siteId) => new Map((await bySite(siteId)).map((row) => [row.name, toDefinition(row)])));

  /** Creates the names not yet defined, ids in the order given as SQLite's inserts one by one take them. */
  const create = (siteId: number, names: { name: string; points: number }[], now: number) => {
    // Two collectors creating the same new names in different orders would each wait on the other's
    // rows: creating takes the site's turn first, held to the end of the transaction.
    sql.run('SELECT pg_advisory_xact_lock($1, $2)', [creatingLock, siteId]);
    sql.run(
      `INSERT INTO event_definitions (site_id, name, points, created_at)
       SELECT $1::bigint, n.name, n.points, $4::bigint FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS n(name, points, at) ORDER BY n.at
       ON CONFLICT (site_id, name) DO NOTHING`,
      [siteId, names.map((n) => n.name), names.map((n) => n.points), now],
    );
  };

  return {
    /** A site's definitions by name, as one map that stays the same object until one of them changes. */
    ofSite: (siteId) => sites.get(siteId),
    /** Creates the definitions of names seen for the first time, with their default points; returns all of the site's. */
    async ensure(siteId, names, now) {
      create(siteId, names, now);
      sites.forget(siteId);
      return sites.get(siteId);
    },
    /** Sets what is given of a definition, creating it (with `defaultPoints`) when the name is new. Hiding stamps hidden_at. */
    async save(siteId, name, changes: DefinitionChanges, defaultPoints, now) {
      create(siteId, [{ name, points: defaultPoints }], now);
      const row = await sql.row<DefinitionRow>(
        `UPDATE event_definitions SET
           points = coalesce($3::bigint, points),
           rules = coalesce($4::text, rules),
           daily_cap = CASE WHEN $5::boolean THEN $6::bigint ELSE daily_cap END,
           hidden_at = CASE WHEN $7::bigint IS NULL OR $7::bigint = shown THEN hidden_at WHEN $7::bigint = 0 THEN $8::bigint ELSE NULL END,
           shown = coalesce($7::bigint, shown)
         WHERE site_id = $1 AND name = $2 RETURNING ${columns}`,
        [
          siteId,
          name,
          changes.points ?? null,
          changes.rules ? JSON.stringify(changes.rules) : null,
          changes.dailyCap !== undefined,
          changes.dailyCap ?? null,
          changes.shown === undefined ? null : changes.shown ? 1 : 0,
          now,
        ],
      );
      sites.forget(siteId);
      return toDefinition(row!);
    },
    async find(siteId, name) {
      const row = await sql.row<DefinitionRow>(`SELECT ${columns} FROM event_definitions WHERE site_id = $1 AND name = $2`, [siteId, name]);
      return row && toDefinition(row);
    },
    async list(siteId) {
      return (await bySite(siteId)).map(toDefinition);
    },
  };
}
