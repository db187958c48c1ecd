// The Webhooks page: each endpoint with its delivered, pending and failed totals, then its latest failures and deliveries.
import { Page, query, type PageContext } from '../layout.js';
import type { DeliveryRow, EndpointReport } from '../../reports/webhooks.js';
import { dateTime } from '../time.js';
import { DataTable } from './table.js';

const count = (n: number) => n.toLocaleString('en-US');
const typeLabel = { 'segment.entered': 'Entered', 'segment.exited': 'Left', 'group.changed': 'Group', 'callback.requested': 'Callback' } as const;

function Change(props: { row: DeliveryRow; ctx: PageContext }) {
  const { row, ctx } = props;
  return (
    <td class="hook-change">
      <span class={`badge hook-${row.type.replace('.', '-')}`}>{typeLabel[row.type]}</span> <span class="hook-about">{row.about}</span>
      <a class="sub hook-person" href={`/stats/leads/${row.profileId}${query(ctx)}`}>
        person {row.profileId}
      </a>
    </td>
  );
}

const answerOf = (row: DeliveryRow) => (row.lastStatus !== null ? `HTTP ${row.lastStatus}` : (row.lastError ?? '—'));

function Troubled(props: { rows: DeliveryRow[]; ctx: PageContext; enabled: boolean }) {
  const next = (row: DeliveryRow) =>
    row.state === 'failed' ? 'gave up' : row.nextAt !== null ? dateTime(row.nextAt) : props.enabled ? 'after the earlier ones' : 'paused';
  return (
    <DataTable
      scroll="scroll"
      class="hooks"
      columns={['Change', ['Attempts', 'num'], 'Last answer', 'Last try', 'Next try']}
      items={props.rows}
      empty="None: every attempt so far was answered with a 2xx."
      row={(row) => (
        <tr class={row.state === 'failed' ? 'failed' : undefined}>
          <Change row={row} ctx={props.ctx} />
          <td class="num" data-label="Attempts">{count(row.attempts)}</td>
          <td class="answer" data-label="Last answer">{answerOf(row)}</td>
          <td class="when" data-label="Last try">{row.lastAt === null ? '—' : dateTime(row.lastAt)}</td>
          <td class="when" data-label="Next try">{next(row)}</td>
        </tr>
      )}
    />
  );
}

function Delivered(props: { rows: DeliveryRow[]; ctx: PageContext }) {
  return (
    <DataTable
      scroll="scroll"
      class="hooks"
      columns={['Change', ['Attempts', 'num'], 'Answer', 'Delivered']}
      items={props.rows}
      empty="Nothing delivered yet."
      row={(row) => (
        <tr>
          <Change row={row} ctx={props.ctx} />
          <td class="num" data-label="Attempts">{count(row.attempts)}</td>
          <td class="answer" data-label="Answer">{answerOf(row)}</td>
          <td class="when" data-label="Delivered">{row.lastAt === null ? '—' : dateTime(row.lastAt)}</td>
        </tr>
      )}
    />
  );
}

/** Which segments' entries and exits it gets, when it listens to any. */
function segmentsOf({ endpoint, segmentNames }: EndpointReport): string | null {
  if (!endpoint.events.some((type) => type.startsWith('segment.'))) return null;
  if (segmentNames === null) return 'every segment';
  return segmentNames.length > 0 ? `segments ${segmentNames.join(', ')} only` : 'no segment (the ones it chose were deleted)';
}

function Endpoint(props: { report: EndpointReport; ctx: PageContext }) {
  const { endpoint, delivered, troubled, heldUntil } = props.report;
  const segments = segmentsOf(props.report);
  return (
    <section class="card hook" id={`webhook-${endpoint.id}`}>
      <div class="hook-head">
        <h2 class="hook-url">{endpoint.url}</h2>
        <span class={`badge ${endpoint.enabled ? 'hook-on' : 'hook-off'}`}>{endpoint.enabled ? 'On' : 'Off'}</span>
      </div>
      <p class="sub hook-events">
        Webhook {endpoint.id} · sends {endpoint.events.join(', ')}
        {segments ? <span data-segments> · {segments}</span> : null} · added {dateTime(endpoint.createdAt)}
      </p>
      {heldUntil !== null ? (
        <p class="hook-held" data-held>
          No 2xx in {endpoint.failures} rounds of attempts in a row: the next try is at {dateTime(heldUntil)}. Nothing is lost meanwhile.
        </p>
      ) : null}
      <div class="metrics hook-metrics">
        <div class="metric">
          <div class="metric-label">Delivered</div>
          <div class="metric-value" data-delivered>{count(endpoint.delivered)}</div>
          <div class="metric-change">all time</div>
        </div>
        <div class="metric">
          <div class="metric-label">Pending</div>
          <div class="metric-value" data-pending>{count(endpoint.pending)}</div>
          <div class="metric-change">waiting or retrying</div>
        </div>
        <div class={endpoint.failed > 0 ? 'metric highlight-down' : 'metric'}>
          <div class="metric-label">Failed</div>
          <div class="metric-value" data-failed>{count(endpoint.failed)}</div>
          <div class="metric-change">given up after 3 days</div>
        </div>
      </div>
      <h3>Latest failures</h3>
      <Troubled rows={troubled} ctx={props.ctx} enabled={endpoint.enabled} />
      <h3>Latest deliveries</h3>
      <Delivered rows={delivered} ctx={props.ctx} />
    </section>
  );
}

export function WebhooksPage(props: { ctx: PageContext; reports: EndpointReport[] }) {
  const { ctx, reports } = props;
  return (
    <Page ctx={ctx} title="Webhooks" ranges={false}>
      <p class="note lead-note">
        Segment entries and exits and group changes are POSTed as signed JSON to each endpoint, in order per person, retried with
        growing waits for three days. Add endpoints with <code>pulse webhook add URL --site {ctx.site.key}</code> or the REST API; either can
        choose the segments an endpoint hears of.
      </p>
      {reports.length === 0 ? (
        <section class="card">
          <p class="empty">No webhooks for this site yet.</p>
        </section>
      ) : (
        reports.map((report) => <Endpoint report={report} ctx={ctx} />)
      )}
    </Page>
  );
}
