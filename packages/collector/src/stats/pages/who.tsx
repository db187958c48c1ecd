// The "Who they are" card of a person's page: socio-demographic traits and community types, theirs and their circle's.
import type { Who } from '../../reports/who.js';
import { educationLabels, genderLabels } from '../../profiles/known-traits.js';
import { DataTable } from './table.js';

const choiceLabels: Record<string, string> = { ...genderLabels, ...educationLabels };
const choice = (value: string | null) => (value === null ? '—' : (choiceLabels[value] ?? value));
const percent = (share: number) => `${Math.round(share * 100)}%`;

type TypeRow = Who['communities'][number] | Who['circle'][number];

function TypeBars(props: { rows: TypeRow[]; label: string; empty: string }) {
  // Sized against the largest, as BarList does: the dominant type's bar is full.
  const max = Math.max(1, ...props.rows.map((row) => row.count));
  return (
    <DataTable
      class="bars types"
      columns={[props.label, ['Count', 'num'], ['Share', 'num']]}
      items={props.rows}
      empty={props.empty}
      row={(row) => (
        <tr class={row.dominant ? 'dominant' : undefined} data-type={row.type}>
          <td>
            <div class="type-row">
              <span class="bar" data-share={Math.round((row.count / max) * 100)}></span>
              <span class="bar-label">{row.label}</span>
              {row.dominant ? <span class="chip dominant-chip">dominant</span> : null}
            </div>
            {'names' in row ? (
              <span class="community-names">
                {row.names.map((name) => (
                  <span class="chip">{name}</span>
                ))}
                {row.more > 0 ? <span class="chip more">+{row.more} more</span> : null}
              </span>
            ) : null}
          </td>
          <td class="num">{row.count.toLocaleString('en')}</td>
          <td class="num">{percent(row.share)}</td>
        </tr>
      )}
    />
  );
}

export function WhoCard(props: { who: Who }) {
  const { who } = props;
  return (
    <section class="card who-card">
      <h2>Who they are</h2>
      <div class="who-grid">
        <dl class="facts">
          <dt>Age</dt>
          <dd data-who="age">{who.ageBand ?? '—'}</dd>
          <dt>Gender</dt>
          <dd data-who="gender">{choice(who.gender)}</dd>
          <dt>Education</dt>
          <dd data-who="education">{choice(who.education)}</dd>
          <dt>Works at</dt>
          <dd data-who="work">{who.work ?? '—'}</dd>
          <dt>Studies at</dt>
          <dd data-who="study">{who.study ?? '—'}</dd>
        </dl>
        <div class="who-communities">
          <h3>Communities</h3>
          <TypeBars rows={who.communities} label="Type" empty="No communities in their traits." />
        </div>
        <div class="who-circle">
          <h3>Their circle</h3>
          {who.contacts === 0 ? (
            <p class="empty">No contacts in their traits.</p>
          ) : (
            <TypeBars rows={who.circle} label="Type" empty={`None of their ${who.contacts} contacts has communities yet.`} />
          )}
          {who.contacts > 0 ? (
            <p class="note">
              Communities of their {who.contacts} {who.contacts === 1 ? 'contact' : 'contacts'}, summed by type.
            </p>
          ) : null}
        </div>
      </div>
      {who.ageFrom !== null ? <p class="note">Age band from their {who.ageFrom}, as of today.</p> : null}
    </section>
  );
}
