// The Events page: the specification's table (ID, name, points, shown) edited in place, the event rules, and the archive of hidden events.
import { Page, query, type PageContext } from '../layout.js';
import type { EventRow, Events } from '../../reports/events.js';
import { dayToIso } from '../../reports/range.js';
import { dayOf } from '../../days.js';
import { RetentionCard } from './privacy.js';
import type { PointsRule } from '../../model/definition.js';
import { DataTable } from './table.js';
import { EventRulesCard, type RulesData } from './event-rules.js';

const operators = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'in' } as const;
const ruleText = (rule: PointsRule) => `${rule.prop} ${operators[rule.op]} ${JSON.stringify(rule.value)} → ${rule.points} points`;

/** What the page says after a change or a refused one. */
export type Notice = { kind: 'done'; text: string } | { kind: 'error'; text: string; id: number };

export function EventsPage(props: { ctx: PageContext; events: Events; notice?: Notice; rules: RulesData }) {
  const { ctx, events, notice } = props;
  const action = (row: EventRow, what = '') => `/stats/events/${row.id}${what}${query(ctx)}`;
  const csrf = <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
  // The Shown column: a shown event offers to hide it, a hidden one to show it again.
  const Shown = ({ row }: { row: EventRow }) => (
    <td>
      <form method="post" action={action(row, row.shown ? '/hide' : '/show')} class="inline">
        {csrf}
        <button type="submit" class={row.shown ? 'small secondary' : 'small'} aria-label={`${row.shown ? 'Hide' : 'Unhide'} ${row.name}`}>
          {row.shown ? 'Yes · hide' : 'No · unhide'}
        </button>
      </form>
    </td>
  );
  return (
    <Page ctx={ctx} title="Events">
      {notice && (
        <p class={notice.kind === 'error' ? 'error' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <section class="card">
        <h2>Events and their points</h2>
        <p class="note lead-note">
          Each event adds its points to the person's lead score; a daily cap limits what one person earns from it in a day. Changes count
          for events from now on. A hidden event scores nothing and leaves the activity figures.
        </p>
        <DataTable
          scroll="scroll"
          class="definitions"
          columns={[['ID', 'num'], 'Name', 'Points', 'Daily cap', ['Events', 'num'], 'Shown']}
          items={events.shown}
          empty="No events yet: they appear here the first time a site sends them."
          row={(row) => {
            const form = `event-${row.id}`;
            const invalid = notice?.kind === 'error' && notice.id === row.id;
            return (
              <tr id={`row-${row.id}`} class={invalid ? 'invalid' : undefined}>
                <td class="num id">{row.id}</td>
                <td class="name">
                  <span class="event-name">{row.name}</span>
                  {row.rules.map((rule) => (
                    <span class="rule">{ruleText(rule)}</span>
                  ))}
                </td>
                <td>
                  <span class="cell-label">Points</span>
                  <input form={form} name="points" type="number" min="-1000" max="1000" step="1" required value={String(row.points)} aria-label={`Points for ${row.name}`} />
                </td>
                <td>
                  <span class="cell-label">Daily cap</span>
                  <input form={form} name="dailyCap" type="number" min="1" max="100000" step="1" placeholder="none" value={row.dailyCap === null ? '' : String(row.dailyCap)} aria-label={`Daily cap for ${row.name}`} />
                  <form id={form} method="post" action={action(row)} class="inline">
                    {csrf}
                    <button type="submit" class="small">Save</button>
                  </form>
                </td>
                <td class="num" title={`previous period: ${row.previous.toLocaleString('en')}`}>
                  <span class="cell-label">Events</span>
                  {row.events.toLocaleString('en')}
                  <span class="was">was {row.previous.toLocaleString('en')}</span>
                </td>
                <Shown row={row} />
              </tr>
            );
          }}
        />
      </section>
      <EventRulesCard ctx={ctx} data={props.rules} />
      <section class="card" id="archive">
        <h2>Archive of hidden events</h2>
        <DataTable
          scroll="scroll"
          class="definitions"
          columns={[['ID', 'num'], 'Name', ['Points', 'num'], 'Hidden on', 'Shown']}
          items={events.hidden}
          empty="No hidden events."
          row={(row) => (
            <tr id={`row-${row.id}`}>
              <td class="num id">{row.id}</td>
              <td class="name">
                <span class="event-name">{row.name}</span>
              </td>
              <td class="num">
                <span class="cell-label">Points</span>
                {row.points}
              </td>
              <td>
                <span class="cell-label">Hidden on</span>
                {row.hiddenAt === null ? '' : dayToIso(dayOf(row.hiddenAt))}
              </td>
              <Shown row={row} />
            </tr>
          )}
        />
      </section>
      <RetentionCard ctx={ctx} days={events.retentionDays} />
    </Page>
  );
}
