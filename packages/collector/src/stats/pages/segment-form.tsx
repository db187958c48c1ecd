// The segment form: conditions as rows that write the JSON rules, the JSON shown, and a box to edit it directly.
import type { Child } from 'hono/jsx';
import { Page, query, type PageContext } from '../layout.js';
import { blankRow, type ChoiceField, type FormError, type FormRow, type FormState } from '../segment-form.js';
import type { ClusterChoice } from '../clusters.js';
import { ageBandLabels } from '../../profiles/age.js';
import { communityTypeLabels, educationLabels, genderLabels } from '../../profiles/known-traits.js';
import { Notice } from './segment-parts.js';

type Kind = Exclude<FormRow['kind'], ''>;
const kindGroups: [string, [Kind, string][]][] = [
  ['What they did', [['event', 'Did an event'], ['sum', 'Total of an event prop'], ['score', 'Score'], ['group', 'Group'], ['firstSeen', 'First seen'], ['lastSeen', 'Last seen']]],
  ['Who they are', [['ageBand', 'Age band'], ['gender', 'Gender'], ['education', 'Education'], ['trait', 'Trait']]],
  ['Where and on what', [['country', 'Country'], ['city', 'City'], ['device', 'Device']]],
  [
    'Communities and clusters',
    [['dominantCommunity', 'Their communities are mostly'], ['circleCommunity', "Their contacts' communities are mostly"], ['communityShare', 'Share of a community type'], ['cluster', 'Cluster']],
  ],
];
const pairs = (labels: Record<string, string>) => Object.entries(labels);
const communityTypes = pairs(communityTypeLabels);
/** The checkbox sets: which field, shown for which kinds, with which choices (clusters come from the site's model). */
const choiceSets: { field: Exclude<ChoiceField, 'clusters'>; kinds: string; legend: string; choices: [string, string][] }[] = [
  { field: 'groups', kinds: 'group', legend: 'Groups', choices: [['new', 'new'], ['active', 'active'], ['passive', 'passive']] },
  { field: 'devices', kinds: 'device', legend: 'Devices', choices: [['desktop', 'desktop'], ['tablet', 'tablet'], ['phone', 'phone']] },
  { field: 'ageBands', kinds: 'ageBand', legend: 'Age now', choices: pairs(ageBandLabels) },
  { field: 'genders', kinds: 'gender', legend: 'Gender', choices: pairs(genderLabels) },
  { field: 'educations', kinds: 'education', legend: 'Education', choices: pairs(educationLabels) },
  { field: 'communities', kinds: 'dominantCommunity circleCommunity', legend: 'Types (any of)', choices: communityTypes },
];
const options = <T extends string>(choices: [T, string][], selected: T) =>
  choices.map(([value, label]) => (
    <option value={value} selected={value === selected}>
      {label}
    </option>
  ));

export function SegmentFormPage(props: {
  ctx: PageContext;
  state: FormState;
  /** The saved segment being edited, or undefined for a new one. */
  segmentId?: number | undefined;
  error?: FormError | undefined;
  /** Open the JSON box: the JSON was what was posted, or the rules need it. */
  jsonOpen?: boolean;
  /** The site's current clusters, offered to cluster conditions. */
  clusters: ClusterChoice[];
}) {
  const { ctx, state, error, segmentId } = props;
  const q = query(ctx, {});
  const action = segmentId === undefined ? `/stats/segments/new${q}` : `/stats/segments/${segmentId}/edit${q}`;
  // A spare row stays at the end: without scripts it is how another condition is added.
  const rows = [...state.rows, blankRow()];
  return (
    <Page ctx={ctx} title={segmentId === undefined ? 'New segment' : 'Edit segment'}>
      <script src="/stats/assets/segments.js" defer></script>
      <p class="crumbs">
        <a href={`/stats/segments${q}`}>← All segments</a>
      </p>
      <form class="card segment-form" method="post" action={action}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Notice error text={error?.message} />
        <label class="field">
          <span>Name</span>
          <input type="text" name="name" value={state.name} maxlength={100} required aria-invalid={error?.message.startsWith('name') ? 'true' : undefined} />
        </label>
        {state.jsonOnly ? (
          <p class="note">These rules nest groups of conditions that the rows cannot show: edit them as JSON below.</p>
        ) : (
          <>
            <label class="field match">
              <span>People who match</span>
              <select name="match">
                {options(
                  [
                    ['all', 'all of these conditions'],
                    ['any', 'any of these conditions'],
                  ],
                  state.match,
                )}
              </select>
            </label>
            <ol class="conds" data-conditions>
              {rows.map((row, i) => (
                <ConditionRow row={row} index={i} invalid={error?.row === i ? error.field ?? '' : undefined} clusters={props.clusters} clustersHref={`/stats/clusters${q}`} />
              ))}
            </ol>
            <button type="button" class="secondary" data-add-condition hidden>
              + Add condition
            </button>
          </>
        )}
        <div class="form-actions">
          {!state.jsonOnly && (
            <>
              <button type="submit" name="source" value="rows">
                Save segment
              </button>
              <button type="submit" name="source" value="preview" class="secondary" formnovalidate>
                Show JSON
              </button>
            </>
          )}
          <a href={segmentId === undefined ? `/stats/segments${q}` : `/stats/segments/${segmentId}${q}`}>Cancel</a>
          {segmentId !== undefined && (
            <a class="danger" href={`/stats/segments/${segmentId}/delete${q}`}>
              Delete…
            </a>
          )}
        </div>
        <section class="rules-json">
          <h2>Rules as JSON</h2>
          <p class="note">What these conditions write, as the admin API takes it.</p>
          <pre class="json" data-rules-json>{state.json}</pre>
          <details open={props.jsonOpen || state.jsonOnly}>
            <summary>Advanced: edit the JSON</summary>
            <textarea name="json" rows={12} spellcheck={false} aria-label="Rules as JSON">
              {state.json}
            </textarea>
            <button type="submit" name="source" value="json">
              Save from JSON
            </button>
          </details>
        </section>
      </form>
    </Page>
  );
}

function ConditionRow(props: { row: FormRow; index: number; invalid: string | undefined; clusters: ClusterChoice[]; clustersHref: string }) {
  const { row, index, invalid } = props;
  const name = (field: string) => `cond.${index}.${field}`;
  const bad = (field: string) => (invalid === field ? 'true' : undefined);
  const check = (field: ChoiceField, value: string, label: Child) => (
    <label class="check">
      <input type="checkbox" name={name(field)} value={value} checked={row[field].includes(value)} aria-invalid={bad(field)} />
      {label}
    </label>
  );
  // A saved rule may name clusters a refit has since dropped: they stay offered, so the rule round-trips.
  const modelled = new Set(props.clusters.map((c) => String(c.cluster)));
  const gone = row.clusters.filter((c) => !modelled.has(c));
  return (
    <li class={invalid !== undefined ? 'cond invalid' : 'cond'} data-cond>
      <div class="cond-head">
        <select class="kind" name={name('kind')} aria-label="Condition">
          <option value="" selected={row.kind === ''}>
            Add a condition…
          </option>
          {kindGroups.map(([label, kinds]) => (
            <optgroup label={label}>{options(kinds, row.kind)}</optgroup>
          ))}
        </select>
        <label class="check not">
          <input type="checkbox" name={name('not')} checked={row.not === 'on'} />
          exclude (not)
        </label>
        <button type="button" class="link remove" data-remove-condition hidden>
          Remove
        </button>
      </div>
      <div class="cond-fields">
        <label class="f" data-for="event sum">
          <span>Event</span>
          <input type="text" name={name('event')} value={row.event} placeholder="product_view" maxlength={100} aria-invalid={bad('event')} />
        </label>
        <label class="f" data-for="sum">
          <span>Prop to total</span>
          <input type="text" name={name('sum')} value={row.sum} placeholder="value" maxlength={64} aria-invalid={bad('sum')} />
        </label>
        <label class="f" data-for="trait">
          <span>Trait</span>
          <input type="text" name={name('trait')} value={row.trait} placeholder="plan" maxlength={64} aria-invalid={bad('trait')} />
        </label>
        <label class="f" data-for="trait">
          <span>Test</span>
          <select name={name('traitOp')} aria-invalid={bad('traitOp')}>
            {options(
              [
                ['eq', 'equals'],
                ['in', 'is one of'],
                ['gte', 'at least'],
                ['lte', 'at most'],
                ['exists', 'is set'],
                ['missing', 'is not set'],
              ],
              row.traitOp,
            )}
          </select>
        </label>
        <label class="f" data-for="communityShare">
          <span>Community type</span>
          <select name={name('shareType')} aria-invalid={bad('shareType')}>
            {options(communityTypes, row.shareType)}
          </select>
        </label>
        <label class="f" data-for="event sum score communityShare">
          <span>Compare</span>
          <select name={name('cmp')}>
            {options(
              [
                ['gte', 'at least'],
                ['lte', 'at most'],
                ['eq', 'exactly'],
              ],
              row.cmp,
            )}
          </select>
        </label>
        <label class="f narrow" data-for="event sum score">
          <span>Number</span>
          <input type="text" inputmode="decimal" name={name('n')} value={row.n} placeholder="2" aria-invalid={bad('n')} />
        </label>
        <label class="f" data-for="firstSeen lastSeen">
          <span>When</span>
          <select name={name('seen')}>
            {options(
              [
                ['within', 'within the last'],
                ['older', 'more than'],
              ],
              row.seen,
            )}
          </select>
        </label>
        <label class="f" data-for="communityShare">
          <span>% of their communities</span>
          <input type="text" inputmode="decimal" name={name('share')} value={row.share} placeholder="50" aria-invalid={bad('share')} />
        </label>
        <label class="f narrow" data-for="event sum firstSeen lastSeen">
          <span>Days</span>
          <input type="text" inputmode="numeric" name={name('days')} value={row.days} placeholder="7" aria-invalid={bad('days')} />
        </label>
        <label class="f wide" data-for="trait country city">
          <span>Value (lists: comma-separated)</span>
          <input type="text" name={name('value')} value={row.value} placeholder="DE, FR" maxlength={2000} aria-invalid={bad('value')} />
        </label>
        {choiceSets.map((set) => (
          <fieldset class="f checks" data-for={set.kinds}>
            <legend>{set.legend}</legend>
            {set.choices.map(([value, label]) => check(set.field, value, label))}
          </fieldset>
        ))}
        <fieldset class="f checks clusters" data-for="cluster">
          <legend>Clusters (any of)</legend>
          {props.clusters.map((c) =>
            check(
              'clusters',
              String(c.cluster),
              <span>
                <b>Cluster {c.cluster}</b> <span class="sub">{c.words.join(', ')} · {c.people.toLocaleString('en')} people</span>
              </span>,
            ),
          )}
          {gone.map((c) => check('clusters', c, <span>Cluster {c} <span class="sub">(not in the current model)</span></span>))}
          {props.clusters.length + gone.length === 0 && (
            <p class="note">
              No clusters yet: <a href={props.clustersHref}>fit them on the Clusters page</a>, then pick them here.
            </p>
          )}
        </fieldset>
        <label class="f" data-for="event sum">
          <span>Where prop (optional)</span>
          <input type="text" name={name('prop')} value={row.prop} placeholder="category" maxlength={64} aria-invalid={bad('prop')} />
        </label>
        <label class="f narrow" data-for="event sum">
          <span>is</span>
          <select name={name('propOp')}>
            {options(
              [
                ['eq', '='],
                ['ne', '≠'],
                ['gt', '>'],
                ['gte', '≥'],
                ['lt', '<'],
                ['lte', '≤'],
              ],
              row.propOp,
            )}
          </select>
        </label>
        <label class="f" data-for="event sum">
          <span>Prop value</span>
          <input type="text" name={name('propValue')} value={row.propValue} placeholder="Shoes" maxlength={1024} />
        </label>
      </div>
    </li>
  );
}
