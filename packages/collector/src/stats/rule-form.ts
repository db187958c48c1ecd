// The event rule form as posted — fields named by the rule's own paths (url.value, props[0].from) — read by parseEventRule, and a saved rule back into those fields.
import type { EventRule } from '@pulse/wire/personalization';
import { parseEventRule } from '../personalization/validate.js';
import { InputError, type Refusal } from '../validation.js';
import { formFieldOf, renamed, rowIndexes } from './form-rows.js';

/** A rule form as posted and shown. */
export type RuleValues = Record<string, string>;

/** The prop rows a form offers: the schema's ten. */
export const propRows = 10;

const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The rule a posted form describes, or why not with the field as the form names it. */
export function readRuleForm(form: Record<string, unknown>): { rule: EventRule; refusal?: undefined } | { rule?: undefined; refusal: Refusal } {
  const field = (name: string) => one(form[name]);
  const on = field('on');
  const match = field('url.match');
  const optional = (name: string) => (field(name) ? field(name) : undefined);
  // A row with neither half filled is a spare: the k-th prop read is the form's row kept[k].
  const kept = rowIndexes(form, 'props', propRows).filter((index) => field(`props[${index}].name`) || field(`props[${index}].from`));
  const input = {
    name: field('name'),
    on,
    // The form keeps every field of every kind; only those of the chosen kind are the rule's.
    selector: on === 'page' ? undefined : optional('selector'),
    text: on === 'click' ? optional('text') : undefined,
    url: !match ? undefined : match === 'query' ? { match, param: field('url.param'), value: optional('url.value') } : { match, value: field('url.value') },
    props: on === 'page' ? [] : kept.map((index) => ({ name: field(`props[${index}].name`), from: field(`props[${index}].from`) })),
  };
  try {
    return { rule: parseEventRule(input) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { refusal: renamed(error, formFieldOf('props', kept)) };
  }
}

/** A saved rule as the form's fields, so saving it unchanged saves the same rule. */
export function ruleValues(rule: EventRule): RuleValues {
  const values: RuleValues = { name: rule.name, on: rule.on, selector: rule.selector ?? '', text: rule.text ?? '' };
  if (rule.url) Object.assign(values, { 'url.match': rule.url.match, 'url.value': rule.url.value ?? '', ...(rule.url.match === 'query' ? { 'url.param': rule.url.param } : {}) });
  rule.props.forEach((prop, index) => Object.assign(values, { [`props[${index}].name`]: prop.name, [`props[${index}].from`]: prop.from }));
  return values;
}
