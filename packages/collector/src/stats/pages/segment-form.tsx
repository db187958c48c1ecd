// The segment form: conditions as rows that write the JSON rules, the JSON shown, and a box to edit it directly.
import type { Child } from 'hono/jsx';
import { Page, query, type PageContext } from '../layout.js';
import { blankRow, type ChoiceField, type FormError, type FormRow, type FormState } from '../segment-form.js';
import type { ClusterChoice } from '../../reports/clusters.js';
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
const traitTests: [FormRow['traitOp'], string][] = [['eq', 'equals'], ['in', 'is one of'], ['gte', 'at least'], ['lte', 'at most'], ['exists', 'is set'], ['missing', 'is not set']];
const comparisons: [FormRow['cmp'], string][] = [['gte', 'at least'], ['lte', 'at most'], ['eq', 'exactly']];
const seenTests: [FormRow['seen'], string][] = [['within', 'within the last'], ['older', 'more than']];
const propTests: [FormRow['propOp'], string][] = [['eq', '='], ['ne', '≠'], ['gt', '>'], ['gte', '≥'], ['lt', '<'], ['lte', '≤']];
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
  /** The browser key as saved or typed; empty: not shown to browsers. */
  browserKey: string;
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
        <label class="field browser-key">
          <span>Show to the visitor's browser as</span>
          <input
            type="text"
            name="browser_key"
            value={props.browserKey}
            maxlength={64}
            pattern="[a-z0-9][a-z0-9_\-]{0,63}"
            placeholder="not shown (e.g. high-interest)"
            aria-describedby="browser-key-about"
            aria-invalid={error?.field === 'browser_key' ? 'true' : undefined}
          />
          {error?.field === 'browser_key' && <span class="field-error">{error.message.replace(/^.*browser_key: /, '')}</span>}
          <span class="note" id="browser-key-about">
            With a key (lower-case letters, digits, - and _), a member's own pages can read through <code>pulse.profile()</code> that they are in this
            segment, and placements can target it; nothing else about them. Empty: not shown.
          </span>
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
          <p class="note">What these conditions write, as the REST API takes it.</p>
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

/** One field of a condition row; the form's script shows it only for the condition kinds in `kinds`. */
function Field(props: { label: string; kinds: string; size?: 'narrow' | 'wide'; children: Child }) {
  return (
    <label class={props.size ? `f ${props.size}` : 'f'} data-for={props.kinds}>
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

type TextField = 'event' | 'sum' | 'trait' | 'n' | 'share' | 'days' | 'value' | 'prop' | 'propValue';
type ListField = 'traitOp' | 'shareType' | 'cmp' | 'seen' | 'propOp';

function ConditionRow(props: { row: FormRow; index: number; invalid: string | undefined; clusters: ClusterChoice[]; clustersHref: string }) {
  const { row, index, invalid } = props;
  const name = (field: string) => `cond.${index}.${field}`;
  const bad = (field: string) => (invalid === field ? 'true' : undefined);
  const text = (field: TextField, placeholder: string, input: { inputmode?: 'decimal' | 'numeric'; maxlength?: number }) => (
    <input type="text" inputmode={input.inputmode} name={name(field)} value={row[field]} placeholder={placeholder} maxlength={input.maxlength} aria-invalid={bad(field)} />
  );
  const select = <F extends ListField>(field: F, choices: [FormRow[F], string][]) => (
    <select name={name(field)} aria-invalid={bad(field)}>
      {options(choices, row[field])}
    </select>
  );
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
        <Field label="Event" kinds="event sum">{text('event', 'product_view', { maxlength: 100 })}</Field>
        <Field label="Prop to total" kinds="sum">{text('sum', 'value', { maxlength: 64 })}</Field>
        <Field label="Trait" kinds="trait">{text('trait', 'plan', { maxlength: 64 })}</Field>
        <Field label="Test" kinds="trait">{select('traitOp', traitTests)}</Field>
        <Field label="Community type" kinds="communityShare">{select('shareType', communityTypes)}</Field>
        <Field label="Compare" kinds="event sum score communityShare">{select('cmp', comparisons)}</Field>
        <Field label="Number" kinds="event sum score" size="narrow">{text('n', '2', { inputmode: 'decimal' })}</Field>
        <Field label="When" kinds="firstSeen lastSeen">{select('seen', seenTests)}</Field>
        <Field label="% of their communities" kinds="communityShare">{text('share', '50', { inputmode: 'decimal' })}</Field>
        <Field label="Days" kinds="event sum firstSeen lastSeen" size="narrow">{text('days', '7', { inputmode: 'numeric' })}</Field>
        <Field label="Value (lists: comma-separated)" kinds="trait country city" size="wide">{text('value', 'DE, FR', { maxlength: 2000 })}</Field>
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
        <Field label="Where prop (optional)" kinds="event sum">{text('prop', 'category', { maxlength: 64 })}</Field>
        <Field label="is" kinds="event sum" size="narrow">{select('propOp', propTests)}</Field>
        <Field label="Prop value" kinds="event sum">{text('propValue', 'Shoes', { maxlength: 1024 })}</Field>
      </div>
    </li>
  );
}
