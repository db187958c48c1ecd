// The placement editor's form as posted — fields named by the placement's own paths (variants[0].content.title) — turned into a placement by parsePlacement, and a saved placement back into those fields.
import type { Placement, Targeting, VariantInput } from '@pulse/wire/personalization';
import type { StoredPlacement } from '../model/personalization.js';
import { parsePlacement } from '../personalization/validate.js';
import { InputError, type Refusal } from '../validation.js';
import { formFieldOf, renamed, rowIndexes } from './form-rows.js';

/** A form as the editor posts and shows it: one value a field, a list for checkbox groups. */
export type FormValues = Record<string, string | string[]>;

/** The content fields of a variant, in the order the editor shows them. */
export const contentFields = ['title', 'text', 'link', 'cta', 'image', 'alt'] as const;
/** The targeting lists a variant's checkboxes post. */
export const targetLists = ['segments', 'groups', 'clusters', 'devices'] as const;
/** At most this many variant blocks are read from one post: the schema allows 20, and a forged form must not make the loop long. */
const maxBlocks = 30;

/** The form field of variant block `index`: `variants[0].content.title`. */
export const variantField = (index: number, path: string) => `variants[${index}].${path}`;

const one = (value: unknown) => (typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : '');
const many = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
const numberOr = (value: string, empty: number | undefined) => (value === '' ? empty : Number(value));

/** The targeting of block `index`: only the conditions given, so a block with none is the default. */
function targetingOf(form: Record<string, unknown>, index: number): Record<string, unknown> {
  const field = (path: string) => form[variantField(index, path)];
  const when: Record<string, unknown> = {};
  for (const list of targetLists) {
    const values = many(field(`when.${list}`));
    if (values.length) when[list] = list === 'clusters' ? values.map(Number) : values;
  }
  const match = one(field('when.url.match'));
  if (match === 'query') {
    const value = one(field('when.url.value'));
    when.url = { match, param: one(field('when.url.param')), ...(value ? { value } : {}) };
  } else if (match) when.url = { match, value: one(field('when.url.value')) };
  return when;
}

/** The content of block `index`: its fields given, or the provider's name and params (JSON). */
function contentOf(form: Record<string, unknown>, index: number): Record<string, unknown> {
  const field = (path: string) => one(form[variantField(index, `content.${path}`)]);
  if (field('kind') === 'provider') {
    const params = field('params');
    let parsed: unknown = {};
    try {
      if (params) parsed = JSON.parse(params);
    } catch (error) {
      const name = variantField(index, 'content.params');
      throw new InputError(400, name, `${name}: not JSON (${(error as Error).message}); write an object such as {"ownerId": 228129}`);
    }
    return { kind: 'provider', provider: field('provider'), params: parsed };
  }
  return Object.fromEntries([['kind', 'content'], ...contentFields.flatMap((name) => (field(name) ? [[name, field(name)]] : []))]);
}

/** A block the admin left empty (the spare one) or ticked to remove. */
function skipped(form: Record<string, unknown>, index: number): boolean {
  const field = (path: string) => one(form[variantField(index, path)]);
  if (field('remove') === 'on') return true;
  return !field('name') && contentFields.every((name) => !field(`content.${name}`)) && !field('content.provider') && !field('content.params');
}

/** What the form says: the placement, or why not with the field as the form names it (its block's index, not the placement's). */
export type PlacementForm = { placement: Placement; refusal?: undefined; fieldOf: (field: string) => string } | { placement?: undefined; refusal: Refusal; fieldOf?: undefined };

/** Reads a posted editor form through parsePlacement, the same check the API makes. */
export function readPlacementForm(form: Record<string, unknown>): PlacementForm {
  // The placement's variant k is the form's block blockOf[k]: skipped blocks leave gaps.
  const blockOf: number[] = [];
  const fieldOf = formFieldOf('variants', blockOf);
  try {
    const variants: VariantInput[] = [];
    for (const index of rowIndexes(form, 'variants', maxBlocks)) {
      if (skipped(form, index)) continue;
      const field = (path: string) => one(form[variantField(index, path)]);
      blockOf.push(index);
      variants.push({
        ...(field('id') ? { id: Number(field('id')) } : {}),
        name: field('name'),
        priority: numberOr(field('priority'), undefined),
        when: targetingOf(form, index) as Targeting,
        content: contentOf(form, index) as VariantInput['content'],
      } as VariantInput);
    }
    const placement = parsePlacement({
      id: one(form.id),
      label: one(form.label),
      adaptive: many(form.adaptive),
      disable: one(form.enabled) !== 'on',
      auto_reload: numberOr(one(form.auto_reload), 0),
      variants,
    });
    return { placement, fieldOf };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { refusal: renamed(error, fieldOf) };
  }
}

/** A saved placement as the editor's fields, so saving it unchanged saves the same placement. */
export function placementValues(placement: StoredPlacement): FormValues {
  const values: FormValues = {
    id: placement.slot,
    label: placement.label,
    adaptive: [...placement.adaptive],
    enabled: placement.disabled ? '' : 'on',
    auto_reload: String(placement.autoReloadS),
  };
  placement.variants.forEach((variant, index) => {
    const set = (path: string, value: string | string[] | undefined) => value !== undefined && (values[variantField(index, path)] = value);
    set('id', String(variant.id));
    set('name', variant.name);
    set('priority', String(variant.priority));
    const { content, when } = variant;
    set('content.kind', content.kind);
    if (content.kind === 'provider') {
      set('content.provider', content.provider);
      set('content.params', JSON.stringify(content.params, null, 2));
    } else for (const name of contentFields) set(`content.${name}`, content[name]);
    for (const list of targetLists) set(`when.${list}`, when[list]?.map(String));
    if (when.url) {
      set('when.url.match', when.url.match);
      set('when.url.value', when.url.value);
      if (when.url.match === 'query') set('when.url.param', when.url.param);
    }
  });
  return values;
}
