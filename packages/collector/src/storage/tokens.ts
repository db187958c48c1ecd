// API tokens: each site's named tokens with their scopes, found by the hash of the token.
import type { ApiScope, ApiToken } from '../model/access.js';

export interface TokenStore {
  insert(siteId: number, name: string, hash: Buffer<ArrayBufferLike>, scopes: ApiScope[], now: number): void;
  byHash(hash: Buffer<ArrayBufferLike>): ApiToken | undefined;
  named(siteId: number, name: string): boolean;
  list(siteId: number): ApiToken[];
  /** Whether a token of that name existed (and is now gone). */
  revoke(siteId: number, name: string): boolean;
  touch(id: number, at: number): void;
}
