// A person's page: who they are (identity and dimensions), their score over time, their sessions and events, segments, groups and traits.
import type { Child } from 'hono/jsx';
import { Chart, Page, type PageContext } from '../layout.js';
import type { Person } from '../../reports/person.js';
import { timelineEvents } from '../../reports/person.js';
import { dateTime } from '../time.js';
import { GroupBadge, When, WritingQuote, groupLabels, placeAndDevice } from './people.js';
import { leadsHref } from './leads.js';
import { WhoCard } from './who.js';
import { personHref } from './privacy.js';
import { DataTable } from './table.js';

const propValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function PersonPage(props: { ctx: PageContext; person: Person; now: number }) {
  const { ctx, person: p, now } = props;
  const where = placeAndDevice(p);
  const seen = [
    ['First seen', p.firstSeen, `from ${p.source}`],
    ['Last seen', p.lastSeen, where || 'place and device unknown'],
  ] as const;
  return (
    <Page ctx={ctx} title={p.name.title} ranges={false}>
      <div class="person-head">
        <a href={leadsHref(ctx, {})}>← Leads</a>
        <GroupBadge group={p.lifecycle} />
        {p.name.detail !== null ? <span class="sub">{p.name.detail}</span> : null}
        {p.userId !== null && p.userId !== p.name.title && p.userId !== p.name.detail ? <span class="sub">user id {p.userId}</span> : null}
        <span class="sub">profile #{p.id}</span>
        <span class="person-actions">
          <a href={personHref(ctx, p.id, '/export')} download>
            Download data (JSON)
          </a>
          <a class="danger" href={personHref(ctx, p.id, '/delete')}>
            Delete person…
          </a>
        </span>
      </div>
      <div class="metrics">
        <div class={p.lifecycle === 'new' ? 'metric highlight' : 'metric'}>
          <div class="metric-label">Score now</div>
          <div class="metric-value" data-score>
            {p.score.toLocaleString('en', { maximumFractionDigits: 1 })}
          </div>
          <div class="metric-change">{groupLabels[p.lifecycle]} customer</div>
        </div>
        <div class="metric">
          <div class="metric-label">Events</div>
          <div class="metric-value">{p.events.toLocaleString('en')}</div>
          <div class="metric-change">
            from {p.visitors} {p.visitors === 1 ? 'browser' : 'browsers'}
          </div>
        </div>
        {seen.map(([label, ts, note]) => (
          <div class="metric">
            <div class="metric-label">{label}</div>
            <div class="metric-value small">
              <When ts={ts} now={now} />
            </div>
            <div class="metric-change">{note}</div>
          </div>
        ))}
      </div>

      <WhoCard who={p.who} />

      <div class="grid">
        <section class="card">
          <h2>Where and on what</h2>
          <dl class="facts">
            <dt>Country</dt>
            <dd>{p.country ?? '—'}</dd>
            <dt>City</dt>
            <dd>{p.city ?? '—'}</dd>
            <dt>Device</dt>
            <dd>{p.device ?? '—'}</dd>
            <dt>Browser</dt>
            <dd>{p.browser ?? '—'}</dd>
            <dt>OS</dt>
            <dd>{p.os ?? '—'}</dd>
            <dt>First source</dt>
            <dd>{p.source}</dd>
          </dl>
        </section>
        <section class="card">
          <h2>Traits</h2>
          <DataTable
            class="traits"
            items={p.traits}
            empty="No traits: identify() has not described this person."
            row={(t) => (
              <tr>
                <th scope="row">{t.key}</th>
                <td>{t.value}</td>
              </tr>
            )}
          />
        </section>
      </div>

      <section class="card">
        <h2>Score history</h2>
        {p.scoreHistory.length === 0 ? (
          <p class="empty">No points yet.</p>
        ) : (
          <Chart label="Score per day" days={p.scoreHistory.map((h) => h.day)} series={[{ label: 'Score', values: p.scoreHistory.map((h) => Math.round(h.score * 10) / 10) }]} />
        )}
        <p class="note">The score at the end of each active day, and today's after decay.</p>
      </section>

      {p.writings.latest.length > 0 ? (
        <section class="card">
          <h2>
            Reviews and comments <span class="count">{p.writings.count.toLocaleString('en')}</span>
          </h2>
          {p.writings.latest.map((w) => (
            <WritingQuote writing={w} now={now} />
          ))}
        </section>
      ) : null}

      <section class="card">
        <h2>Timeline</h2>
        {p.sessions.length === 0 ? <p class="empty">No events.</p> : null}
        {p.sessions.map(({ session, events }) => (
          <article class="session">
            <header class="session-head">
              <strong>{session ? dateTime(session.startedAt) : 'Session'}</strong>
              {session ? (
                <span class="sub">
                  landed on {session.landingPage ?? '—'} · from {session.utmSource ?? session.referrerHost ?? 'direct'} · {placeAndDevice(session)} ·{' '}
                  {session.events} {session.events === 1 ? 'event' : 'events'}
                </span>
              ) : null}
            </header>
            <ol class="events">
              {events.map((e) => (
                <li>
                  <time class="at" datetime={new Date(e.ts).toISOString()}>
                    {new Date(e.ts).toISOString().slice(11, 16)}
                  </time>
                  <span class="event-name">{e.name}</span>
                  {e.points !== null && e.points !== 0 ? <span class={e.points > 0 ? 'points' : 'points minus'}>{e.points > 0 ? `+${e.points}` : e.points}</span> : null}
                  {e.type === 'page' && e.path ? <span class="sub">{e.path}</span> : null}
                  {e.writing ? (
                    <WritingQuote writing={e.writing} now={now} />
                  ) : e.props && Object.keys(e.props).length > 0 ? (
                    <span class="props">
                      {Object.entries(e.props).map(([key, value]) => (
                        <span class="prop">
                          <span class="prop-key">{key}</span> {propValue(value)}
                        </span>
                      ))}
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          </article>
        ))}
        <p class="note">The latest {timelineEvents} events, grouped by session. Points are what each event is worth under today's settings.</p>
      </section>

      <div class="grid">
        <section class="card">
          <h2>Segments</h2>
          {p.memberships.length === 0 ? (
            <p class="empty">In no segment now.</p>
          ) : (
            <p class="chips">
              {p.memberships.map((m) => (
                <span class="chip" title={`since ${dateTime(m.since)}`}>
                  {m.name}
                </span>
              ))}
            </p>
          )}
          <h3>History</h3>
          <History
            changes={p.segmentHistory}
            empty="No entries or exits yet."
            what={(c) => (
              <>
                <td class={c.entered ? 'entered' : 'left'}>{c.entered ? 'Entered' : 'Left'}</td>
                <td>{c.name}</td>
              </>
            )}
          />
        </section>
        <section class="card">
          <h2>Group history</h2>
          <History
            changes={p.groupHistory}
            empty={`${groupLabels[p.lifecycle]} since first seen.`}
            what={(c) => (
              <td>
                {groupLabels[c.from]} → <GroupBadge group={c.to} />
              </td>
            )}
          />
        </section>
      </div>
    </Page>
  );
}

/** A person's changes of one sort, each with when it happened. */
function History<Change extends { at: number }>(props: { changes: Change[]; empty: string; what: (change: Change) => Child }) {
  return (
    <DataTable
      class="history"
      items={props.changes}
      empty={props.empty}
      row={(change) => (
        <tr>
          {props.what(change)}
          <td class="num">{dateTime(change.at)}</td>
        </tr>
      )}
    />
  );
}

/** The answer for an unknown id, or a person of another site. */
export function PersonNotFoundPage(props: { ctx: PageContext; id: string }) {
  return (
    <Page ctx={props.ctx} title="No such person" ranges={false}>
      <section class="card">
        <p class="empty">
          There is no person #{props.id} on {props.ctx.site.key}. <a href={leadsHref(props.ctx, {})}>Back to the leads</a>
        </p>
      </section>
    </Page>
  );
}
