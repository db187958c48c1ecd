// API tokens: each site's named tokens with their scopes, found by the hash of the token.
import type { Db } from './database.js';
import type { TokenStore } from '../tokens.js';
import type { ApiScope, ApiToken } from '../../model/access.js';

type Row = Omit<ApiToken, 'scopes'> & { scopes: string };
const columns = 'id, site_id AS siteId, name, scopes, created_at AS createdAt, last_used_at AS lastUsedAt';
const toToken = (row: Row): ApiToken => ({ ...row, scopes: row.scopes.split(',') as ApiScope[] });

export function sqliteTokens(db: Db): TokenStore {
  const insert = db.prepare<[number, string, Buffer, string, number]>(
    'INSERT INTO api_tokens (site_id, name, hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[Buffer], Row>(`SELECT ${columns} FROM api_tokens WHERE hash = ?`);
  const ofSite = db.prepare<[number], Row>(`SELECT ${columns} FROM api_tokens WHERE site_id = ? ORDER BY name`);
  const named = db.prepare<[number, string]>('SELECT 1 FROM api_tokens WHERE site_id = ? AND name = ?');
  const remove = db.prepare<[number, string]>('DELETE FROM api_tokens WHERE site_id = ? AND name = ?');
  const touch = db.prepare<[number, number]>('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  return {
    insert(siteId: number, name: string, hash: Buffer, scopes: ApiScope[], now: number): void {
      insert.run(siteId, name, hash, scopes.join(','), now);
    },
    async byHash(hash: Buffer): Promise<ApiToken | undefined> {
      const row = byHash.get(hash);
      return row && toToken(row);
    },
    async named(siteId: number, name: string): Promise<boolean> {
      return named.get(siteId, name) !== undefined;
    },
    async list(siteId: number): Promise<ApiToken[]> {
      return ofSite.all(siteId).map(toToken);
    },
    /** Whether a token of that name existed (and is now gone). */
    async revoke(siteId: number, name: string): Promise<boolean> {
      return remove.run(siteId, name).changes > 0;
    },
    touch(id: number, at: number): void {
      touch.run(at, id);
    },
  };
}
