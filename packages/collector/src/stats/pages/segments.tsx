// The Segments page: every segment's size, change and trend, and the smart presets to turn on and tune.
import { Chart, Page, query, type PageContext } from '../layout.js';
import type { SegmentRow, SegmentsOverview } from '../../reports/segments.js';
import { presetKinds, presets, type PresetKind } from '../../segments/presets.js';
import { presetFields } from '../../segments/preset-fields.js';
import { Change, Notice, Sparkline, isoDate } from './segment-parts.js';
import { DataTable } from './table.js';

/** A preset form that was refused: shown again in its card with what was typed. */
export interface PresetProblem {
  kind: PresetKind;
  segmentId: number | undefined;
  message: string;
  values: Record<string, string>;
}

const chartedAtMost = 6;

export function SegmentsPage(props: { ctx: PageContext; overview: SegmentsOverview; notice?: string | undefined; problem?: PresetProblem }) {
  const { ctx, overview } = props;
  const q = query(ctx, {});
  const charted = [...overview.rows].sort((a, b) => b.size - a.size).slice(0, chartedAtMost);
  return (
    <Page ctx={ctx} title="Segments">
      <Notice text={props.notice} />
      <section class="card">
        <div class="card-head">
          <h2>Segments</h2>
          <a class="button" href={`/stats/segments/new${q}`}>
            New segment
          </a>
        </div>
        {overview.rows.length === 0 ? (
          <p class="empty">No segments yet. Create one from rules, or turn on a smart preset below.</p>
        ) : (
          <>
            <Chart
              label="Segment sizes per day"
              days={overview.days}
              series={charted.map((row) => ({ label: row.segment.name, values: row.trend }))}
            />
            {overview.rows.length > chartedAtMost && <p class="note">The chart shows the {chartedAtMost} largest segments.</p>}
            <DataTable
              scroll="table-scroll"
              class="segments"
              columns={[
                'Segment',
                ['People now', 'num'],
                ['Change in range', 'num'],
                ['Shown to browsers as', 'wide-only'],
                ['Trend', 'wide-only'],
                ['Created', 'wide-only'],
                ['Updated', 'wide-only'],
                [<span class="visually-hidden">Actions</span>, 'actions-col'],
              ]}
              items={overview.rows}
              row={(row) => <SegmentLine row={row} q={q} />}
            />
          </>
        )}
      </section>
      <Presets ctx={ctx} rows={overview.rows} problem={props.problem} />
    </Page>
  );
}

function SegmentLine(props: { row: SegmentRow; q: string }) {
  const { row, q } = props;
  const id = row.segment.id;
  return (
    <tr>
      <td>
        <a class="segment-name" href={`/stats/segments/${id}${q}`}>
          {row.segment.name}
        </a>
        {row.preset && <span class="badge">preset</span>}
      </td>
      <td class="num">{row.size.toLocaleString('en')}</td>
      <td class="num">
        <Change value={row.change} previous={row.previousChange} />
      </td>
      <td class="wide-only" data-browser-key>
        {row.segment.browserKey === null ? <span class="muted" title="Not shown to browsers">—</span> : <code>{row.segment.browserKey}</code>}
      </td>
      <td class="trend wide-only">
        <Sparkline values={row.trend} label={`Size per day of ${row.segment.name}`} />
      </td>
      <td class="wide-only">{isoDate(row.segment.createdAt)}</td>
      <td class="wide-only">{isoDate(row.segment.updatedAt)}</td>
      <td class="row-actions">
        <a href={`/stats/segments/${id}${q}`}>Members</a>
        <a href={`/stats/segments/${id}/edit${q}`}>Edit</a>
        <a href={`/stats/segments/${id}/members.csv${q}`} download>
          CSV
        </a>
      </td>
    </tr>
  );
}

const paramLabels: Record<string, string> = {
  category: 'Category',
  brand: 'Brand',
  minViews: 'Product views, at least',
  minAddsToCart: 'Adds to cart, at least',
  minPurchases: 'Purchases, at least',
  withinDays: 'Within days',
};

function Presets(props: { ctx: PageContext; rows: SegmentRow[]; problem: PresetProblem | undefined }) {
  const { ctx, problem } = props;
  return (
    <section class="card" id="presets">
      <h2>Smart presets</h2>
      <p class="note presets-about">
        Ready-made segments that update with every event. Turn one on with its parameters; a preset aimed at a category or brand can be on once per
        category or brand.
      </p>
      <div class="presets">
        {presetKinds.map((kind) => {
          const uses = props.rows.filter((row) => row.preset?.kind === kind);
          const fields = presetFields(kind);
          const aimed = fields.some((f) => f.type === 'text');
          const mine = (segmentId: number | undefined) => (problem?.kind === kind && problem.segmentId === segmentId ? problem : undefined);
          return (
            <article class="preset" id={`preset-${kind}`}>
              <header class="preset-head">
                <h3>{presets[kind].label}</h3>
                <span class={uses.length > 0 ? 'state on' : 'state'}>{uses.length > 0 ? 'On' : 'Off'}</span>
              </header>
              <p class="preset-about">{presets[kind].about}</p>
              {uses.map((row) => (
                <PresetForm ctx={ctx} kind={kind} row={row} problem={mine(row.segment.id)} />
              ))}
              {uses.length === 0 ? (
                <PresetForm ctx={ctx} kind={kind} problem={mine(undefined)} />
              ) : (
                aimed && (
                  <details class="preset-more" open={mine(undefined) !== undefined}>
                    <summary>Aim it at another category or brand</summary>
                    <PresetForm ctx={ctx} kind={kind} problem={mine(undefined)} />
                  </details>
                )
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}

function PresetForm(props: { ctx: PageContext; kind: PresetKind; row?: SegmentRow; problem: PresetProblem | undefined }) {
  const { ctx, kind, row, problem } = props;
  const q = query(ctx, {});
  const value = (key: string, fallback: number | undefined) =>
    problem ? problem.values[key] ?? '' : row ? String(row.preset!.params[key] ?? '') : fallback === undefined ? '' : String(fallback);
  return (
    <form class={row ? 'preset-form on' : 'preset-form'} method="post" action={`/stats/segments/presets/${kind}${q}`}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {row && <input type="hidden" name="segment" value={String(row.segment.id)} />}
      {row && (
        <p class="preset-use">
          <a href={`/stats/segments/${row.segment.id}${q}`}>{row.segment.name}</a> · {row.size.toLocaleString('en')} people
        </p>
      )}
      <Notice error text={problem?.message} />
      <div class="preset-fields">
        {presetFields(kind).map((field) => (
          <label>
            <span>{paramLabels[field.key] ?? field.key}</span>
            {field.type === 'number' ? (
              <input type="number" name={`p.${field.key}`} value={value(field.key, field.defaultValue)} min={field.min} max={field.max} step="1" inputmode="numeric" />
            ) : (
              <input type="text" name={`p.${field.key}`} value={value(field.key, undefined)} maxlength={100} placeholder={field.optional ? 'or leave empty' : 'e.g. Shoes'} />
            )}
          </label>
        ))}
      </div>
      <div class="preset-actions">
        <button type="submit">{row ? 'Save' : 'Turn on'}</button>
        {row && <a href={`/stats/segments/${row.segment.id}/delete${q}`}>Turn off…</a>}
      </div>
    </form>
  );
}
