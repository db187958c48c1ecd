// The Events page's event rules: each rule with what it fires on, its props, version and week of firings (a warning at none), its form and versions, and "Pick on my site".
import { query, type PageContext } from '../layout.js';
import type { ListedRule } from '../../reports/personalization.js';
import type { RuleVersion } from '../../model/personalization.js';
import type { Refusal } from '../../validation.js';
import { triggerText, urlMatches } from '../personalization-text.js';
import { propRows, ruleValues, type RuleValues } from '../rule-form.js';
import { isoMinute } from './segment-parts.js';
import { DataTable } from './table.js';

export interface RulesData {
  rules: ListedRule[];
  /** Every version of each rule, newest first. */
  versions: ReadonlyMap<number, RuleVersion[]>;
  /** A refused rule form, shown again where it was: what was typed and why. */
  draft?: { id: number | 'new'; values: RuleValues; refusal: Refusal };
  /** The picker's page: its default, or what was typed and why it was refused. */
  wizard: { url: string; refusal?: Refusal };
}

const kinds = [
  ['click', 'A click on elements'],
  ['submit', 'A form submit'],
  ['page', 'A page view'],
] as const;

/** The refusal's message without its field, beside the field it names. */
function FieldError(props: { refusal: Refusal | undefined; field: string }) {
  const { refusal, field } = props;
  return refusal?.field === field ? <span class="field-error">{refusal.message.slice(field.length + 2)}</span> : null;
}

function RuleForm(props: { ctx: PageContext; id?: number; values: RuleValues; refusal?: Refusal }) {
  const { ctx, id, values, refusal } = props;
  const value = (name: string) => values[name] ?? '';
  const bad = (name: string) => (refusal?.field === name ? 'true' : undefined);
  const input = (name: string, placeholder: string, maxlength: number, required = false) => (
    <input type="text" name={name} value={value(name)} placeholder={placeholder} maxlength={maxlength} required={required} aria-invalid={bad(name)} />
  );
  const used = Object.keys(values).filter((key) => /^props\[\d+\]\.name$/.test(key) && values[key]).length;
  const rows = Array.from({ length: Math.min(propRows, Math.max(2, used + 1)) }, (_, index) => index);
  return (
    <form method="post" action={`/stats/events/rules${id === undefined ? '' : `/${id}`}${query(ctx)}`} class="rule-form" data-rule-form={id ?? 'new'}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {refusal && (
        <p class="error" role="alert">
          {id === undefined ? 'The rule was not created.' : 'The rule was not saved.'} {refusal.message}
        </p>
      )}
      <div class="form-grid">
        <label>
          Event name
          {input('name', 'newsletter_signup', 100, true)}
          <FieldError refusal={refusal} field="name" />
        </label>
        <label>
          Fires on
          <select name="on" aria-invalid={bad('on')}>
            {kinds.map(([kind, label]) => (
              <option value={kind} selected={(value('on') || 'click') === kind}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="element-only">
          <span>
            CSS selector
          </span>
          {input('selector', '#newsletter, button.compare', 300)}
          <FieldError refusal={refusal} field="selector" />
        </label>
        <label class="click-only">
          <span>
            Text contains <span class="sub">(optional)</span>
          </span>
          {input('text', 'Compare', 100)}
          <FieldError refusal={refusal} field="text" />
        </label>
        <label>
          On pages
          <select name="url.match" aria-invalid={bad('url.match')}>
            {urlMatches.map(([match, label]) => (
              <option value={match} selected={value('url.match') === match}>
                {label}
              </option>
            ))}
          </select>
          <FieldError refusal={refusal} field="url" />
        </label>
        <label class="url-value">
          Path, expression or value
          {input('url.value', '/demo/', 2048)}
          <FieldError refusal={refusal} field="url.value" />
        </label>
        <label class="url-param">
          Query parameter
          {input('url.param', 'utm_campaign', 64)}
          <FieldError refusal={refusal} field="url.param" />
        </label>
      </div>
      <fieldset class="prop-rows element-only">
        <legend>Props from the element</legend>
        <p class="note">
          From <code>text</code>, <code>value</code>, <code>href</code>, a <code>data-NAME</code> attribute or, for a submit, <code>field:NAME</code>. Password
          and card fields are never read.
        </p>
        {rows.map((index) => (
          <div class="prop-row">
            <label>
              <span class="visually-hidden">Prop {index + 1} name</span>
              {input(`props[${index}].name`, 'product', 64)}
            </label>
            <span aria-hidden="true">←</span>
            <label>
              <span class="visually-hidden">Prop {index + 1} from</span>
              {input(`props[${index}].from`, 'data-product-id', 80)}
            </label>
            <FieldError refusal={refusal} field={`props[${index}].name`} />
            <FieldError refusal={refusal} field={`props[${index}].from`} />
          </div>
        ))}
        <FieldError refusal={refusal} field="props" />
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary">
          {id === undefined ? 'Create rule' : 'Save as a new version'}
        </button>
      </div>
    </form>
  );
}

function RuleRow(props: { ctx: PageContext; rule: ListedRule; versions: RuleVersion[]; draft: RulesData['draft'] }) {
  const { ctx, rule, versions } = props;
  const draft = props.draft?.id === rule.id ? props.draft : undefined;
  const silent = rule.fires7d === 0;
  return (
    <tr id={`rule-${rule.id}`} data-rule={rule.id} class={silent ? 'silent' : undefined}>
      <td data-label="Rule">
        <span class="event-name">{rule.rule.name}</span>
        <span class="rule-trigger">{triggerText(rule.rule)}</span>
        {rule.rule.props.length > 0 && (
          <span class="rule-props">
            {rule.rule.props.map((prop) => (
              <code>
                {prop.name} ← {prop.from}
              </code>
            ))}
          </span>
        )}
        {silent && (
          <span class="warn" data-silent>
            No matches in 7 days — did a redesign change the page?
          </span>
        )}
        <details class="rule-more" open={draft !== undefined}>
          <summary>Edit</summary>
          <RuleForm ctx={ctx} id={rule.id} values={draft?.values ?? ruleValues(rule.rule)} refusal={draft?.refusal} />
          <form method="post" action={`/stats/events/rules/${rule.id}/delete${query(ctx)}`} class="danger rule-delete">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <span>Deleting the rule stops it on your pages; the events it recorded stay.</span>
            <button type="submit">Delete rule</button>
          </form>
        </details>
        {versions.length > 1 && (
          <details class="rule-more">
            <summary>{versions.length} versions</summary>
            <ol class="versions">
              {versions.map((version) => (
                <li>
                  <b>v{version.version}</b> <span class="muted">{isoMinute(version.savedAt)}</span> · {version.rule.name}: {triggerText(version.rule)}
                </li>
              ))}
            </ol>
          </details>
        )}
      </td>
      <td class="num" data-label="Version">
        v{rule.version}
      </td>
      <td class="num" data-label="Fires, 7 days" data-fires>
        {rule.fires7d.toLocaleString('en')}
      </td>
    </tr>
  );
}

export function EventRulesCard(props: { ctx: PageContext; data: RulesData }) {
  const { ctx, data } = props;
  const newDraft = data.draft?.id === 'new' ? data.draft : undefined;
  return (
    <>
      <section class="card" id="rules">
        <h2>Event rules</h2>
        <p class="note lead-note">
          Events recorded without code: a click, a form submit or a page view on your pages becomes a named event with props from the element. Each save
          is a new version; the firings over the last 7 days show a rule a site change broke.
        </p>
        <DataTable
          scroll="table-scroll"
          class="rules"
          columns={['Rule', ['Version', 'num'], ['Fires, 7 days', 'num']]}
          items={data.rules}
          empty="No rules yet: create one below, or pick the elements on your site."
          row={(rule) => <RuleRow ctx={ctx} rule={rule} versions={data.versions.get(rule.id) ?? []} draft={data.draft} />}
        />
        <details class="new-rule" open={newDraft !== undefined || data.rules.length === 0}>
          <summary>New rule</summary>
          <RuleForm ctx={ctx} values={newDraft?.values ?? { on: 'click' }} refusal={newDraft?.refusal} />
        </details>
      </section>
      <section class="card" id="wizard">
        <h2>Pick on my site</h2>
        <p class="note lead-note">
          Opens your page in a new tab with the picker: point at an element, see how many on the page match, and save the rule. The link signs the
          picker in for 2 hours, for this site only; keep it to yourself.
        </p>
        <form method="post" action={`/stats/events/wizard${query(ctx)}`} target="_blank" rel="noopener" class="wizard-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <label>
            Page to open
            <input type="url" name="url" value={data.wizard.url} required maxlength={2048} placeholder="https://www.example.com/" aria-invalid={data.wizard.refusal ? 'true' : undefined} />
            <FieldError refusal={data.wizard.refusal} field="url" />
          </label>
          <button type="submit" class="primary">
            Open the picker ↗
          </button>
        </form>
      </section>
    </>
  );
}
