// The Audience page: awareness, active people, the activity mix and the three groups.
import { BarList, Chart, Metric, Page, type PageContext } from '../layout.js';
import type { Audience } from '../../reports/audience.js';
import { dayToIso } from '../../reports/range.js';
import { DataTable } from './table.js';

export function AudiencePage(props: { ctx: PageContext; audience: Audience }) {
  const { ctx, audience: a } = props;
  const groups = [
    ['new', 'New', 'first seen within 7 days'],
    ['active', 'Active', 'active in 2 of the last 4 weeks'],
    ['passive', 'Passive', 'no activity for 30 days'],
  ] as const;
  return (
    <Page ctx={ctx} title="Audience">
      <div class="metrics">
        <Metric label="People reached" value={a.reached.value} previous={a.reached.previous} />
        <Metric label="Active people" value={a.activePeople.value} previous={a.activePeople.previous} />
        {groups.map(([key, label]) => (
          <div class={key === 'new' ? 'metric highlight' : 'metric'}>
            <div class="metric-label">{label} customers now</div>
            <div class="metric-value">{a.groupsNow[key].toLocaleString('en')}</div>
            <div class="metric-change">was {a.groupsBefore[key].toLocaleString('en')} before this range</div>
          </div>
        ))}
      </div>
      <section class="card">
        <h2>Active people per day</h2>
        <Chart label="Active people per day" days={a.activePerDay.map((d) => d.day)} series={[{ label: 'Active people', values: a.activePerDay.map((d) => d.people) }]} />
      </section>
      <section class="card">
        <h2>Groups over time</h2>
        <Chart
          label="Group sizes per day"
          days={a.groupsByDay.map((d) => d.day)}
          series={groups.map(([key, label]) => ({ label, values: a.groupsByDay.map((d) => d[key]) }))}
        />
        <p class="note">{groups.map(([, label, rule]) => `${label}: ${rule}.`).join(' ')}</p>
      </section>
      <div class="grid">
        <BarList title="Reached by source" column="First source" unit="People" rows={a.reach.map((r) => ({ label: r.source, value: r.people }))} />
        <section class="card">
          <h2>Active people per week</h2>
          <DataTable
            columns={['Week', ['People', 'num']]}
            items={a.weeks}
            row={(w) => (
              <tr>
                <td>
                  {dayToIso(w.from)} – {dayToIso(w.to)}
                </td>
                <td class="num">{w.people.toLocaleString('en')}</td>
              </tr>
            )}
          />
        </section>
      </div>
      <BarList title="Activity mix" column="Event" unit="Events" rows={a.mix.map((m) => ({ label: m.name, value: m.events }))} />
    </Page>
  );
}
