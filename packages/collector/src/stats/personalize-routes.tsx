// The Personalize section's routes: the placements list, the editor that creates and saves them, enabling, disabling and deleting, and seed 001's import.
import { Hono, type Context } from 'hono';
import type { Placement } from '@pulse/wire/personalization';
import { query, type PageContext } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { listedPlacements } from '../reports/personalization.js';
import { clusterChoices } from '../reports/clusters.js';
import { parsePlacement } from '../personalization/validate.js';
import { InputError, type Refusal } from '../validation.js';
import type { StoredPlacement } from '../model/personalization.js';
import { renamed } from './form-rows.js';
import { placementValues, readPlacementForm, type FormValues } from './placement-form.js';
import { PersonalizePage, type PersonalizeData } from './pages/personalize.js';
import { PlacementEditorPage } from './pages/placement-editor.js';

const done = { created: 'Placement created.', saved: 'Placement saved.', enabled: 'Placement enabled.', disabled: 'Placement disabled: its slots keep the page’s own content.', deleted: 'Placement deleted.', imported: 'Seed 001 imported.' } as const;
const slotPath = ':slot{[A-Za-z0-9][A-Za-z0-9_-]{0,63}}';
/** More slots than any page has: an import beyond it is a mistake, not a config. */
const maxImported = 200;

/** A saved placement as the writer saves one, its variants' ids kept so their views and clicks stay theirs. */
const placementOf = (stored: StoredPlacement, changes: Partial<Placement> = {}): Placement => ({
  id: stored.slot,
  label: stored.label,
  adaptive: stored.adaptive,
  disable: stored.disabled,
  auto_reload: stored.autoReloadS,
  variants: stored.variants.map(({ id, name, priority, when, content }) => ({ id, name, priority, when, content })),
  ...changes,
});

export function personalizePages(deps: StatsDeps): StatsApp {
  const { store, writer, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  const ctxOf = (c: Context<StatsEnv>) => contextOf(c, 'personalize');
  const back = (ctx: PageContext, key: keyof typeof done, anchor = '#placements') => `/stats/personalize${query(ctx, { done: key })}${anchor}`;
  const formOf = async (c: Context<StatsEnv>) => (await c.req.parseBody({ all: true })) as Record<string, unknown>;

  const list = async (c: Context<StatsEnv>, ctx: PageContext, extra: Pick<PersonalizeData, 'notice' | 'importRefused'> = {}, status: 200 | 400 = 200) => {
    const segmentNames = new Map((await store.segments.list(ctx.site.id)).flatMap((segment) => (segment.browserKey === null ? [] : [[segment.browserKey, segment.name] as const])));
    return c.html(<PersonalizePage ctx={ctx} data={{ placements: await listedPlacements(store, ctx.site.id, now()), segmentNames, ...extra }} />, status);
  };
  const editor = async (c: Context<StatsEnv>, ctx: PageContext, values: FormValues, slot?: string, refusal?: Refusal) => {
    const exposed = (await store.segments.list(ctx.site.id)).flatMap((segment) => (segment.browserKey === null ? [] : [{ key: segment.browserKey, name: segment.name }]));
    return c.html(<PlacementEditorPage ctx={ctx} values={values} slot={slot} refusal={refusal} exposed={exposed} clusters={await clusterChoices(store, ctx.site.id)} />, refusal ? 400 : 200);
  };
  const placementIn = (ctx: PageContext, c: Context<StatsEnv>) => store.personalization.placement(ctx.site.id, c.req.param('slot')!);
  const notFound = (c: Context<StatsEnv>) => c.text(`slot: no placement '${c.req.param('slot')}' on this site`, 404);

  app.get('/personalize', async (c) => {
    const ctx = await ctxOf(c);
    if (ctx instanceof Response) return ctx;
    const key = c.req.query('done');
    return list(c, ctx, key && key in done ? { notice: done[key as keyof typeof done] } : {});
  });
  app.get('/personalize/new', async (c) => {
    const ctx = await ctxOf(c);
    if (ctx instanceof Response) return ctx;
    return editor(c, ctx, { adaptive: ['desktop', 'tablet', 'phone'], enabled: 'on', auto_reload: '0' });
  });
  app.get(`/personalize/${slotPath}/edit`, async (c) => {
    const ctx = await ctxOf(c);
    if (ctx instanceof Response) return ctx;
    const placement = await placementIn(ctx, c);
    return placement ? await editor(c, ctx, placementValues(placement), placement.slot) : notFound(c);
  });

  // One handler creates a placement (no slot in the path) or saves one; the slot id of a saved one stays.
  const save = async (c: Context<StatsEnv>, slot?: string) => {
    const ctx = await ctxOf(c);
    if (ctx instanceof Response) return ctx;
    if (slot !== undefined && !await placementIn(ctx, c)) return notFound(c);
    const fields = await formOf(c);
    if (slot !== undefined) fields.id = slot;
    const values = fields as FormValues;
    const form = readPlacementForm(fields);
    if (form.refusal) return editor(c, ctx, values, slot, form.refusal);
    if (slot === undefined && await store.personalization.placement(ctx.site.id, form.placement.id)) {
      return editor(c, ctx, values, slot, { field: 'id', message: `id: the site has a placement '${form.placement.id}' already; edit that one, or choose another id` });
    }
    const saved = await writer.run('savePlacement', { siteId: ctx.site.id, placement: form.placement, now: now() });
    if ('field' in saved) return editor(c, ctx, values, slot, renamed(saved, form.fieldOf));
    return c.redirect(back(ctx, slot ? 'saved' : 'created'), 303);
  };
  app.post('/personalize/new', (c) => save(c));
  app.post(`/personalize/${slotPath}/edit`, (c) => save(c, c.req.param('slot')));

  app.post(`/personalize/${slotPath}/:change{enable|disable}`, async (c) => {
    const ctx = await ctxOf(c);
    if (ctx instanceof Response) return ctx;
    const placement = await placementIn(ctx, c);
    if (!placement) return notFound(c);
    const change = c.req.param('change') === 'enable' ? 'enabled' : 'disabled';
    await writer.run('savePlacement', { siteId: ctx.site.id, placement: placementOf(placement, { disable: change === 'disabled' }), now: now() });
    return c.redirect(back(ctx, change), 303);
  });
  app.post(`/personalize/${slotPath}/delete`, async (c) => {
    const ctx = await ctxOf(c);
    if (ctx instanceof Response) return ctx;
    if (!(await writer.run('deletePlacement', { siteId: ctx.site.id, slot: c.req.param('slot') }))) return notFound(c);
    return c.redirect(back(ctx, 'deleted'), 303);
  });

  app.post('/personalize/import', async (c) => {
    const ctx = await ctxOf(c);
    if (ctx instanceof Response) return ctx;
    const json = String((await formOf(c)).json ?? '');
    const refuse = (refusal: Refusal) => list(c, ctx, { importRefused: { json, refusal } }, 400);
    let slots: unknown;
    try {
      slots = JSON.parse(json);
    } catch (error) {
      return refuse({ field: 'json', message: `json: not JSON (${(error as Error).message})` });
    }
    if (!Array.isArray(slots) || slots.length === 0 || slots.length > maxImported) return refuse({ field: 'json', message: `json: seed 001's array of slots (1 to ${maxImported}), [{"id": 1, "label": "…", …}]` });
    const placements: Placement[] = [];
    for (const [index, slot] of slots.entries()) {
      try {
        placements.push(parsePlacement(slot));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return refuse({ field: `[${index}].${error.field}`, message: `[${index}].${error.message}` });
      }
    }
    const twice = placements.findIndex((placement, index) => placements.findIndex((other) => other.id === placement.id) !== index);
    if (twice !== -1) return refuse({ field: `[${twice}].id`, message: `[${twice}].id: slot id '${placements[twice]!.id}' comes twice` });
    const saved = await writer.run('savePlacements', { siteId: ctx.site.id, placements, now: now() });
    if ('field' in saved) return refuse(saved);
    return c.redirect(back(ctx, 'imported'), 303);
  });
  return app;
}
