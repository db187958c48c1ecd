// Personal data on the stats page: a person's delete confirmation and its outcome, and the retention card of the Events page.
import { Page, query, type PageContext } from '../layout.js';
import type { Person } from '../../reports/person.js';
import type { Forgotten } from '../../engine/forget.js';
import { leadsHref } from './leads.js';

export const personHref = (ctx: PageContext, id: number, what = '') => `/stats/leads/${id}${what}${query(ctx, {})}`;

export function DeletePersonPage(props: { ctx: PageContext; person: Person }) {
  const { ctx, person: p } = props;
  return (
    <Page ctx={ctx} title="Delete person" path={`/stats/leads/${p.id}/delete`} ranges={false}>
      <form class="card confirm" method="post" action={personHref(ctx, p.id, '/delete')}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <h2>Delete {p.name.title}?</h2>
        <p>
          Profile #{p.id}
          {p.userId !== null ? <> (user id {p.userId})</> : null}: {p.events.toLocaleString('en')} {p.events === 1 ? 'event' : 'events'} from {p.visitors}{' '}
          {p.visitors === 1 ? 'browser' : 'browsers'}, their sessions, traits, score and group history, segment memberships, funnel attempts, cluster place and webhook deliveries are deleted
          everywhere. Daily totals that name no one stay. This cannot be undone.
        </p>
        <p class="note">
          Need a copy first? <a href={personHref(ctx, p.id, '/export')}>Download data (JSON)</a>
        </p>
        <div class="form-actions">
          <button type="submit" class="danger" name="confirm" value="yes">
            Delete person
          </button>
          <a href={personHref(ctx, p.id)}>Keep them</a>
        </div>
      </form>
    </Page>
  );
}

export function PersonDeletedPage(props: { ctx: PageContext; id: number; forgotten?: Forgotten }) {
  const { ctx, id, forgotten: f } = props;
  return (
    <Page ctx={ctx} title="Person deleted" path={`/stats/leads/${id}/deleted`} ranges={false}>
      <section class="card">
        <p class="notice" role="status">
          Person #{id} is deleted
          {f ? `: ${f.events.toLocaleString('en')} ${f.events === 1 ? 'event' : 'events'}, ${f.sessions} ${f.sessions === 1 ? 'session' : 'sessions'}${f.calls > 0 ? `, ${f.calls} ${f.calls === 1 ? 'call' : 'calls'}` : ''} and ${f.visitors} ${f.visitors === 1 ? 'browser' : 'browsers'} removed` : ''}
          .
        </p>
        <p>
          <a href={leadsHref(ctx, {})}>Back to the leads</a>
        </p>
      </section>
    </Page>
  );
}

export function RetentionCard(props: { ctx: PageContext; days: number | null }) {
  const { ctx, days } = props;
  return (
    <section class="card retention" id="retention">
      <h2>Data retention</h2>
      <p>
        {days === null ? (
          'Raw events and sessions are kept for ever.'
        ) : (
          <>
            Raw events and sessions older than <strong data-retention-days>{days}</strong> {days === 1 ? 'day' : 'days'} are deleted every hour.
          </>
        )}{' '}
        Daily totals stay, so the charts of old days keep their numbers. The setting holds for every site of this collector.
      </p>
      <form method="post" action={`/stats/events/retention${query(ctx, {})}`} class="retention-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <label for="retention-days">Keep raw events for</label>
        <input id="retention-days" name="days" type="number" min="1" max="3650" inputmode="numeric" value={days === null ? '' : String(days)} placeholder="ever" />
        <span>days</span>
        <button type="submit" class="small">
          Save
        </button>
      </form>
      <p class="note">Leave it empty to keep everything. Also `pulse retention set --days N`.</p>
    </section>
  );
}
