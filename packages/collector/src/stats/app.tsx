// The stats page at /stats: sign-in, security headers, local assets, and the pages behind the session cookie.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { createMiddleware } from 'hono/factory';
import { checkAdminPassword } from './auth/password.js';
import { createThrottle } from '../throttle.js';
import { newSession, sessionCookie, sessionHash, sessionOf, sessionTtlMs } from './auth/sessions.js';
import { assetsRoute } from './assets.js';
import { LoginPage } from './pages/login.js';
import { sections } from './layout.js';
import type { StatsDeps, StatsEnv } from './env.js';
import { trafficPages } from './traffic-routes.js';
import { leadPages } from './lead-routes.js';
import { eventPages } from './event-routes.js';
import { rulePages } from './rule-routes.js';
import { funnelPages } from './funnel-routes.js';
import { segmentPages } from './segment-routes.js';
import { webhookPages } from './webhook-routes.js';
import { callPages } from './call-routes.js';
import { personalizePages } from './personalize-routes.js';
import { clusterPages } from './cluster-routes.js';
import { privacyPages } from './privacy-routes.js';

export function statsApp(deps: StatsDeps) {
  const { store, writer, now, clientAddress } = deps;
  const app = new Hono<StatsEnv>();
  const throttle = createThrottle();

  // Everything is served from here: no inline script or style, no other origin.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  // A form posted from another origin is refused before it reaches a handler.
  app.use('*', csrf());
  app.route('/assets', assetsRoute());

  const safeNext = (next: unknown) => (typeof next === 'string' && /^\/stats\/[a-z]*(\/\d+)?(\?[^\s]*)?$/.test(next) ? next : '/stats/');

  app.get('/login', (c) => c.html(<LoginPage next={safeNext(c.req.query('next'))} />));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const address = clientAddress(c);
    const next = safeNext(form.next);
    const wait = throttle.waitFor(address, now());
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return c.html(<LoginPage next={next} error={`Too many failed attempts. Try again in ${Math.ceil(wait / 60_000)} minutes.`} />, 429);
    }
    const password = typeof form.password === 'string' ? form.password : '';
    if (!(await checkAdminPassword(store, password))) {
      throttle.count(address, now());
      return c.html(<LoginPage next={next} error="That password is not right." />, 401);
    }
    throttle.forget(address);
    const { token, command } = newSession(now());
    await writer.run('signIn', command);
    setCookie(c, sessionCookie, token, { path: '/stats', httpOnly: true, sameSite: 'Strict', maxAge: sessionTtlMs / 1000, secure: new URL(c.req.url).protocol === 'https:' });
    return c.redirect(next, 303);
  });

  app.use('*', async (c, next) => {
    const session = await sessionOf(store, getCookie(c, sessionCookie), now());
    if (!session) {
      if (c.req.method !== 'GET') return c.text('sign in first', 401);
      return c.redirect(`/stats/login?next=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}`, 303);
    }
    c.set('session', session);
    await next();
  });
  // Every form a signed-in page posts carries the session's CSRF token as well.
  app.use(
    '*',
    createMiddleware<StatsEnv>(async (c, next) => {
      if (c.req.method === 'POST') {
        const form = await c.req.parseBody();
        if (form._csrf !== c.get('session').csrfToken) return c.text('_csrf: the form is stale or forged; reload the page', 403);
      }
      await next();
    }),
  );

  app.post('/logout', async (c) => {
    const token = getCookie(c, sessionCookie);
    if (token) await writer.run('signOut', { tokenHash: sessionHash(token) });
    deleteCookie(c, sessionCookie, { path: '/stats' });
    return c.redirect('/stats/login', 303);
  });

  // /stats and /stats/ (Hono routes them apart) both open the first section.
  const firstSection = (c: Context) => c.redirect(`/stats/${sections[0][0]}${new URL(c.req.url).search}`, 303);
  app.get('/', firstSection);
  app.get('/*', (c, next) => (c.req.path === '/stats/' ? firstSection(c) : next()));
  for (const area of [trafficPages, leadPages, eventPages, rulePages, funnelPages, personalizePages, segmentPages, callPages, webhookPages, clusterPages, privacyPages]) app.route('/', area(deps));
  return app;
}
