// The Calls page: calls per day and where they came from, the latest calls with their people, each pool's health, and the pool, number and settings editors.
import { BarList, Chart, Metric, Page, query, type PageContext } from '../layout.js';
import type { CallReport, ListedCall, PoolHealth, StaticNumber } from '../../reports/calls.js';
import { dateTime } from '../time.js';
import { DataTable } from './table.js';
import { Notice } from './segment-parts.js';
import { dayOf } from '../../days.js';
import type { CallbackWidget } from '../../calls/callback.js';

const count = (n: number) => n.toLocaleString('en');
const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);
const duration = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
const attributionText = { lease: 'visit', static: 'static number', repeat: 'repeat caller', none: 'unattributed' } as const;
const byLabels = { source: ['Sources', 'Source'], campaign: ['Campaigns', 'Campaign'], landing_page: ['Landing pages', 'Page'], device: ['Devices', 'Device'], city: ['Cities', 'City'] } as const;

export interface CallsPageData {
  report: CallReport;
  previous: CallReport['totals'];
  pools: PoolHealth[];
  statics: StaticNumber[];
  settings: { signingSecret: string; storeCallers: boolean };
  widget: CallbackWidget;
  /** The site's segments, for the widget's rules. */
  segments: { id: number; name: string }[];
  /** Where telephony sends calls: this collector's origin. */
  origin: string;
  notice?: { text: string; error?: boolean };
  /** What a refused form held, to show it again. */
  draft?: { poolId: number | 'new'; fields: Record<string, string> };
}

function CallRow(props: { call: ListedCall; ctx: PageContext }) {
  const { call, ctx } = props;
  return (
    <tr>
      <td class="when" data-label="When">{dateTime(call.startedAt)}</td>
      <td data-label="Caller">
        <span class="nowrap">{call.caller}</span>
        {call.repeatCaller ? <span class="badge">repeat</span> : null}
      </td>
      <td class="nowrap" data-label="Number">{call.calledNumber}</td>
      <td class="num" data-label="Length">{call.answered ? duration(call.durationS) : '—'}</td>
      <td data-label="Outcome"><span class={`badge ${call.answered ? 'call-answered' : 'call-missed'}`}>{call.answered ? 'answered' : 'missed'}</span></td>
      <td data-label="Came from">
        {call.source ?? '—'}
        <span class="sub"> · {attributionText[call.attribution]}</span>
      </td>
      <td data-label="Person">
        {call.profileId === null ? <span class="muted">—</span> : <a href={`/stats/leads/${call.profileId}${query(ctx)}`}>person {call.profileId}</a>}
      </td>
    </tr>
  );
}

function PoolForm(props: { ctx: PageContext; pool?: PoolHealth; draft?: Record<string, string> }) {
  const { ctx, pool, draft } = props;
  const value = (name: string, stored: string | number | null | undefined) => draft?.[name] ?? (stored === null || stored === undefined ? '' : String(stored));
  const id = pool ? `pool-${pool.pool.id}` : 'pool-new';
  return (
    <form method="post" action={`/stats/calls/pools${pool ? `/${pool.pool.id}` : ''}${query(ctx)}`} class="call-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <div class="call-fields">
        <label>
          Name
          <input name="name" required maxlength={100} value={value('name', pool?.pool.name)} placeholder="Sales" />
        </label>
        <label>
          Default number
          <input name="default_number" required value={value('default_number', pool?.pool.defaultNumber)} placeholder="+7 495 123-45-67" inputmode="tel" />
        </label>
        <label>
          Number on your pages
          <input name="published_number" value={value('published_number', pool?.pool.publishedNumber)} placeholder="+7 495 123-45-67" inputmode="tel" />
        </label>
        <label>
          Or elements (CSS selector)
          <input name="selector" maxlength={200} value={value('selector', pool?.pool.selector)} placeholder=".phone" />
        </label>
        <label>
          Hold after last activity (minutes)
          <input name="hold_minutes" type="number" min="1" max="1440" required value={value('hold_minutes', pool ? pool.pool.holdMs / 60_000 : 15)} />
        </label>
      </div>
      <label class="call-numbers">
        Pool numbers, one a line
        <textarea id={`${id}-numbers`} name="numbers" rows={4} placeholder={'+7 495 700-00-01\n+7 495 700-00-02'}>
          {value('numbers', pool?.numbers.join('\n'))}
        </textarea>
      </label>
      <div class="form-actions">
        <button type="submit" class="primary">{pool ? 'Save pool' : 'Add pool'}</button>
      </div>
    </form>
  );
}

function PoolCard(props: { ctx: PageContext; health: PoolHealth; draft?: Record<string, string> }) {
  const { ctx, health: h } = props;
  const short = h.recommended > h.numbers.length;
  const ranOut = (h.last7.missShare ?? 0) > 0;
  return (
    <section class="card" id={`pool-${h.pool.id}`} data-pool={h.pool.id}>
      <div class="card-head">
        <h2>{h.pool.name}</h2>
        <span class={`badge ${short || ranOut ? 'call-missed' : 'call-answered'}`}>{short ? 'too small' : ranOut ? 'ran out this week' : 'enough numbers'}</span>
      </div>
      {ranOut && (
        <p class="note" data-ran-out>
          {percent(h.last7.missShare)} of the sessions that asked this week found no number free and were shown the default one: their calls
          cannot be told apart. {short ? `Add ${count(h.recommended - h.numbers.length)} numbers to reach the recommended size.` : 'More numbers or a shorter hold would help.'}
        </p>
      )}
      <div class="metrics">
        <div class="metric"><div class="metric-label">Numbers</div><div class="metric-value" data-size>{count(h.numbers.length)}</div><div class="metric-change">{count(h.leasesNow)} held now</div></div>
        <div class={short ? 'metric highlight-down' : 'metric'}><div class="metric-label">Recommended</div><div class="metric-value" data-recommended>{count(h.recommended)}</div><div class="metric-change">{count(h.peakHourSessions)} sessions in the busiest hour</div></div>
        <div class="metric"><div class="metric-label">Default number shown</div><div class="metric-value" data-miss7>{percent(h.last7.missShare)}</div><div class="metric-change">of {count(h.last7.sessions)} sessions, 7 days</div></div>
        <div class="metric"><div class="metric-label">Over 30 days</div><div class="metric-value">{percent(h.last30.missShare)}</div><div class="metric-change">of {count(h.last30.sessions)} sessions</div></div>
      </div>
      <p class="note">
        Recommended = ⌈busiest-hour sessions × (average session {h.averageSessionMinutes} min + hold {h.pool.holdMs / 60_000} min) ÷ 60 × 1.3⌉: each session keeps
        its number for its length plus the hold, and the margin keeps the busiest hour under three quarters of the pool.
      </p>
      <details>
        <summary>Edit the pool</summary>
        <PoolForm ctx={ctx} pool={h} draft={props.draft} />
        <form method="post" action={`/stats/calls/pools/${h.pool.id}/delete${query(ctx)}`} class="danger call-delete">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <span>Deleting the pool frees its numbers; calls already stored stay.</span>
          <button type="submit">Delete pool</button>
        </form>
      </details>
    </section>
  );
}

function WidgetCard(props: { ctx: PageContext; widget: CallbackWidget; segments: { id: number; name: string }[] }) {
  const { ctx, widget: w } = props;
  return (
    <section class="card" id="callback-widget">
      <h2>Callback widget</h2>
      <p class="note lead-note">
        Offers “we'll call you back” when a visitor is most likely to call: at most once a session, after the product views and time below, or
        when a desktop visitor heads for the tab bar. A request becomes a <code>callback_request</code> event of the visit and a{' '}
        <code>callback.requested</code> webhook carrying the number.
      </p>
      <form method="post" action={`/stats/calls/widget${query(ctx)}`} class="call-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <label class="check">
          <input type="checkbox" name="enabled" checked={w.enabled} /> Offer the widget on pages with call tracking
        </label>
        <div class="call-fields">
          <label>Title<input name="title" required maxlength={80} value={w.title} /></label>
          <label>Text<input name="text" maxlength={200} value={w.text} /></label>
          <label>Button<input name="button" required maxlength={40} value={w.button} /></label>
          <label>Lead score at least<input name="min_score" type="number" min="0" step="any" value={w.min_score === null ? '' : String(w.min_score)} placeholder="any" /></label>
          <label>Product views this visit<input name="min_product_views" type="number" min="0" max="100" required value={String(w.min_product_views)} /></label>
          <label>Seconds on the page<input name="min_seconds_on_page" type="number" min="0" max="3600" required value={String(w.min_seconds_on_page)} /></label>
        </div>
        {props.segments.length > 0 && (
          <label>
            Only people in one of these segments (none chosen: anyone)
            <select name="segments" multiple size={Math.min(6, props.segments.length)}>
              {props.segments.map((s) => (
                <option value={String(s.id)} selected={w.segments.includes(s.id)}>{s.name}</option>
              ))}
            </select>
          </label>
        )}
        <label class="check"><input type="checkbox" name="exit_intent" checked={w.exit_intent} /> Also when a desktop visitor is about to leave</label>
        <label class="check"><input type="checkbox" name="on_phones" checked={w.on_phones} /> Also on phones (where tapping the number is usually better)</label>
        <div class="form-actions"><button type="submit" class="primary">Save widget</button></div>
      </form>
    </section>
  );
}

export function CallsPage(props: { ctx: PageContext; data: CallsPageData }) {
  const { ctx, data } = props;
  const { report, previous: before } = data;
  const now = report.totals;
  const days = report.days.map((d) => dayOf(Date.parse(`${d.day}T00:00:00Z`)));
  const csrf = <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
  return (
    <Page ctx={ctx} title="Calls">
      <Notice text={data.notice?.text} error={data.notice?.error} />
      <div class="metrics">
        <Metric label="Calls" value={now.calls} previous={before.calls} />
        <Metric label="Answered" value={now.answered} previous={before.answered} />
        <Metric label="Missed" value={now.missed} previous={before.missed} lowerIsBetter />
        <Metric label="First-time callers" value={now.firstTime} previous={before.firstTime} />
        <Metric label="Repeat callers" value={now.repeat} previous={before.repeat} />
        <Metric label="Unattributed" value={now.unattributed} previous={before.unattributed} lowerIsBetter />
      </div>
      <section class="card">
        <h2>Calls per day</h2>
        {now.calls === 0 ? (
          <p class="empty">No calls in this range yet.</p>
        ) : (
          <Chart label="Calls and answered calls per day" days={days} series={[{ label: 'Calls', values: report.days.map((d) => d.calls) }, { label: 'Answered', values: report.days.map((d) => d.answered) }]} />
        )}
      </section>
      <div class="grid">
        {(Object.keys(byLabels) as (keyof typeof byLabels)[]).map((key) => (
          <BarList title={byLabels[key][0]} column={byLabels[key][1]} unit="Calls" rows={report.breakdowns[key].map((row) => ({ label: row.value ?? (key === 'source' ? 'unattributed' : 'unknown'), value: row.calls }))} />
        ))}
      </div>
      <section class="card">
        <h2>Latest calls</h2>
        <DataTable
          scroll="scroll"
          class="calls"
          columns={['When', 'Caller', 'Number', ['Length', 'num'], 'Outcome', 'Came from', 'Person']}
          items={report.latest}
          empty="No calls in this range yet. Telephony sends them to the address under Settings below."
          row={(call) => <CallRow call={call} ctx={ctx} />}
        />
        <p class="note">
          {data.settings.storeCallers ? "Callers' numbers are kept in clear." : "Callers' numbers are kept only as a salted hash: the last two digits are shown."} A call is
          matched to the visit that held its number when it began; a call to a static number counts for that number's source.
        </p>
      </section>
      {data.pools.map((health) => (
        <PoolCard ctx={ctx} health={health} draft={data.draft?.poolId === health.pool.id ? data.draft.fields : undefined} />
      ))}
      <section class="card" id="pool-new">
        <h2>{data.pools.length === 0 ? 'Set up call tracking' : 'Add a pool'}</h2>
        <p class="note lead-note">
          Each visit that asks gets its own number from the pool in place of the number on your pages, kept while the visitor is active and
          for the hold time after; a call to it is attributed to that visit. With no number free, the default number is shown.
        </p>
        <PoolForm ctx={ctx} draft={data.draft?.poolId === 'new' ? data.draft.fields : undefined} />
      </section>
      <section class="card" id="static-numbers">
        <h2>Static numbers</h2>
        <p class="note lead-note">A number fixed to one source (print, a billboard, one campaign), never given to a visit.</p>
        <DataTable
          scroll="scroll"
          class="statics"
          columns={['Number', 'Source', 'Campaign', '']}
          items={data.statics}
          empty="None yet."
          row={(n) => (
            <tr>
              <td class="nowrap" data-label="Number">{n.number}</td>
              <td data-label="Source">{n.source}</td>
              <td data-label="Campaign">{n.campaign ?? '—'}</td>
              <td class="row-actions">
                <form method="post" action={`/stats/calls/numbers/${n.id}/delete${query(ctx)}`} class="inline">
                  {csrf}
                  <button type="submit" class="small secondary" aria-label={`Delete ${n.number}`}>Delete</button>
                </form>
              </td>
            </tr>
          )}
        />
        <form method="post" action={`/stats/calls/numbers${query(ctx)}`} class="call-form call-static">
          {csrf}
          <div class="call-fields">
            <label>Number<input name="number" required placeholder="+7 495 800-00-00" inputmode="tel" /></label>
            <label>Source<input name="source" required maxlength={100} placeholder="print" /></label>
            <label>Campaign<input name="campaign" maxlength={200} placeholder="optional" /></label>
          </div>
          <div class="form-actions"><button type="submit">Add static number</button></div>
        </form>
      </section>
      <WidgetCard ctx={ctx} widget={data.widget} segments={data.segments} />
      <section class="card" id="call-settings">
        <h2>Settings</h2>
        <form method="post" action={`/stats/calls/settings${query(ctx)}`} class="call-form">
          {csrf}
          <label class="check">
            <input type="checkbox" name="store_callers" checked={data.settings.storeCallers} />
            Keep callers' numbers in clear (off: only a salted hash and the last two digits)
          </label>
          <div class="form-actions"><button type="submit">Save settings</button></div>
        </form>
        <h3>Sending calls to Pulse</h3>
        <p class="note">
          When a call ends, telephony POSTs it as JSON to <code>{data.origin}/api/v1/sites/{ctx.site.key}/calls</code> with an API token of this site (write scope), or to{' '}
          <code>{data.origin}/v1/calls/{ctx.site.key}</code> signed with the header <code>X-Pulse-Signature: sha256=</code> and the hex HMAC-SHA256 of the body under this secret:
        </p>
        <details>
          <summary>Show the signing secret</summary>
          <code class="secret" data-secret>{data.settings.signingSecret}</code>
        </details>
      </section>
    </Page>
  );
}
