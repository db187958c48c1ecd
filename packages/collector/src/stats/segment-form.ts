// The segment form: its posted fields (zod), the rule they write, and the rows a saved rule fills back in.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { deepestIssue, firstIssue } from '../validation.js';
import { ruleSchema, type Rule } from '../model/rule.js';

export const conditionKinds = [
  'event', 'sum', 'score', 'group', 'trait', 'country', 'city', 'device', 'firstSeen', 'lastSeen',
  'ageBand', 'gender', 'education', 'dominantCommunity', 'circleCommunity', 'communityShare', 'cluster',
] as const;
export type ConditionKind = (typeof conditionKinds)[number];

const text = z.string().max(2_000).default('');
// As many as a rule may list (clusters: 100); what each one may be is the rule schema's to judge.
const choices = z.union([z.string().max(20).transform((v) => [v]), z.array(z.string().max(20)).max(100)]).default([]);

/** One condition row as the form posts it; a row with no kind is the spare one and is skipped. */
const rowSchema = z.object({
  kind: z.enum(['', ...conditionKinds]).default(''),
  not: z.literal('on').optional(),
  event: text,
  sum: text,
  trait: text,
  cmp: z.enum(['gte', 'lte', 'eq']).default('gte'),
  n: text,
  days: text,
  prop: text,
  propOp: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']).default('eq'),
  propValue: text,
  traitOp: z.enum(['eq', 'in', 'gte', 'lte', 'exists', 'missing']).default('eq'),
  value: text,
  seen: z.enum(['within', 'older']).default('within'),
  groups: choices,
  devices: choices,
  ageBands: choices,
  genders: choices,
  educations: choices,
  communities: choices,
  clusters: choices,
  shareType: z.string().max(40).default(''),
  /** A community type's share as a percentage (0 to 100); the rule holds it as 0 to 1. */
  share: text,
});
export type FormRow = z.output<typeof rowSchema>;

/** Kinds whose row is a set of checkboxes, writing `{key: [checked values]}`: the rule key and the posted field. */
export const choiceKinds = {
  group: ['lifecycle', 'groups'],
  device: ['device', 'devices'],
  ageBand: ['ageBand', 'ageBands'],
  gender: ['gender', 'genders'],
  education: ['education', 'educations'],
  dominantCommunity: ['dominantCommunity', 'communities'],
  circleCommunity: ['circleCommunity', 'communities'],
  cluster: ['cluster', 'clusters'],
} as const satisfies Partial<Record<ConditionKind, readonly [string, keyof FormRow]>>;
type ChoiceKind = keyof typeof choiceKinds;
export type ChoiceField = (typeof choiceKinds)[ChoiceKind][1];
const isChoiceKind = (kind: string): kind is ChoiceKind => Object.hasOwn(choiceKinds, kind);

const nameSchema = z.string().trim().min(1, 'give the segment a name').max(100);

export const segmentFormSchema = z.object({
  name: z.string().max(1_000).default(''),
  match: z.enum(['all', 'any']).default('all'),
  /** Which button was pressed: save the rows, save the JSON typed in, or only show the JSON the rows write. */
  source: z.enum(['rows', 'json', 'preview']).default('rows'),
  json: z.string().max(100_000).default(''),
  cond: z.array(rowSchema).max(50, 'at most 50 conditions'),
});

/** What the form shows: filled from a saved segment, or from what was just posted. */
export interface FormState {
  name: string;
  match: 'all' | 'any';
  rows: FormRow[];
  json: string;
  /** The rules nest deeper than rows can show: only the JSON box edits them. */
  jsonOnly: boolean;
}

export interface FormError {
  message: string;
  /** The row (0-based, among the filled rows) and the field to mark, when the problem is in one. */
  row?: number;
  field?: string;
}

export const blankRow = (kind: FormRow['kind'] = ''): FormRow => rowSchema.parse({ kind });

const number = (s: string): unknown => (s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : s.trim());
const scalar = (s: string): string | number | boolean => {
  const t = s.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
};
const list = (s: string) => s.split(',').map((v) => v.trim()).filter((v) => v !== '');
const compare = (cmp: FormRow['cmp'], value: unknown) => (cmp === 'eq' ? { gte: value, lte: value } : { [cmp]: value });
/** A typed percentage ('40' or '40%') as the 0-to-1 share a rule holds; anything else goes on for the schema to refuse. */
const shareOf = (s: string) => {
  const value = number(s.trim().replace(/%$/, ''));
  return typeof value === 'number' ? value / 100 : value;
};
// 0.07 * 100 is 7.000000000000001: rounded to what a person typed. formOf checks the way back.
const percentOf = (share: number) => String(Number((share * 100).toPrecision(12)));
const whereOf = (row: FormRow) => (row.prop.trim() === '' ? {} : { where: [{ prop: row.prop.trim(), op: row.propOp, value: scalar(row.propValue) }] });

/** The condition a filled row writes, unchecked: the rule schema judges it. */
function conditionOf(row: FormRow): unknown {
  if (isChoiceKind(row.kind)) {
    const [key, field] = choiceKinds[row.kind];
    // Cluster numbers post as text like every field.
    return { [key]: key === 'cluster' ? row[field].map(number) : row[field] };
  }
  switch (row.kind) {
    case 'event':
      return { event: row.event.trim(), ...whereOf(row), withinDays: number(row.days), count: compare(row.cmp, number(row.n)) };
    case 'sum':
      return { event: row.event.trim(), ...whereOf(row), withinDays: number(row.days), sum: row.sum.trim(), range: compare(row.cmp, number(row.n)) };
    case 'score':
      return { score: compare(row.cmp, number(row.n)) };
    case 'communityShare':
      return { communityShare: { type: row.shareType, range: compare(row.cmp, shareOf(row.share)) } };
    case 'trait': {
      const trait = row.trait.trim();
      if (row.traitOp === 'exists' || row.traitOp === 'missing') return { trait, exists: row.traitOp === 'exists' };
      if (row.traitOp === 'in') return { trait, in: list(row.value).map(scalar) };
      if (row.traitOp === 'eq') return { trait, equals: scalar(row.value) };
      return { trait, range: { [row.traitOp]: number(row.value) } };
    }
    case 'country':
    case 'city':
      return { [row.kind]: list(row.value) };
    case 'firstSeen':
    case 'lastSeen':
      return { [row.kind]: { [row.seen === 'within' ? 'withinDays' : 'olderThanDays']: number(row.days) } };
    default:
      return {};
  }
}

/** The rule rows write: all or any of them, each possibly negated. */
export function rowsRule(match: 'all' | 'any', rows: FormRow[]): unknown {
  const conditions = rows.map((row) => (row.not ? { not: conditionOf(row) } : conditionOf(row)));
  return match === 'all' ? { all: conditions } : { any: conditions };
}

// Which form field a rule key (or key.subkey) comes from, to point at it when the rule schema refuses it.
const fieldOfKey: Record<string, string> = {
  event: 'event', withinDays: 'days', count: 'n', sum: 'sum', where: 'prop', score: 'n', trait: 'trait',
  equals: 'value', in: 'value', exists: 'traitOp', country: 'value', city: 'value', firstSeen: 'days', lastSeen: 'days',
  'communityShare.type': 'shareType', communityShare: 'share',
  ...Object.fromEntries(Object.values(choiceKinds)),
};
export const fieldLabels: Record<string, string> = {
  event: 'event', days: 'days', n: 'number', sum: 'summed prop', prop: 'prop', trait: 'trait', value: 'value', groups: 'groups',
  devices: 'devices', traitOp: 'test', ageBands: 'age bands', genders: 'genders', educations: 'education', communities: 'community types',
  clusters: 'clusters', shareType: 'community type', share: 'share (%)',
};
/** Fields whose value the form converts before the rule sees it: the schema's words would not fit what was typed. */
const fieldMessages: Record<string, string> = { share: 'must be a percentage from 0 to 100' };

function rangeRow(range: Record<string, unknown>, show: (n: number) => string = String): Pick<FormRow, 'cmp' | 'n'> | null {
  const keys = Object.keys(range).sort().join();
  if (keys === 'gte,lte' && range.gte === range.lte) return { cmp: 'eq', n: show(range.gte as number) };
  if (keys === 'gte' || keys === 'lte') return { cmp: keys as 'gte' | 'lte', n: show(range[keys] as number) };
  return null;
}
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The row that writes a condition, when one can; otherwise null (the caller checks by writing the rows back). */
function rowOf(rule: Rule): FormRow | null {
  if ('not' in rule) {
    const row = rowOf(rule.not);
    return row && !row.not ? { ...row, not: 'on' } : null;
  }
  if ('all' in rule || 'any' in rule) return null;
  const row = blankRow();
  for (const [kind, [key, field]] of Object.entries(choiceKinds)) {
    if (key in rule) return { ...row, kind: kind as ChoiceKind, [field]: (rule as Record<string, unknown[]>)[key]!.map(String) };
  }
  if ('event' in rule) {
    const where = rule.where?.[0];
    const range = rangeRow('sum' in rule ? rule.range : rule.count);
    if (!range || (rule.where?.length ?? 0) > 1 || (where && Array.isArray(where.value)) || where?.op === 'in') return null;
    return {
      ...row, ...range, kind: 'sum' in rule ? 'sum' : 'event', event: rule.event, sum: 'sum' in rule ? rule.sum : '', days: String(rule.withinDays),
      ...(where ? { prop: where.prop, propOp: where.op as FormRow['propOp'], propValue: shown(where.value) } : {}),
    };
  }
  if ('score' in rule) {
    const range = rangeRow(rule.score);
    return range && { ...row, ...range, kind: 'score' };
  }
  if ('communityShare' in rule) {
    const range = rangeRow(rule.communityShare.range, percentOf);
    return range && { ...row, kind: 'communityShare', shareType: rule.communityShare.type, cmp: range.cmp, share: range.n };
  }
  if ('trait' in rule) {
    const base = { ...row, kind: 'trait' as const, trait: rule.trait };
    if ('exists' in rule) return { ...base, traitOp: rule.exists ? 'exists' : 'missing' };
    if ('equals' in rule) return { ...base, traitOp: 'eq', value: shown(rule.equals) };
    if ('in' in rule) return { ...base, traitOp: 'in', value: rule.in.map(shown).join(', ') };
    const keys = Object.keys(rule.range);
    return keys.length === 1 ? { ...base, traitOp: keys[0] as 'gte' | 'lte', value: String(rule.range[keys[0] as 'gte' | 'lte']) } : null;
  }
  if ('country' in rule) return { ...row, kind: 'country', value: rule.country.join(', ') };
  if ('city' in rule) return { ...row, kind: 'city', value: rule.city.join(', ') };
  if (!('firstSeen' in rule) && !('lastSeen' in rule)) return null;
  const [kind, window] = 'firstSeen' in rule ? (['firstSeen', rule.firstSeen] as const) : (['lastSeen', rule.lastSeen] as const);
  return { ...row, kind, seen: window.withinDays !== undefined ? 'within' : 'older', days: String(window.withinDays ?? window.olderThanDays) };
}

/** The form for a saved rule: rows when rows write exactly this rule, the JSON box alone when they cannot. */
export function formOf(name: string, rules: Rule): FormState {
  const json = JSON.stringify(rules, null, 2);
  const match = 'any' in rules ? 'any' : 'all';
  const parts = 'all' in rules ? rules.all : 'any' in rules ? rules.any : [rules];
  const rows = parts.map(rowOf);
  const wrapped = 'all' in rules || 'any' in rules ? rules : { all: [rules] };
  if (rows.every((row): row is FormRow => row !== null) && isDeepStrictEqual(rowsRule(match, rows), wrapped)) {
    return { name, match, rows, json, jsonOnly: false };
  }
  return { name, match: 'all', rows: [], json, jsonOnly: true };
}

/** Turns `cond.3.days`-style fields into rows, in the order of their numbers. */
export function formInput(body: Record<string, unknown>): Record<string, unknown> {
  const rows = new Map<number, Record<string, unknown>>();
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const cond = /^cond\.(\d{1,2})\.([a-zA-Z]+)$/.exec(key);
    if (!cond) rest[key] = value;
    else {
      const index = Number(cond[1]);
      if (!rows.has(index)) rows.set(index, Object.create(null));
      rows.get(index)![cond[2]!] = value;
    }
  }
  return { ...rest, cond: [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row) };
}

export type FormOutcome = { state: FormState; source: 'rows' | 'json' | 'preview'; rules?: Rule; error?: FormError };

/** Reads a posted form: the rule it writes (checked by the rule schema), or the first problem, naming its field. */
export function readSegmentForm(body: Record<string, unknown>): FormOutcome {
  const input = formInput(body);
  const parsed = segmentFormSchema.safeParse(input);
  if (!parsed.success) {
    // Only a hand-made post gets here: the form's own fields always parse.
    const state = { name: typeof input.name === 'string' ? input.name : '', match: 'all' as const, rows: [], json: '', jsonOnly: false };
    return { state, source: 'rows', error: { message: firstIssue(parsed.error).message } };
  }
  const form = parsed.data;
  const outcome = readRules(form);
  const name = nameSchema.safeParse(form.name);
  if (outcome.source === 'preview' || outcome.error) return outcome;
  if (!name.success) return { ...outcome, rules: undefined, error: { message: firstIssue(name.error, ['name']).message } };
  return { ...outcome, state: { ...outcome.state, name: name.data } };
}

function readRules(form: z.output<typeof segmentFormSchema>): FormOutcome {
  const rows = form.cond.filter((row) => row.kind !== '');
  if (form.source === 'json') {
    const state: FormState = { name: form.name, match: form.match, rows, json: form.json, jsonOnly: true };
    let value: unknown;
    try {
      value = JSON.parse(form.json);
    } catch (error) {
      return { state, source: 'json', error: { message: `rules: not valid JSON (${(error as Error).message})` } };
    }
    const checked = ruleSchema.safeParse(value);
    if (!checked.success) return { state, source: 'json', error: { message: deepestIssue(checked.error, ['rules']).message } };
    return { state: formOf(form.name, checked.data), source: 'json', rules: checked.data };
  }
  const written = rowsRule(form.match, rows);
  const state: FormState = { name: form.name, match: form.match, rows, json: JSON.stringify(written, null, 2), jsonOnly: false };
  if (rows.length === 0) return { state, source: form.source, error: { message: 'conditions: add at least one condition' } };
  const checked = ruleSchema.safeParse(written);
  if (!checked.success) {
    const { message, path } = deepestIssue(checked.error, ['rules']);
    const row = typeof path[1] === 'number' ? path[1] : undefined;
    const [key, subkey] = path.slice(2).filter((part) => part !== 'not');
    const field =
      typeof key !== 'string' ? undefined
      : rows[row ?? 0]?.kind === 'trait' && key === 'range' ? 'value'
      : (fieldOfKey[`${key}.${String(subkey)}`] ?? fieldOfKey[key]);
    const where = row === undefined ? '' : `Condition ${row + 1}${field ? `, ${fieldLabels[field] ?? field}` : ''} — `;
    return { state, source: form.source, error: { message: `${where}${(field && fieldMessages[field]) ?? message}`, row, field } };
  }
  return { state, source: form.source, rules: checked.data };
}
