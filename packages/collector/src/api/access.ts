// Who may call the API: a site's own token, with the scope the method needs, or the collector's admin token for anything.
import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Store } from '../storage/store.js';
import { tokenOf } from './tokens.js';
import type { Access, ApiEnv } from './env.js';

/** How often a token's last use is written: a busy integration should not cost a commit per request. */
const touchEveryMs = 60_000;

const bearer = (header: string | undefined) => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

/** Compares in time that does not depend on where the two differ. */
function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const refused = (status: 401 | 403 | 404, error: string, field: string) => Response.json({ error, field }, { status });

export interface AccessDeps {
  store: Pick<Store, 'sites' | 'tokens'>;
  adminToken: string;
  now: () => number;
  /** Records that a token was used at a moment (through the writer). */
  touch: (tokenId: number, at: number) => void;
}

/**
 * For routes under /api/v1/sites/:site. A site token must belong to the site in the path (any
 * other site is answered as unknown, so keys cannot be probed) and carry the scope the method
 * needs: read for GET and HEAD, write for the rest. The admin token opens every site.
 */
export function siteAccess({ store, adminToken, now, touch }: AccessDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    const admin = same(bearer(header) ?? '', adminToken);
    const token = admin ? null : await tokenOf(store, header);
    if (token && 'problem' in token) return refused(401, token.problem, 'authorization');
    const site = await store.sites.byKey(c.req.param('site')!);
    if (!site || (token && site.id !== token.siteId)) return refused(404, `site: no site '${c.req.param('site')}' for this token`, 'site');
    const scope = c.req.method === 'GET' || c.req.method === 'HEAD' ? 'read' : 'write';
    const access: Access = token ? { by: token.name, admin: false, scopes: token.scopes } : { by: 'admin', admin: true, scopes: ['read', 'write'] };
    if (!access.scopes.includes(scope)) return refused(403, `authorization: this token lacks the ${scope} scope`, 'authorization');
    const at = now();
    if (token && (token.lastUsedAt === null || at - token.lastUsedAt >= touchEveryMs)) touch(token.id, at);
    c.set('site', site);
    c.set('access', access);
    await next();
  });
}

/** For the collector-wide routes (the retention period): the admin token only; `read` lets any site token read. */
export function collectorAccess({ store, adminToken }: Pick<AccessDeps, 'store' | 'adminToken'>, { anyTokenReads = false } = {}) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (same(bearer(header) ?? '', adminToken)) return next();
    const token = await tokenOf(store, header);
    if ('problem' in token) return refused(401, token.problem, 'authorization');
    if (!(anyTokenReads && c.req.method === 'GET')) return refused(403, "authorization: this route needs the collector's admin token", 'authorization');
    await next();
  });
}
