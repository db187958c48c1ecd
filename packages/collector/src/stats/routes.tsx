// The stats page at /stats: sign-in, security headers, local assets, and the pages behind the session cookie.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { createMiddleware } from 'hono/factory';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { ProfileRules } from '../profiles/rules.js';
import { checkAdminPassword } from './auth/password.js';
import { createThrottle } from './auth/attempts.js';
import { newSession, sessionCookie, sessionHash, sessionOf, sessionTtlMs } from './auth/sessions.js';
import { assetsRoute } from './assets.js';
import { LoginPage } from './pages/login.js';
import { AudiencePage } from './pages/audience.js';
import { audienceOf } from './audience.js';
import { OverviewPage } from './pages/overview.js';
import { overviewOf } from './overview.js';
import { rangeOf } from './range.js';
import { sections, type PageContext, type Section } from './layout.js';
import { segmentRoutes } from './segment-routes.js';
import { eventRoutes } from './event-routes.js';
import { funnelRoutes } from './funnel-routes.js';
import { webhookRoutes } from './webhook-routes.js';
import { clusterRoutes } from './cluster-routes.js';
import { LeadsPage } from './pages/leads.js';
import { leadsOf, leadsQueryOf } from './leads.js';
import { PersonNotFoundPage, PersonPage } from './pages/person.js';
import { personOf } from './person.js';
import { privacyRoutes } from './privacy-routes.js';
import type { AdminSession } from '../model/access.js';

export interface StatsDeps {
  store: Store;
  writer: EngineWriter;
  profileRules: ProfileRules;
  now: () => number;
  /** The address a request came from, for throttling sign-ins. */
  clientAddress: (c: Context) => string;
  log: (message: string) => void;
}

export type Env = { Variables: { session: AdminSession } };
/** A section's page context from the request (its site and range), or the answer refusing a bad query. */
export type ContextOf = (c: Context<Env>, section: Section) => PageContext | Response;

export function statsRoute({ store, writer, profileRules, now, clientAddress, log }: StatsDeps) {
  const app = new Hono<Env>();
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
      throttle.failed(address, now());
      return c.html(<LoginPage next={next} error="That password is not right." />, 401);
    }
    throttle.succeeded(address);
    const { token, command } = newSession(now());
    await writer.run('signIn', command);
    setCookie(c, sessionCookie, token, { path: '/stats', httpOnly: true, sameSite: 'Strict', maxAge: sessionTtlMs / 1000, secure: new URL(c.req.url).protocol === 'https:' });
    return c.redirect(next, 303);
  });

  app.use('*', async (c, next) => {
    const session = sessionOf(store, getCookie(c, sessionCookie), now());
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
    createMiddleware<Env>(async (c, next) => {
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

  const contextOf: ContextOf = (c, section) => {
    const sites = store.sites.list();
    const { site: siteKey, ...rest } = c.req.query();
    const site = sites.find((s) => s.key === siteKey) ?? sites[0];
    if (!site) return c.text('No site yet: add one with `pulse site add DOMAIN`.', 404);
    const range = rangeOf(rest, now());
    if ('problem' in range) return c.text(range.problem, 400);
    return { section, site, sites, range: range.range, csrfToken: c.get('session').csrfToken };
  };

  // /stats and /stats/ (Hono routes them apart) both open the first section.
  const firstSection = (c: Context) => c.redirect(`/stats/${sections[0][0]}${new URL(c.req.url).search}`, 303);
  app.get('/', firstSection);
  app.get('/*', (c, next) => (c.req.path === '/stats/' ? firstSection(c) : next()));
  app.get('/overview', (c) => {
    const ctx = contextOf(c, 'overview');
    if (ctx instanceof Response) return ctx;
    return c.html(<OverviewPage ctx={ctx} overview={overviewOf(store, ctx.site.id, ctx.range, now())} />);
  });
  app.get('/audience', (c) => {
    const ctx = contextOf(c, 'audience');
    if (ctx instanceof Response) return ctx;
    return c.html(<AudiencePage ctx={ctx} audience={audienceOf(store, ctx.site.id, ctx.range)} />);
  });

  eventRoutes(app, { store, writer, now }, contextOf);
  funnelRoutes(app, { store, writer, now, log }, contextOf);
  segmentRoutes(app, { store, writer, profileRules, now }, contextOf);
  webhookRoutes(app, { store, now }, contextOf);
  clusterRoutes(app, { store, writer, profileRules, now, log }, contextOf);
  privacyRoutes(app, { store, writer, profileRules, now }, contextOf);
  app.get('/leads', (c) => {
    const ctx = contextOf(c, 'leads');
    if (ctx instanceof Response) return ctx;
    const asked = leadsQueryOf(c.req.query());
    if ('problem' in asked) return c.text(asked.problem, 400);
    const at = now();
    const leads = leadsOf(store, ctx.site.id, asked.query, at, profileRules);
    if ('problem' in leads) return c.text(leads.problem, 400);
    return c.html(<LeadsPage ctx={ctx} leads={leads} query={asked.query} now={at} rules={profileRules} />);
  });
  app.get('/leads/:id', (c) => {
    const ctx = contextOf(c, 'leads');
    if (ctx instanceof Response) return ctx;
    const id = c.req.param('id');
    const at = now();
    const person = /^\d{1,15}$/.test(id) ? personOf(store, ctx.site.id, Number(id), at, profileRules) : undefined;
    if (!person) return c.html(<PersonNotFoundPage ctx={ctx} id={id} />, 404);
    return c.html(<PersonPage ctx={ctx} person={person} now={at} />);
  });
  return app;
}
