// API tokens: each site's named tokens with their scopes, found by the hash of the token.
import type { ApiScope, ApiToken } from '../model/access.js';

export interface TokenStore {
  insert(siteId: number, name: string, hash: Buffer<ArrayBufferLike>, scopes: ApiScope[], now: number): void;
  byHash(hash: Buffer<ArrayBufferLike>): Promise<ApiToken | undefined>;
  named(siteId: number, name: string): Promise<boolean>;
  list(siteId: number): Promise<ApiToken[]>;
  /** Whether a token of that name existed (and is now gone). */
  revoke(siteId: number, name: string): Promise<boolean>;
  touch(id: number, at: number): void;
}
