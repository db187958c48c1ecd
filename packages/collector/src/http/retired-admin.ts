// The admin API that was: /v1/admin paths answer 308 with their address in the one REST API under /api/v1, which takes the same admin token.
import { Hono } from 'hono';

/** Where an old path lives now: the same path under /api/v1, but the top profiles, which are the profile list. */
export function newAdminPath(oldPath: string): string {
  const rest = oldPath.replace(/^\/v1\/admin/, '');
  return `/api/v1${rest.replace(/^(\/sites\/[^/]+\/profiles)\/top$/, '$1')}`;
}

export function retiredAdminApp() {
  const app = new Hono();
  // 308 keeps the method and body, so a client that follows redirects goes on working.
  app.all('*', (c) => c.redirect(newAdminPath(c.req.path) + new URL(c.req.url).search, 308));
  return app;
}
