// The Leads page: the site's people by current score, filtered by group and segment, with what they did and wrote.
import { Page, type PageContext } from '../layout.js';
import type { Lead, Leads, LeadsQuery } from '../../reports/leads.js';
import { eventLabel } from '../../reports/people.js';
import { GroupBadge, When, WritingQuote, groupLabels, placeAndDevice, rulesNote } from './people.js';
import type { ProfileRules } from '../../profiles/rules.js';
import { DataTable } from './table.js';

const segmentsShown = 3;

export function leadsHref(ctx: PageContext, query: LeadsQuery & { cursor?: string }) {
  const params = new URLSearchParams({ site: ctx.site.key });
  if (query.group) params.set('group', query.group);
  if (query.segment) params.set('segment', String(query.segment));
  if (query.cursor) params.set('after', query.cursor);
  return `/stats/leads?${params}`;
}

export function LeadsPage(props: { ctx: PageContext; leads: Leads; query: LeadsQuery; now: number; rules: ProfileRules }) {
  const { ctx, leads, query, now, rules } = props;
  const filtered = query.group !== undefined || query.segment !== undefined;
  const segmentName = leads.segments.find((s) => s.id === query.segment)?.name;
  const heading = [query.group ? `${groupLabels[query.group]} people` : 'People', segmentName ? `in ${segmentName}` : ''].join(' ');
  return (
    <Page ctx={ctx} title="Leads" ranges={false}>
      <form class="card filters" method="get" action="/stats/leads">
        <input type="hidden" name="site" value={ctx.site.key} />
        <label>
          <span>Group</span>
          <select name="group" data-autosubmit>
            <option value="">All groups ({leads.people.toLocaleString('en')})</option>
            {(['new', 'active', 'passive'] as const).map((group) => (
              <option value={group} selected={query.group === group}>
                {groupLabels[group]} ({leads.groups[group].toLocaleString('en')})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Segment</span>
          <select name="segment" data-autosubmit>
            <option value="">All segments</option>
            {leads.segments.map((segment) => (
              <option value={String(segment.id)} selected={query.segment === segment.id}>
                {segment.name} ({segment.size.toLocaleString('en')})
              </option>
            ))}
          </select>
        </label>
        <noscript>
          <button type="submit">Apply</button>
        </noscript>
        {filtered ? (
          <a class="clear" href={leadsHref(ctx, {})}>
            Clear filters
          </a>
        ) : null}
      </form>
      <section class="card">
        <h2>
          {heading} by score{query.after ? ', continued' : ''}
        </h2>
        <DataTable
          class="leads"
          columns={['Person', ['Score', 'num'], 'Group', 'Segments', 'Last seen', 'Latest activity']}
          items={leads.rows}
          empty={filtered ? 'Nobody matches these filters.' : 'Nobody has visited yet.'}
          row={(lead) => <LeadRow ctx={ctx} lead={lead} now={now} />}
        />
        <nav class="pager" aria-label="Pages">
          {query.after ? <a href={leadsHref(ctx, { group: query.group, segment: query.segment })}>← Top of the list</a> : <span></span>}
          {leads.next ? (
            <a href={leadsHref(ctx, { group: query.group, segment: query.segment, cursor: leads.next })} rel="next">
              Next {leads.rows.length} →
            </a>
          ) : null}
        </nav>
      </section>
      <p class="note">{rulesNote(rules)}</p>
    </Page>
  );
}

function LeadRow(props: { ctx: PageContext; lead: Lead; now: number }) {
  const { lead, now } = props;
  const where = placeAndDevice(lead);
  return (
    <tr class={lead.lifecycle === 'new' ? 'lead is-new' : 'lead'}>
      <td data-label="Person" class="who">
        <a class="person" href={`/stats/leads/${lead.id}?site=${encodeURIComponent(props.ctx.site.key)}`}>
          {lead.name.title}
        </a>
        {lead.name.detail !== null ? (
          <div class="sub ident" title={lead.name.detail}>
            {lead.name.detail}
          </div>
        ) : null}
        {where ? <div class="sub">{where}</div> : null}
      </td>
      <td data-label="Score" class="num score">
        {lead.score.toLocaleString('en', { maximumFractionDigits: 1 })}
      </td>
      <td data-label="Group">
        <GroupBadge group={lead.lifecycle} />
      </td>
      <td data-label="Segments" class={lead.segments.length === 0 ? 'no-segments' : undefined}>
        {lead.segments.length === 0 ? (
          <span class="sub">—</span>
        ) : (
          <span class="chips">
            {lead.segments.slice(0, segmentsShown).map((name) => (
              <span class="chip">{name}</span>
            ))}
            {lead.segments.length > segmentsShown ? <span class="chip more">+{lead.segments.length - segmentsShown}</span> : null}
          </span>
        )}
      </td>
      <td data-label="Last seen" class="nowrap">
        <When ts={lead.lastSeen} now={now} />
      </td>
      <td data-label="Latest activity" class="activity">
        <ul class="recent">
          {lead.recent.map((event) => (
            <li>
              <span class="event-name">{eventLabel(event)}</span> <When ts={event.ts} now={now} />
            </li>
          ))}
        </ul>
        {lead.writing ? <WritingQuote writing={lead.writing} now={now} count={lead.writings} /> : null}
      </td>
    </tr>
  );
}
