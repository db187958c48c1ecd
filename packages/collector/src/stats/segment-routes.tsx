// The Segments section's routes: the list and presets, the form, a segment's members and CSV, and deletion.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { ProfileRules } from '../profiles/rules.js';
import { saveSegment } from '../jobs/segments.js';
import { presetKinds, presetSegment, presets, type PresetKind } from '../segments/presets.js';
import { presetFields } from '../segments/preset-fields.js';
import { firstIssue } from '../validation.js';
import { Page, query, type PageContext } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { membersCsv, membersPage, membersPerPage, segmentsOverview } from '../reports/segments.js';
import { clusterChoices } from '../reports/clusters.js';
import { blankRow, formOf, readSegmentForm, rowsRule } from './segment-form.js';
import { SegmentsPage, type PresetProblem } from './pages/segments.js';
import { SegmentFormPage } from './pages/segment-form.js';
import { DeleteSegmentPage, SegmentMembersPage } from './pages/segment-members.js';
import { noticeOf } from './pages/segment-parts.js';
import { readBrowserKey } from './browser-key.js';


type AnyContext = Context<StatsEnv>;

const pagingSchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

export function segmentPages(deps: StatsDeps): StatsApp {
  const { store, writer, profileRules, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  const saving = { writer, store, rules: profileRules, now };
  const segmentCtx = (c: AnyContext) => contextOf(c, 'segments');
  /** The segment named by the path, on the page's site. */
  const segmentIn = (c: AnyContext, ctx: PageContext) => store.segments.find(ctx.site.id, Number(c.req.param('id')));
  const notFound = (c: AnyContext, ctx: PageContext) => {
    const id = c.req.param('id');
    return c.html(
      <Page ctx={ctx} title="Segment not found">
        <section class="card">
          <p class="empty">There is no segment {id} on {ctx.site.key}.</p>
          <p>
            <a href={`/stats/segments${query(ctx, {})}`}>All segments</a>
          </p>
        </section>
      </Page>,
      404,
    );
  };
  const rowOf = (ctx: PageContext, id: number) => segmentsOverview(store, ctx.site.id, ctx.range, id);

  app.get('/segments', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    return c.html(<SegmentsPage ctx={ctx} overview={await segmentsOverview(store, ctx.site.id, ctx.range)} notice={noticeOf(c.req.query('notice'))} />);
  });

  app.get('/segments/new', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    const rows = [{ ...blankRow('event'), days: '30', n: '1' }];
    const state = { name: '', match: 'all' as const, rows, json: JSON.stringify(rowsRule('all', rows), null, 2), jsonOnly: false };
    return c.html(<SegmentFormPage ctx={ctx} state={state} clusters={await clusterChoices(store, ctx.site.id)} browserKey="" />);
  });

  const save = async (c: AnyContext, id: number | undefined) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    if (id !== undefined && !await segmentIn(c, ctx)) return notFound(c, ctx);
    const body = await c.req.parseBody({ all: true });
    const outcome = readSegmentForm(body);
    const browserKey = readBrowserKey(body.browser_key);
    const render = async (status: 200 | 400, error = outcome.error, segmentId = id) =>
      c.html(<SegmentFormPage
          ctx={ctx}
          state={outcome.state}
          segmentId={segmentId}
          error={error}
          jsonOpen={outcome.source === 'json'}
          clusters={await clusterChoices(store, ctx.site.id)}
          browserKey={browserKey.typed}
        />, status);
    if (outcome.error) return render(400);
    if (outcome.source === 'preview') return render(200);
    // A key of the wrong shape is refused before anything is saved.
    if ('refusal' in browserKey) return render(400, { message: browserKey.refusal.message, field: 'browser_key' });
    const { name } = outcome.state;
    const saved = await saveSegment(saving, ctx.site.id, { id, name, rules: outcome.rules! });
    if (!saved) return notFound(c, ctx);
    if ('field' in saved) return render(400, { message: saved.message });
    const exposed = await writer.run('exposeSegment', { siteId: ctx.site.id, segmentId: saved.id, key: browserKey.key });
    // The rules are saved by now: the form goes on as the saved segment's, so sending it again does not make another.
    if ('field' in exposed) return render(400, { message: `The segment was saved, its browser key was not. ${exposed.message}`, field: 'browser_key' }, saved.id);
    return c.redirect(`/stats/segments/${saved.id}${query(ctx, { notice: 'saved' })}`, 303);
  };
  app.post('/segments/new', (c) => save(c, undefined));
  app.post('/segments/:id{[0-9]+}/edit', (c) => save(c, Number(c.req.param('id'))));

  app.get('/segments/:id{[0-9]+}/edit', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    const segment = await segmentIn(c, ctx);
    if (!segment) return notFound(c, ctx);
    return c.html(<SegmentFormPage ctx={ctx} state={formOf(segment.name, segment.rules)} segmentId={segment.id} clusters={await clusterChoices(store, ctx.site.id)} browserKey={segment.browserKey ?? ''} />);
  });

  app.get('/segments/:id{[0-9]+}', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    const segment = await segmentIn(c, ctx);
    if (!segment) return notFound(c, ctx);
    const paging = pagingSchema.safeParse(c.req.query());
    if (!paging.success) return c.text(firstIssue(paging.error).message, 400);
    const overview = await rowOf(ctx, segment.id);
    const { members, next } = await membersPage(store, segment, paging.data.after, membersPerPage, profileRules, now());
    return c.html(
      <SegmentMembersPage
        ctx={ctx}
        row={overview.rows[0]!}
        days={overview.days}
        members={members}
        next={next}
        page={paging.data.page}
        notice={noticeOf(c.req.query('notice'))}
      />,
    );
  });

  app.get('/segments/:id{[0-9]+}/members.csv', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    const segment = await segmentIn(c, ctx);
    if (!segment) return notFound(c, ctx);
    // The name is the admin's but may hold anything: only safe characters reach the header.
    const slug = segment.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'segment';
    return c.body(membersCsv(store, segment, profileRules, now()), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${slug}-${segment.id}-members.csv"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/segments/:id{[0-9]+}/delete', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    const segment = await segmentIn(c, ctx);
    if (!segment) return notFound(c, ctx);
    return c.html(<DeleteSegmentPage ctx={ctx} row={(await rowOf(ctx, segment.id)).rows[0]!} />);
  });

  app.post('/segments/:id{[0-9]+}/delete', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    const segment = await segmentIn(c, ctx);
    if (!segment) return notFound(c, ctx);
    if ((await c.req.parseBody()).confirm !== 'yes') return c.redirect(`/stats/segments/${segment.id}/delete${query(ctx, {})}`, 303);
    await writer.run('deleteSegment', { siteId: ctx.site.id, id: segment.id });
    return c.redirect(`/stats/segments${query(ctx, { notice: 'deleted' })}`, 303);
  });

  // Turning a preset on, or tuning one that is on (`segment`): it writes its rule segment, named after its focus.
  app.post('/segments/presets/:kind', async (c) => {
    const ctx = await segmentCtx(c);
    if (ctx instanceof Response) return ctx;
    const kind = c.req.param('kind') as PresetKind;
    if (!presetKinds.includes(kind)) return c.text(`kind: no preset '${kind}' (there are ${presetKinds.join(', ')})`, 404);
    const body = await c.req.parseBody();
    const values: Record<string, string> = {};
    for (const field of presetFields(kind)) {
      const value = body[`p.${field.key}`];
      if (typeof value === 'string') values[field.key] = value.slice(0, 200);
    }
    const segments = await store.segments.list(ctx.site.id);
    const tuned = typeof body.segment === 'string' ? segments.find((s) => String(s.id) === body.segment) : undefined;
    if (typeof body.segment === 'string' && !tuned) return notFound(c, ctx);
    const refuse = async (message: string) =>
      c.html(
        <SegmentsPage
          ctx={ctx}
          overview={await segmentsOverview(store, ctx.site.id, ctx.range)}
          problem={{ kind, segmentId: tuned?.id, message: `${presets[kind].label}: ${message}`, values } satisfies PresetProblem}
        />,
        400,
      );
    let written: Awaited<ReturnType<typeof presetSegment>>;
    try {
      written = presetSegment(kind, paramsOf(kind, values));
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      const { field, message } = firstIssue(error);
      return refuse(field === 'body' ? error.issues[0]!.message : message);
    }
    const sameName = segments.find((s) => s.name === written.name);
    if (tuned && sameName && sameName.id !== tuned.id) return refuse(`'${written.name}' is on already`);
    await saveSegment(saving, ctx.site.id, { id: (tuned ?? sameName)?.id, name: written.name, rules: written.rules });
    return c.redirect(`/stats/segments${query(ctx, { notice: 'preset' })}#preset-${kind}`, 303);
  });
  return app;
}

/** The typed values of a preset form: empty fields are left out so the preset's defaults apply. */
function paramsOf(kind: PresetKind, values: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of presetFields(kind)) {
    const value = values[field.key]?.trim() ?? '';
    if (value === '') continue;
    params[field.key] = field.type === 'number' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return params;
}
