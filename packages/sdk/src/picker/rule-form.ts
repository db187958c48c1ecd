// The picker's rule form: the proposed selector (editable, with its live match count and warnings), the text condition, the props to record, or the page's URL rule; then the event's name, saved to the collector.
import type { wireLimits } from '@pulse/wire';
import type { UrlRule } from '@pulse/wire/personalization';
import { element } from '../element';
import type { RuleDraft, WizardApi, WizardError } from './api';
import { matchingElements } from './matches';
import { matchesUrl } from '../site/url-rule';
import type { PropOffer } from './props';
import { selectorWarning } from './selector';

/** What the form starts from: a picked element's proposal, this page's URL, or a saved rule to change (its id). */
export interface Draft {
  on: 'click' | 'submit' | 'page';
  id?: number;
  name?: string;
  selector?: string;
  /** The text condition offered; on when `useText`. */
  text?: string;
  useText?: boolean;
  url?: UrlRule;
  props?: PropOffer[];
  /** The sources of the props ticked at first. */
  ticked?: string[];
}

/** The collector's longest event name, typed as @pulse/wire's so the two cannot drift. */
const maxName: (typeof wireLimits)['nameLength'] = 100;
const titles = { click: 'clicks', submit: 'form submits', page: 'page views' };
/** Page rules as the form offers them; a regex rule is kept when a saved one is edited. */
const urlMatchLabels = { exact: 'This exact path', prefix: 'Paths starting with', query: 'Pages with the query parameter', regex: 'Path and query matching the regex' };

/** What a page rule proposes for this URL: its path exactly, the section it is in, or its first query parameter. */
function proposedUrl(match: UrlRule['match']): UrlRule {
  const { pathname, searchParams } = new URL(location.href);
  const [param = '', value = ''] = [...searchParams][0] || [];
  if (match === 'query') return { match, param, value };
  const section = pathname.replace(/[^/]+\/?$/, '');
  return { match: match as 'exact', value: match === 'prefix' && section.length > 1 ? section : pathname };
}

const checkbox = (label: string, checked = false, note = '') => {
  const box = element('input', { type: 'checkbox' });
  box.checked = checked;
  const wrap = element('label', { class: 'check' });
  wrap.append(box, element('span', {}, label), element('small', {}, note));
  return [box, wrap] as const;
};

/**
 * The form for `draft`: it outlines what the selector matches as it is edited, and saves the rule
 * with the wizard token; a refusal is shown beside the field the collector names, a saved rule's
 * version in the form's status, and `saved` is told so the rule list is fetched again.
 */
export function ruleForm(draft: Draft, api: WizardApi, outline: (nodes: Element[]) => void, saved: () => void): HTMLFormElement {
  const form = element('form', { class: 'rule', novalidate: '' });
  const status = element('p', { class: 'status', role: 'status' });
  const problems: Record<string, HTMLElement> = {};
  /** A field's label (for `control`, when it has one), its parts, and the slot where a refusal naming the field `name` is shown. */
  const field = (name: string, label: string, control: HTMLElement | null, ...parts: HTMLElement[]) => {
    const wrap = element('div', { class: 'field' });
    if (control) wrap.append(element('label', { for: (control.id = name) }, label));
    wrap.append(...parts, (problems[name] = element('p', { class: 'problem', role: 'alert' })));
    form.append(wrap);
  };
  const input = (value = '', attributes: Record<string, string> = {}) => {
    const node = element('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attributes });
    node.value = value;
    return node;
  };

  const title = element('h3', {}, draft.id ? `Change “${draft.name}”` : `Track ${titles[draft.on]}`);
  form.append(title);
  const count = element('span', { class: 'pill', 'aria-live': 'polite' });
  const warning = element('p', { class: 'warn' });
  const selector = input(draft.selector, { class: 'code' });
  const text = input(draft.text, { maxlength: '100' });
  const [useText, textRow] = checkbox('Only when its text contains', draft.useText);
  textRow.append(text);
  const match = element('select');
  const value = input('', { 'aria-label': 'Path or value' });
  const param = input('', { placeholder: 'parameter', 'aria-label': 'Query parameter' });
  const offers = (draft.props || []).map((offer) => [checkbox(offer.name, draft.ticked?.includes(offer.from), `${offer.from}${offer.sample ? ` · ${offer.sample}` : ''}`), offer] as const);

  const url = (): UrlRule =>
    match.value === 'query'
      ? { match: 'query', param: param.value.trim(), ...(value.value ? { value: value.value } : {}) }
      : { match: match.value as 'exact', value: value.value.trim() };
  const setUrl = (rule: UrlRule) => {
    match.value = rule.match;
    value.value = rule.value || '';
    param.value = rule.match === 'query' ? rule.param : '';
    param.hidden = rule.match !== 'query';
    value.placeholder = rule.match === 'query' ? 'any value' : '/path';
  };
  /** The live checks: how many elements match here (each outlined) and why the selector may break, or whether this page is one of the rule's. */
  const check = () => {
    if (draft.on === 'page') {
      const here = matchesUrl(url());
      count.textContent = here ? 'matches this page' : 'not this page';
      count.className = here ? 'pill' : 'pill zero';
      return;
    }
    const found = matchingElements(selector.value, useText.checked ? text.value : '');
    count.textContent = found ? `${found.length} on this page` : 'not a selector';
    count.className = found?.length ? 'pill' : 'pill zero';
    warning.textContent = !found
      ? 'The browser cannot read this selector.'
      : found.length
        ? selectorWarning(selector.value)
        : 'It matches nothing on this page. Check it, unless the rule is for other pages.';
    outline(found || []);
  };

  if (draft.on === 'page') {
    for (const [rule, label] of Object.entries(urlMatchLabels)) if (rule !== 'regex' || draft.url?.match === rule) match.append(element('option', { value: rule }, label));
    match.onchange = () => (setUrl(proposedUrl(match.value as UrlRule['match'])), check());
    setUrl(draft.url || proposedUrl('exact'));
    const row = element('div', { class: 'row' });
    row.append(param, value, count);
    field('url', 'Which pages', match, match, row);
  } else {
    const row = element('div', { class: 'row' });
    row.append(selector, count);
    field('selector', draft.on === 'click' ? 'Elements clicked (CSS selector)' : 'Forms submitted (CSS selector)', selector, row, warning);
    if (draft.on === 'click') field('text', '', null, textRow);
    if (offers.length) {
      const props = element('fieldset');
      props.append(element('legend', {}, 'Record with the event'), ...offers.map(([[, row]]) => row), (problems.props = element('p', { class: 'problem', role: 'alert' })));
      form.append(props);
    }
  }
  const name = input(draft.name, { placeholder: draft.on === 'submit' ? 'e.g. newsletter_signup' : draft.on === 'page' ? 'e.g. viewed_pricing' : 'e.g. compare_click' });
  const save = element('button', { type: 'submit', class: 'primary' }, draft.id ? 'Save new version' : 'Save event');
  const row = element('div', { class: 'row' });
  row.append(name, save);
  field('name', 'Event name', name, row);
  form.append(status);
  form.oninput = check;
  check();

  const refuse = (at: string | undefined, message: string) => {
    const slot = problems[at || ''] || status;
    slot.textContent = message;
    if (slot !== status) (slot.parentElement!.querySelector('input,select') as HTMLElement | null)?.focus();
  };
  form.onsubmit = async (event) => {
    event.preventDefault();
    for (const slot of [status, ...Object.values(problems)]) slot.textContent = '';
    const named = name.value.trim();
    if (!named || named.length > maxName) return refuse('name', `Give the event a name of 1 to ${maxName} characters.`);
    const rule: RuleDraft =
      draft.on === 'page'
        ? { name: named, on: 'page', url: url() }
        : {
            name: named,
            on: draft.on,
            selector: selector.value.trim(),
            ...(useText.checked && text.value.trim() ? { text: text.value.trim() } : {}),
            props: offers.filter(([[box]]) => box.checked).map(([, offer]) => ({ name: offer.name, from: offer.from })),
          };
    if (draft.id) rule.id = draft.id;
    save.disabled = true;
    try {
      const answer = await api.save(rule);
      // The form stays open: saving again makes the next version of this rule, not another rule.
      draft.id = answer.id;
      draft.name = named;
      title.textContent = `Change “${named}”`;
      save.textContent = 'Save new version';
      status.textContent = `Saved “${named}”, version ${answer.version}. It counts from the next ${titles[draft.on].replace(/s$/, '')}.`;
      saved();
    } catch (error) {
      const { status: code, field: at, message } = error as WizardError;
      refuse(at, code ? message : 'Pulse could not be reached. Please try again.');
    } finally {
      save.disabled = false;
    }
  };
  return form;
}
