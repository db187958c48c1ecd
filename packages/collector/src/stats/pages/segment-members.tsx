// One segment: its size and trend, its rules as JSON, and its members page by page with a link to each person.
import { Chart, Page, query, type PageContext } from '../layout.js';
import { membersPerPage, type Member, type SegmentRow } from '../../reports/segments.js';
import { presets } from '../../segments/presets.js';
import { Change, Notice, isoDate, isoMinute } from './segment-parts.js';
import { DataTable } from './table.js';

const groupLabels = { new: 'New', active: 'Active', passive: 'Passive' } as const;

export function SegmentMembersPage(props: {
  ctx: PageContext;
  row: SegmentRow;
  days: number[];
  members: Member[];
  next: number | null;
  /** 1-based, carried in the links only to say which rows these are. */
  page: number;
  notice?: string | undefined;
}) {
  const { ctx, row, members, page } = props;
  const { segment } = row;
  const q = query(ctx, {});
  const here = `/stats/segments/${segment.id}`;
  const first = (page - 1) * membersPerPage + 1;
  return (
    <Page ctx={ctx} title={segment.name} path={here}>
      <p class="crumbs">
        <a href={`/stats/segments${q}`}>← All segments</a>
      </p>
      <Notice text={props.notice} />
      <div class="metrics">
        <div class="metric">
          <div class="metric-label">People now</div>
          <div class="metric-value">{row.size.toLocaleString('en')}</div>
          <div class="metric-change">
            <Change value={row.change} previous={row.previousChange} />
          </div>
        </div>
        <div class="metric">
          <div class="metric-label">Created</div>
          <div class="metric-value small">{isoDate(segment.createdAt)}</div>
          <div class="metric-change">updated {isoDate(segment.updatedAt)}</div>
        </div>
        <div class="metric">
          <div class="metric-label">Kind</div>
          <div class="metric-value small">{row.preset ? presets[row.preset.kind].label : 'Rule segment'}</div>
          <div class="metric-change">{row.preset ? 'smart preset' : 'written by hand'}</div>
        </div>
      </div>
      <div class="segment-actions">
        <a class="button" href={`${here}/edit${q}`}>
          Edit rules
        </a>
        <a class="button secondary" href={`${here}/members.csv${q}`} download>
          Download CSV
        </a>
        <a class="danger" href={`${here}/delete${q}`}>
          Delete…
        </a>
      </div>
      <section class="card">
        <h2>People in the segment per day</h2>
        <Chart label={`Size per day of ${segment.name}`} days={props.days} series={[{ label: 'People', values: row.trend }]} />
      </section>
      <section class="card">
        <h2>Rules</h2>
        <pre class="json" data-rules-json>{JSON.stringify(segment.rules, null, 2)}</pre>
      </section>
      <section class="card">
        <div class="card-head">
          <h2>Members</h2>
          {members.length > 0 && (
            <span class="note">
              {first.toLocaleString('en')}–{(first + members.length - 1).toLocaleString('en')} of {row.size.toLocaleString('en')}
            </span>
          )}
        </div>
        <DataTable
          scroll="table-scroll"
          class="members"
          columns={['Person', ['Score', 'num'], 'Group', 'Member since', ['Where', 'wide-only'], ['Device', 'wide-only']]}
          items={members}
          empty={page === 1 ? 'Nobody matches these rules yet.' : 'No more members.'}
          row={(m) => (
            <tr>
              <td class="person">
                <a href={`/stats/leads/${m.profileId}${q}`}>{m.userId ?? m.visitorId ?? `#${m.profileId}`}</a>
                <span class="who">{m.userId ? 'user id' : 'anonymous'}</span>
              </td>
              <td class="num">{m.score.toLocaleString('en')}</td>
              <td>
                <span class={`group ${m.lifecycle}`}>{groupLabels[m.lifecycle]}</span>
              </td>
              <td>{isoMinute(m.since)}</td>
              <td class="wide-only">{[m.city, m.country].filter(Boolean).join(', ') || '—'}</td>
              <td class="wide-only">{m.device ?? '—'}</td>
            </tr>
          )}
        />
        <nav class="pager" aria-label="Member pages">
          {page > 1 && <a href={`${here}${q}`}>« First page</a>}
          {props.next !== null && <a href={`${here}${query(ctx, { after: String(props.next), page: String(page + 1) })}`}>Next page »</a>}
        </nav>
      </section>
    </Page>
  );
}

export function DeleteSegmentPage(props: { ctx: PageContext; row: SegmentRow }) {
  const { ctx, row } = props;
  const q = query(ctx, {});
  const here = `/stats/segments/${row.segment.id}`;
  return (
    <Page ctx={ctx} title="Delete segment" path={`${here}/delete`}>
      <form class="card confirm" method="post" action={`${here}/delete${q}`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <h2>Delete “{row.segment.name}”?</h2>
        <p>
          It has {row.size.toLocaleString('en')} {row.size === 1 ? 'member' : 'members'}. Its members and its history go with it; this cannot be undone.
          {row.preset && ' This turns its smart preset off; you can turn it on again later.'}
        </p>
        <div class="form-actions">
          <button type="submit" class="danger" name="confirm" value="yes">
            Delete segment
          </button>
          <a href={`${here}${q}`}>Keep it</a>
        </div>
      </form>
    </Page>
  );
}
