// The Funnels pages: every funnel of the site with its conversion, and one funnel's steps, drop-off and breakdowns.
import { Page, query, type PageContext } from '../layout.js';
import type { BreakdownRow, FunnelReport, funnelSummary } from '../../reports/funnels.js';
import { type Funnel, type FunnelStep, windowChoices } from '../../model/funnel.js';
import { DataTable, type Column } from './table.js';

const count = (n: number) => n.toLocaleString('en');
/** A share as a percent: whole when it is whole, else with one decimal; a dash when there is nothing to take it of. */
export const percent = (share: number | null) => {
  if (share === null) return '—';
  const value = Math.round(share * 1000) / 10;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
};
const duration = (seconds: number) => {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
};
export const windowLabel = (minutes: number) => windowChoices.find(([m]) => m === minutes)?.[1] ?? `${minutes} minutes`;
const ops = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'is one of' } as const;

export const funnelPath = (ctx: PageContext, funnel: Pick<Funnel, 'id'>, rest = '') => `/stats/funnels/${funnel.id}${rest}${query(ctx, {})}`;

function StepName(props: { step: FunnelStep }) {
  return (
    <span class="step-name">
      <span class="step-event">{props.step.event}</span>
      {props.step.where.map((test) => (
        <span class="step-test">
          {test.prop} {ops[test.op]} {Array.isArray(test.value) ? test.value.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(test.value)}
        </span>
      ))}
    </span>
  );
}

type Summary = Awaited<ReturnType<typeof funnelSummary>>;

/** How many started and completed, and the share that did: the columns a funnel and each of its breakdown rows end with. */
const rateColumns: Column[] = [['Started', 'num'], ['Completed', 'num'], ['Conversion', 'num']];

function RateCells(props: { rates: Pick<Summary, 'started' | 'completed' | 'conversion'> }) {
  return (
    <>
      <td class="num">{count(props.rates.started)}</td>
      <td class="num">{count(props.rates.completed)}</td>
      <td class="num">{percent(props.rates.conversion)}</td>
    </>
  );
}

export function FunnelsPage(props: { ctx: PageContext; funnels: { funnel: Funnel; summary: Summary; computing: number | null }[] }) {
  const { ctx } = props;
  return (
    <Page ctx={ctx} title="Funnels">
      <div class="toolbar">
        <p class="note">Conversion from the first step to the last, for people who started the funnel in this range.</p>
        <a class="button" href={`/stats/funnels/new${query(ctx, {})}`}>
          New funnel
        </a>
      </div>
      <section class="card">
        {props.funnels.length === 0 && <h2>No funnels yet</h2>}
        <DataTable
          scroll="table-scroll"
          class="funnel-list"
          columns={['Funnel', ['Steps', 'wide-only'], ...rateColumns]}
          items={props.funnels}
          empty={
            <>
              A funnel follows people through steps you choose, such as product_view → add_to_cart → checkout_start → purchase, and shows where they
              drop off. A new funnel is computed from the events already stored.
            </>
          }
          row={({ funnel, summary, computing }) => (
            <tr>
              <td>
                <a href={funnelPath(ctx, funnel)}>{funnel.name}</a>
                {computing !== null && <span class="badge">computing… {computing}%</span>}
              </td>
              <td class="wide-only muted">{funnel.steps.map((s) => s.event).join(' → ')}</td>
              <RateCells rates={summary} />
            </tr>
          )}
        />
      </section>
      <script src="/stats/assets/funnels.js" defer></script>
    </Page>
  );
}

function Breakdown(props: { title: string; column: string; rows: BreakdownRow[] }) {
  return (
    <section class="card">
      <h2>{props.title}</h2>
      <DataTable
        class="breakdown"
        columns={[props.column, ...rateColumns]}
        items={props.rows}
        empty="Nobody started this funnel in this range."
        row={(row) => (
          <tr>
            <td class="label">{row.label}</td>
            <RateCells rates={row} />
          </tr>
        )}
      />
    </section>
  );
}

export function FunnelPage(props: { ctx: PageContext; funnel: Funnel; report: FunnelReport }) {
  const { ctx, funnel, report: r } = props;
  const points = r.current.conversion !== null && r.previous.conversion !== null ? Math.round((r.current.conversion - r.previous.conversion) * 1000) / 10 : null;
  const first = Math.max(1, r.steps[0]!.people);
  return (
    <Page ctx={ctx} title={funnel.name} path={`/stats/funnels/${funnel.id}`}>
      <p class="funnel-meta">
        <a href={`/stats/funnels${query(ctx, {})}`}>← All funnels</a>
        <span>
          {funnel.steps.length} steps, completed within {windowLabel(funnel.windowMinutes)} of the first
        </span>
        <a href={funnelPath(ctx, funnel, '/edit')}>Edit or delete</a>
      </p>
      {r.computing !== null && (
        <p class="computing" role="status" data-computing>
          Computing from the stored events… {r.computing}%. The numbers below grow until it is done.
        </p>
      )}
      <div class="metrics">
        <div class="metric">
          <div class="metric-label">Started</div>
          <div class="metric-value">{count(r.current.started)}</div>
          <div class="metric-change">previously {count(r.previous.started)}</div>
        </div>
        <div class="metric">
          <div class="metric-label">Completed</div>
          <div class="metric-value">{count(r.current.completed)}</div>
          <div class="metric-change">previously {count(r.previous.completed)}</div>
        </div>
        <div class="metric highlight">
          <div class="metric-label">Overall conversion</div>
          <div class="metric-value" data-overall>{percent(r.current.conversion)}</div>
          <div class={`metric-change ${points === null ? '' : points >= 0 ? 'up' : 'down'}`}>
            {points === null ? `previously ${percent(r.previous.conversion)}` : `${points >= 0 ? '+' : ''}${points} pts vs ${percent(r.previous.conversion)}`}
          </div>
        </div>
        <div class="metric">
          <div class="metric-label">Median time to convert</div>
          <div class="metric-value">{r.medianSeconds === null ? '—' : duration(r.medianSeconds)}</div>
          <div class="metric-change">first step to last</div>
        </div>
      </div>
      <section class="card">
        <h2>Steps</h2>
        <ol class="funnel">
          {r.steps.map((step, i) => (
            <li class="funnel-step" data-step={i + 1}>
              <div class="funnel-head">
                <span class="funnel-n" aria-hidden="true">
                  {i + 1}
                </span>
                <StepName step={step} />
                <span class="funnel-people">
                  <b>{count(step.people)}</b> people
                </span>
              </div>
              <div class="funnel-track">
                {/* Sized by charts.js: the CSP allows no inline styles. */}
                <span class="funnel-bar" data-share={Math.round((step.people / first) * 100)}></span>
              </div>
              <div class="funnel-rates">
                <span class="from-first">{percent(step.fromFirst)} of first step</span>
                {i > 0 && <span class="from-previous">{percent(step.fromPrevious)} of previous</span>}
                {step.droppedOff !== null && (
                  <span class="dropped">
                    {count(step.droppedOff)} dropped off ({percent(step.people === 0 ? null : step.droppedOff / step.people)})
                  </span>
                )}
              </div>
            </li>
          ))}
        </ol>
        <p class="note">
          Attempts started in this range. A person who finishes, or whose window of {windowLabel(funnel.windowMinutes)} runs out,
          starts a new attempt with their next first step.
        </p>
      </section>
      <div class="grid">
        <Breakdown title="By source" column="First source" rows={r.bySource} />
        <Breakdown title="By device" column="Device" rows={r.byDevice} />
      </div>
      <script src="/stats/assets/funnels.js" defer></script>
    </Page>
  );
}
