// The stats page at /stats: sign-in, security headers, local assets, and the pages behind the session cookie.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { createMiddleware } from 'hono/factory';
import type { AdminSession, Store } from '../storage/store.js';
import type { Writer } from '../ingest/writer.js';
import type { ProfileRules } from '../profiles/rules.js';
import { checkAdminPassword } from './auth/password.js';
import { createThrottle } from './auth/attempts.js';
import { sessionCookie, sessionOf, sessionTtlMs, signIn, signOut } from './auth/sessions.js';
import { assetsRoute } from './assets.js';
import { LoginPage } from './pages/login.js';
import { AudiencePage } from './pages/audience.js';
import { audienceOf } from './audience.js';
import { OverviewPage } from './pages/overview.js';
import { overviewOf } from './overview.js';
import { rangeOf } from './range.js';
import { query, sections, type PageContext, type Section } from './layout.js';
import { EventsPage, type Notice } from './pages/events.js';
import { eventFormSchema, eventsOf } from './events.js';
import { firstIssue } from '../validation.js';
import type { DefinitionChanges } from '../score/definition.js';
import { FunnelPage, FunnelsPage, funnelPath } from './pages/funnels.js';
import { FunnelFormPage } from './pages/funnel-form.js';
import { funnelReport, funnelSummary } from './funnels.js';
import { blankFunnelForm, formOfFunnel, parseFunnelForm, readFunnelForm, type FunnelForm } from '../funnels/form.js';
import { deleteFunnel, saveFunnel } from '../funnels/save.js';
import { replayProgress } from '../funnels/backfill.js';
import type { Funnel } from '../storage/store.js';
import { segmentRoutes } from './segment-routes.js';
import { LeadsPage } from './pages/leads.js';
import { leadsOf, leadsQueryOf } from './leads.js';
import { PersonNotFoundPage, PersonPage } from './pages/person.js';
import { personOf } from './person.js';

export interface StatsDeps {
  store: Store;
  writer: Writer;
  profileRules: ProfileRules;
  now: () => number;
  /** The address a request came from, for throttling sign-ins. */
  clientAddress: (c: Context) => string;
  log: (message: string) => void;
}

export type Env = { Variables: { session: AdminSession } };

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
    const { token } = await writer.submit(() => signIn(store, now()));
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
    if (token) await writer.submit(() => signOut(store, token));
    deleteCookie(c, sessionCookie, { path: '/stats' });
    return c.redirect('/stats/login', 303);
  });

  const contextOf = (c: Context<Env>, section: Section): PageContext | Response => {
    const sites = store.listSites();
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

  const eventsPage = (c: Context<Env>, ctx: PageContext, notice?: Notice, status: 200 | 400 = 200) =>
    c.html(<EventsPage ctx={ctx} events={eventsOf(store, ctx.site.id, ctx.range)} notice={notice} />, status);
  const doneText = { saved: (name: string) => `Saved “${name}”.`, hide: (name: string) => `Hid “${name}”: it is in the archive below.`, show: (name: string) => `“${name}” is shown again.` };
  app.get('/events', (c) => {
    const ctx = contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    const [, id, done] = /^(\d+)\.(saved|hide|show)$/.exec(c.req.query('done') ?? '') ?? [];
    const definition = id ? store.listDefinitions(ctx.site.id).find((d) => d.id === Number(id)) : undefined;
    return eventsPage(c, ctx, definition && { kind: 'done', text: doneText[done as keyof typeof doneText](definition.name) });
  });
  // One handler for the row's form (points, daily cap) and its hide / unhide buttons.
  const changeEvent = async (c: Context<Env>, change: 'saved' | 'hide' | 'show') => {
    const ctx = contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    const id = Number(c.req.param('id'));
    const definition = store.listDefinitions(ctx.site.id).find((d) => d.id === id);
    if (!definition) return c.text(`id: no event ${c.req.param('id')} on this site`, 404);
    let changes: DefinitionChanges = { shown: change === 'show' };
    if (change === 'saved') {
      const form = eventFormSchema.safeParse(await c.req.parseBody());
      if (!form.success) return eventsPage(c, ctx, { kind: 'error', id, text: `“${definition.name}” was not saved. ${firstIssue(form.error).message}` }, 400);
      changes = form.data;
    }
    await writer.submit(() => store.saveDefinition(ctx.site.id, definition.name, changes, definition.points, now()));
    return c.redirect(`/stats/events${query(ctx, { done: `${id}.${change}` })}#row-${id}`, 303);
  };
  app.post('/events/:id{[0-9]+}', (c) => changeEvent(c, 'saved'));
  app.post('/events/:id{[0-9]+}/:change{hide|show}', (c) => changeEvent(c, c.req.param('change') as 'hide' | 'show'));
  const funnelOf = (ctx: PageContext, id: string) => {
    const funnel = store.findFunnel(Number(id));
    return funnel?.siteId === ctx.site.id ? funnel : undefined;
  };
  const noFunnel = (c: Context) => c.text('No such funnel on this site.', 404);
  const eventNames = (siteId: number) => store.listDefinitions(siteId).filter((d) => d.shown).map((d) => d.name);
  const formPage = (c: Context, ctx: PageContext, form: FunnelForm, funnel?: Funnel, error?: string) =>
    c.html(<FunnelFormPage ctx={ctx} form={form} funnel={funnel} events={eventNames(ctx.site.id)} error={error} />, error ? 400 : 200);
  /** Saves what the form says, or shows it again with what is wrong: nothing is stored from a refused form. */
  const submitFunnel = async (c: Context<Env>, ctx: PageContext, funnel?: Funnel) => {
    const form = readFunnelForm(await c.req.parseBody({ all: true }));
    const parsed = parseFunnelForm(form);
    if ('message' in parsed) return formPage(c, ctx, form, funnel, parsed.message);
    const answer = await saveFunnel({ store, writer, log, now }, ctx.site.id, funnel?.id, parsed.definition);
    if (!answer) return noFunnel(c);
    if ('message' in answer) return formPage(c, ctx, form, funnel, answer.message);
    return c.redirect(funnelPath(ctx, answer.funnel), 303);
  };

  app.get('/funnels', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnels = store.listFunnels(ctx.site.id).map((funnel) => ({
      funnel,
      summary: funnelSummary(store, funnel, ctx.range),
      computing: replayProgress(store, funnel, now()),
    }));
    return c.html(<FunnelsPage ctx={ctx} funnels={funnels} />);
  });
  app.get('/funnels/new', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    return formPage(c, ctx, blankFunnelForm);
  });
  app.post('/funnels', async (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    return submitFunnel(c, ctx);
  });
  app.get('/funnels/:id{[0-9]+}', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return c.html(<FunnelPage ctx={ctx} funnel={funnel} report={funnelReport(store, funnel, ctx.range, now())} />);
  });
  app.get('/funnels/:id{[0-9]+}/edit', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return formPage(c, ctx, formOfFunnel(funnel), funnel);
  });
  app.post('/funnels/:id{[0-9]+}', async (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return submitFunnel(c, ctx, funnel);
  });
  app.post('/funnels/:id{[0-9]+}/delete', async (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    await deleteFunnel({ store, writer }, ctx.site.id, funnel.id);
    return c.redirect(`/stats/funnels${query(ctx, {})}`, 303);
  });
  segmentRoutes(app, { store, writer, profileRules, now }, contextOf);
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
