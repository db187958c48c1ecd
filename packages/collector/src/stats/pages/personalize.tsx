// The Personalize page: the site's placements with their variants' week, the markup and CSS that put one on a page, and seed 001's import.
import { Page, query, type PageContext } from '../layout.js';
import type { ListedPlacement, ListedVariant } from '../../reports/personalization.js';
import { targetingText } from '../personalization-text.js';
import type { Refusal } from '../../validation.js';
import { DataTable } from './table.js';
import { Notice } from './segment-parts.js';

export interface PersonalizeData {
  placements: ListedPlacement[];
  /** Segment names by browser key, to say who a variant is for. */
  segmentNames: ReadonlyMap<string, string>;
  notice?: string;
  /** A refused import, shown again with its text. */
  importRefused?: { json: string; refusal: Refusal };
}

/** What a page holds back until Pulse fills its slots: at most a second, so a page without Pulse still shows its own content. */
export const antiFlickerCss = '[data-pulse-slot]:not([data-pulse-filled]){visibility:hidden;animation:pulse-reveal 0s 1s forwards}@keyframes pulse-reveal{to{visibility:visible}}';

const count = (n: number) => n.toLocaleString('en');
const ctr = (variant: ListedVariant) => (variant.views7d === 0 ? '—' : `${(Math.round((variant.clicks7d / variant.views7d) * 1000) / 10).toLocaleString('en')}%`);

function Variants(props: { placement: ListedPlacement; segmentNames: ReadonlyMap<string, string> }) {
  const { placement } = props;
  if (placement.variants.length === 0) return <span class="muted">No variants: the slot keeps the page's own content.</span>;
  return (
    <ul class="variant-list">
      {placement.variants.map((variant) => (
        <li data-variant-id={variant.id}>
          <div class="variant-line">
            <span class="variant-name">{variant.name}</span>
            {variant.content.kind === 'provider' && <span class="badge">provider block</span>}
            <span class="variant-priority" title="Priority: higher is tried first">
              priority {variant.priority}
            </span>
          </div>
          <div class="variant-who">{targetingText(variant.when, props.segmentNames)}</div>
          <div class="variant-figures" data-figures>
            <span><b>{count(variant.views7d)}</b> views</span>
            <span><b>{count(variant.clicks7d)}</b> clicks</span>
            <span><b>{ctr(variant)}</b> CTR</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function PersonalizePage(props: { ctx: PageContext; data: PersonalizeData }) {
  const { ctx, data } = props;
  const q = query(ctx, {});
  const csrf = <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
  const example = data.placements[0]?.slot ?? 'hero';
  return (
    <Page ctx={ctx} title="Personalize" ranges={false}>
      <Notice text={data.notice} />
      <section class="card" id="placements">
        <div class="card-head">
          <h2>Placements</h2>
          <a class="button" href={`/stats/personalize/new${q}`}>
            New placement
          </a>
        </div>
        <p class="note lead-note">
          A placement is a box on your pages that Pulse fills with the first of its variants whose conditions the visitor meets. Views and clicks are
          counted over the last 7 days.
        </p>
        <DataTable
          scroll="table-scroll"
          class="placements"
          columns={['Slot', 'Devices', 'Auto reload', 'Variants', [<span class="visually-hidden">Actions</span>, 'actions-col']]}
          items={[...data.placements].sort((a, b) => a.slot.localeCompare(b.slot, 'en', { numeric: true }))}
          empty="No placements yet. Create one, or import seed 001's slots below."
          row={(placement) => (
            <tr data-slot={placement.slot} class={placement.disabled ? 'off' : undefined}>
              <td data-label="Slot">
                <span class="slot-label">{placement.label}</span>
                <code class="slot-id">{placement.slot}</code>
                <span class={placement.disabled ? 'state' : 'state on'}>{placement.disabled ? 'Disabled' : 'Enabled'}</span>
              </td>
              <td data-label="Devices">{placement.adaptive.join(', ')}</td>
              <td data-label="Auto reload">{placement.autoReloadS === 0 ? 'never' : `every ${placement.autoReloadS} s`}</td>
              <td data-label="Variants" class="variants-cell">
                <Variants placement={placement} segmentNames={data.segmentNames} />
              </td>
              <td class="row-actions">
                <a href={`/stats/personalize/${placement.slot}/edit${q}`} aria-label={`Edit ${placement.label}`}>
                  Edit
                </a>
                <form method="post" action={`/stats/personalize/${placement.slot}/${placement.disabled ? 'enable' : 'disable'}${q}`} class="inline">
                  {csrf}
                  <button type="submit" class="small secondary">{placement.disabled ? 'Enable' : 'Disable'}</button>
                </form>
                <form method="post" action={`/stats/personalize/${placement.slot}/delete${q}`} class="inline">
                  {csrf}
                  <button type="submit" class="small secondary danger-text" aria-label={`Delete ${placement.label}`}>
                    Delete
                  </button>
                </form>
              </td>
            </tr>
          )}
        />
      </section>
      <section class="card" id="markup">
        <h2>Put a placement on your pages</h2>
        <p class="note lead-note">Where the box goes, an element with the slot id; give it the height of its content so a variant never moves the page:</p>
        <pre class="json snippet" data-snippet>{`<div data-pulse-slot="${example}"></div>`}</pre>
        <p class="note">
          And once, in your CSS, the line that keeps an unfilled slot hidden until Pulse fills it — a second at most, then your page's own content shows:
        </p>
        <pre class="json snippet" data-anti-flicker>{antiFlickerCss}</pre>
        <p class="note">
          In a single-page app, call <code>pulse.slot('{example}')</code> after rendering the element.
        </p>
      </section>
      <section class="card" id="import">
        <h2>Import seed 001 JSON</h2>
        <p class="note lead-note">
          Paste the seed's array of slots: each becomes a placement whose one variant hands its provider block (adfox, yandex…) to your site's
          renderer. All are saved, or none when one is refused; a slot id saved already is replaced.
        </p>
        <form method="post" action={`/stats/personalize/import${q}`} class="import-form">
          {csrf}
          <Notice error text={data.importRefused && `Nothing was imported. ${data.importRefused.refusal.message}`} />
          <textarea name="json" rows={8} spellcheck={false} aria-label="Seed 001 JSON" aria-invalid={data.importRefused ? 'true' : undefined} placeholder='[{"id": 1, "label": "100%×150_Branding_desktop", "provider": "adfox", …}]'>
            {data.importRefused?.json ?? ''}
          </textarea>
          <div class="form-actions">
            <button type="submit" class="primary">Import</button>
          </div>
        </form>
      </section>
    </Page>
  );
}
