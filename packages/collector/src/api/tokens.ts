// API tokens: made once and shown once, kept as a SHA-256, and checked per request against the site and scope asked for.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import type { ApiScope, ApiToken } from '../model/access.js';
import type { Site } from '../model/site.js';

/** The prefix makes a leaked token recognizable to secret scanners and to people. */
const prefix = 'pulse_';

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

export const scopesSchema = z
  .string()
  .transform((value) => [...new Set(value.split(',').map((s) => s.trim()))])
  .pipe(z.array(z.enum(['read', 'write'], { message: "each scope must be 'read' or 'write'" })).min(1))
  .transform((scopes) => scopes.sort() as ApiScope[]);

// A token is 32 random bytes: a fast hash is enough, there is nothing to guess at.
export const tokenHash = (token: string) => createHash('sha256').update(token).digest();

/** Makes a token for the site; the text returned is the only time it exists outside the caller's hands. */
export async function createApiToken(store: Pick<Store, 'transaction'>, site: Site, name: string, scopes: ApiScope[], now: number): Promise<string> {
  // Committed before the token is shown: it works at once, on any collector of the database.
  return store.transaction(async (tx) => {
    if (await tx.tokens.named(site.id, name)) throw new Error(`site ${site.key} has a token named '${name}' already`);
    const token = prefix + randomBytes(32).toString('base64url');
    tx.tokens.insert(site.id, name, tokenHash(token), scopes, now);
    return token;
  });
}

/** The stored token for an Authorization header's bearer token, or why there is none. */
export async function tokenOf(store: Pick<Store, 'tokens'>, header: string | undefined): Promise<ApiToken | { problem: string }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return { problem: 'authorization: send Authorization: Bearer <token> (make one with pulse token add)' };
  return await store.tokens.byHash(tokenHash(match[1]!)) ?? { problem: 'authorization: this token is unknown or was revoked' };
}
