// The placement editor: a placement's seed 001 fields and its variants — content or a provider block, who sees each, its priority — with a refusal shown beside the field it names.
import type { Child } from 'hono/jsx';
import { deviceClasses, groups } from '@pulse/wire/personalization';
import { Page, query, type PageContext } from '../layout.js';
import { contentFields, variantField, type FormValues } from '../placement-form.js';
import type { ClusterChoice } from '../../reports/clusters.js';
import type { Refusal } from '../../validation.js';
import { Notice } from './segment-parts.js';
import { urlMatches } from '../personalization-text.js';

/** A segment variants may target: one shown to browsers, by its key. */
export interface ExposedSegment {
  key: string;
  name: string;
}

export interface EditorProps {
  ctx: PageContext;
  values: FormValues;
  /** The slot being edited; a new placement has none. */
  slot?: string;
  refusal?: Refusal;
  exposed: ExposedSegment[];
  clusters: ClusterChoice[];
}

const contentLabels: Record<(typeof contentFields)[number], [string, string, number]> = {
  title: ['Title', 'New running shoes', 200],
  text: ['Text', 'Light, cushioned, made for the long run.', 1000],
  link: ['Link', '/catalog/shoes or https://…', 2048],
  cta: ['Button words', 'See the shoes', 100],
  image: ['Image URL', 'https://… or /img/hero.jpg', 2048],
  alt: ['Image description (alt)', 'A runner on a forest trail', 300],
};

/** What the form posted or holds for a field. */
const valueOf = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
};
const listOf = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === 'string' ? [value] : (value ?? []);
};

/** The refusal's message without its field, beside the field it names (or one of its items, for a list). */
function FieldError(props: { refusal: Refusal | undefined; field: string }) {
  const { refusal, field } = props;
  if (!refusal || !(refusal.field === field || refusal.field.startsWith(`${field}[`))) return null;
  return <span class="field-error">{refusal.message.slice(refusal.field.length + 2)}</span>;
}

export function PlacementEditorPage(props: EditorProps) {
  const { ctx, values, slot, refusal } = props;
  const q = query(ctx, {});
  const bad = (field: string) => (refusal?.field === field ? 'true' : undefined);
  const text = (name: string, attrs: { placeholder?: string; maxlength?: number; required?: boolean; readonly?: boolean; type?: string; min?: string; max?: string }) => (
    <input type={attrs.type ?? 'text'} name={name} value={valueOf(values, name)} aria-invalid={bad(name)} {...attrs} />
  );
  // The blocks saved, then empty ones to fill in: two for a new placement (a targeted variant and the default), one more when editing.
  const filled = new Set(Object.keys(values).flatMap((key) => /^variants\[(\d+)\]\./.exec(key)?.[1] ?? []).map(Number));
  const next = filled.size ? Math.max(...filled) + 1 : 0;
  const blocks = [...[...filled].sort((a, b) => a - b), ...Array.from({ length: slot ? 1 : Math.max(1, 2 - filled.size) }, (_, i) => next + i)];
  return (
    <Page ctx={ctx} title={slot ? `Placement ${slot}` : 'New placement'} ranges={false}>
      <p class="crumbs">
        <a href={`/stats/personalize${q}`}>← All placements</a>
      </p>
      <form class="card placement-form" method="post" action={slot ? `/stats/personalize/${slot}/edit${q}` : `/stats/personalize/new${q}`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Notice error text={refusal && `The placement was not saved. ${refusal.message}`} />
        <div class="form-grid">
          <label>
            <span>
              Slot id <span class="sub">(data-pulse-slot)</span>
            </span>
            {text('id', { placeholder: 'hero', maxlength: 64, required: true, readonly: slot !== undefined })}
            <FieldError refusal={refusal} field="id" />
          </label>
          <label>
            Label
            {text('label', { placeholder: 'Home page hero', maxlength: 200, required: true })}
            <FieldError refusal={refusal} field="label" />
          </label>
          <label>
            <span>
              Auto reload <span class="sub">(seconds; 0: never)</span>
            </span>
            {text('auto_reload', { type: 'number', min: '0', max: '86400', placeholder: '0' })}
            <FieldError refusal={refusal} field="auto_reload" />
          </label>
        </div>
        <fieldset class="checks-line">
          <legend>Shown on</legend>
          {deviceClasses.map((device) => (
            <label class="check">
              <input type="checkbox" name="adaptive" value={device} checked={listOf(values, 'adaptive').includes(device)} /> {device}
            </label>
          ))}
          <FieldError refusal={refusal} field="adaptive" />
        </fieldset>
        <label class="check">
          <input type="checkbox" name="enabled" checked={valueOf(values, 'enabled') === 'on'} /> Enabled: pages fill the slot (off: the slot keeps the page's own content)
        </label>
        <h2 class="variants-title">Variants</h2>
        <p class="note lead-note">
          The browser tries the variants by priority, highest first, and shows the first whose conditions all hold; a variant without conditions is the
          default. Leave a block empty to skip it; save to get another empty one.
        </p>
        <ol class="variant-blocks">
          {blocks.map((index) => (
            <VariantBlock {...props} index={index} saved={filled.has(index) && valueOf(values, variantField(index, 'id')) !== ''} />
          ))}
        </ol>
        <div class="form-actions">
          <button type="submit" class="primary">
            {slot ? 'Save placement' : 'Create placement'}
          </button>
          <a href={`/stats/personalize${q}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}

function VariantBlock(props: EditorProps & { index: number; saved: boolean }) {
  const { values, refusal, index } = props;
  const name = (path: string) => variantField(index, path);
  const value = (path: string) => valueOf(values, name(path));
  const bad = (path: string) => (refusal?.field === name(path) ? 'true' : undefined);
  const error = (path: string) => <FieldError refusal={refusal} field={name(path)} />;
  const kind = value('content.kind') || 'content';
  const check = (path: string, option: string, label: Child) => (
    <label class="check">
      <input type="checkbox" name={name(path)} value={option} checked={listOf(values, name(path)).includes(option)} /> {label}
    </label>
  );
  return (
    <li class={refusal?.field.startsWith(`${name('')}`) ? 'variant invalid' : 'variant'} data-variant={index}>
      {value('id') && <input type="hidden" name={name('id')} value={value('id')} />}
      <div class="variant-head">
        <label class="grow">
          Variant name
          <input type="text" name={name('name')} value={value('name')} maxlength={100} placeholder={index === 0 ? 'Shoe lovers' : 'Everyone else'} aria-invalid={bad('name')} />
          {error('name')}
        </label>
        <label class="narrow">
          Priority
          <input type="number" name={name('priority')} value={value('priority')} min="0" max="1000" placeholder="0" aria-invalid={bad('priority')} />
          {error('priority')}
        </label>
        {props.saved && (
          <label class="check remove">
            <input type="checkbox" name={name('remove')} /> Remove
          </label>
        )}
      </div>
      <fieldset class="checks-line kind">
        <legend>Shows</legend>
        <label class="check">
          <input type="radio" name={name('content.kind')} value="content" checked={kind === 'content'} /> Content
        </label>
        <label class="check">
          <input type="radio" name={name('content.kind')} value="provider" checked={kind === 'provider'} /> A provider block (your site's renderer)
        </label>
      </fieldset>
      {error('content')}
      <div class="form-grid content-fields">
        {contentFields.map((field) => {
          const [label, placeholder, max] = contentLabels[field];
          return (
            <label class={field === 'text' || field === 'title' ? 'wide' : undefined}>
              {label}
              {field === 'text' ? (
                <textarea name={name('content.text')} rows={2} maxlength={max} placeholder={placeholder} aria-invalid={bad('content.text')}>
                  {value('content.text')}
                </textarea>
              ) : (
                <input type="text" name={name(`content.${field}`)} value={value(`content.${field}`)} maxlength={max} placeholder={placeholder} aria-invalid={bad(`content.${field}`)} />
              )}
              {error(`content.${field}`)}
            </label>
          );
        })}
      </div>
      <div class="form-grid provider-fields">
        <label>
          Provider
          <input type="text" name={name('content.provider')} value={value('content.provider')} maxlength={32} placeholder="adfox" aria-invalid={bad('content.provider')} />
          {error('content.provider')}
        </label>
        <label class="wide">
          Params (JSON)
          <textarea name={name('content.params')} rows={4} spellcheck={false} placeholder={'{"ownerId": 228129, "params": {"pp": "g"}}'} aria-invalid={bad('content.params')}>
            {value('content.params')}
          </textarea>
          {error('content.params')}
        </label>
      </div>
      <details class="targeting" open={Object.keys(values).some((key) => key.startsWith(name('when.')) && valueOf(values, key) !== '') || refusal?.field.startsWith(name('when'))}>
        <summary>Who sees it</summary>
        <fieldset class="checks-line">
          <legend>In a segment</legend>
          {props.exposed.map((segment) => check('when.segments', segment.key, <span>{segment.name} <code>{segment.key}</code></span>))}
          {listOf(values, name('when.segments'))
            .filter((key) => !props.exposed.some((segment) => segment.key === key))
            .map((key) => check('when.segments', key, <span>{key} <span class="sub">(no segment shows this key now)</span></span>))}
          {props.exposed.length === 0 && (
            <span class="note">
              No segment is shown to browsers yet: give one a browser key on its edit page (<a href={`/stats/segments${query(props.ctx, {})}`}>Segments</a>) to
              target it here.
            </span>
          )}
          {error('when.segments')}
        </fieldset>
        <fieldset class="checks-line">
          <legend>Group</legend>
          {groups.map((group) => check('when.groups', group, group))}
        </fieldset>
        <fieldset class="checks-line">
          <legend>Cluster</legend>
          {props.clusters.map((c) => check('when.clusters', String(c.cluster), <span>{c.cluster} <span class="sub">{c.words.slice(0, 3).join(', ')}</span></span>))}
          {props.clusters.length === 0 && <span class="note">No clusters fitted yet.</span>}
        </fieldset>
        <fieldset class="checks-line">
          <legend>Device</legend>
          {deviceClasses.map((device) => check('when.devices', device, device))}
        </fieldset>
        <div class="form-grid url-fields">
          <label>
            Pages
            <select name={name('when.url.match')} aria-invalid={bad('when.url.match')}>
              {urlMatches.map(([match, label]) => (
                <option value={match} selected={value('when.url.match') === match}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label class="url-value">
            Path, expression or value
            <input type="text" name={name('when.url.value')} value={value('when.url.value')} maxlength={2048} placeholder="/catalog/shoes" aria-invalid={bad('when.url.value')} />
            {error('when.url.value')}
          </label>
          <label class="url-param">
            Query parameter
            <input type="text" name={name('when.url.param')} value={value('when.url.param')} maxlength={64} placeholder="utm_campaign" aria-invalid={bad('when.url.param')} />
            {error('when.url.param')}
          </label>
        </div>
        {error('when.url')}
      </details>
    </li>
  );
}
