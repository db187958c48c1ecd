// API tokens on PostgreSQL: each site's named tokens with their scopes, found by the hash of the token.
import type { Sql } from './sql.js';
import type { TokenStore } from '../tokens.js';
import type { ApiScope, ApiToken } from '../../model/access.js';

type Row = Omit<ApiToken, 'scopes'> & { scopes: string };
const columns = 'id, site_id AS "siteId", name, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt"';
const toToken = (row: Row): ApiToken => ({ ...row, scopes: row.scopes.split(',') as ApiScope[] });

export function pgTokens(sql: Sql): TokenStore {
  return {
    insert(siteId, name, hash, scopes, now) {
      sql.run('INSERT INTO api_tokens (site_id, name, hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5)', [siteId, name, hash, scopes.join(','), now]);
    },
    async byHash(hash) {
      const row = await sql.row<Row>(`SELECT ${columns} FROM api_tokens WHERE hash = $1`, [hash]);
      return row && toToken(row);
    },
    async named(siteId, name) {
      return (await sql.row('SELECT 1 FROM api_tokens WHERE site_id = $1 AND name = $2', [siteId, name])) !== undefined;
    },
    async list(siteId) {
      // Byte order, as SQLite sorts text, whatever the database's collation.
      return (await sql.rows<Row>(`SELECT ${columns} FROM api_tokens WHERE site_id = $1 ORDER BY name COLLATE "C"`, [siteId])).map(toToken);
    },
    /** Whether a token of that name existed (and is now gone). */
    async revoke(siteId, name) {
      return (await sql.rows('DELETE FROM api_tokens WHERE site_id = $1 AND name = $2 RETURNING 1', [siteId, name])).length > 0;
    },
    touch(id, at) {
      sql.run('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
  };
}
