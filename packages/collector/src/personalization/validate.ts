// What the wire schemas cannot check of a rule or a placement: selectors a browser parses, regular expressions of bounded cost, seed 001's own shape.
import { parse as parseSelector } from 'css-what';
import safeRegex from 'safe-regex2';
import { eventRuleSchema, placementSchema, type EventRule, type Placement, type UrlRule } from '@pulse/wire/personalization';
import { InputError, parseInput } from '../validation.js';

/** Combinators: css-what lets one end a selector ("div >"), which querySelector refuses. */
const combinators = new Set(['child', 'parent', 'sibling', 'adjacent', 'descendant', 'column-combinator']);

/** Throws a 400 naming `field` unless the selector parses as CSS the way a browser's querySelector would take it. */
function checkSelector(selector: string, field: string): void {
  let parsed: Awaited<ReturnType<typeof parseSelector>>;
  try {
    parsed = parseSelector(selector);
  } catch (error) {
    throw new InputError(400, field, `${field}: not a CSS selector (${(error as Error).message})`);
  }
  if (parsed.some((part) => part.length === 0 || combinators.has(part.at(-1)!.type))) {
    throw new InputError(400, field, `${field}: not a CSS selector (it ends with a combinator)`);
  }
}

/**
 * Throws a 400 naming `field` unless a regex URL rule compiles and cannot take exponential time:
 * safe-regex2 refuses nested repetition such as (a+)+, the shape that makes a URL hang a page.
 */
function checkUrlRule(url: UrlRule | undefined, field: string): void {
  if (url?.match !== 'regex') return;
  try {
    new RegExp(url.value);
  } catch (error) {
    throw new InputError(400, `${field}.value`, `${field}.value: not a regular expression (${(error as Error).message})`);
  }
  if (!safeRegex(url.value)) throw new InputError(400, `${field}.value`, `${field}.value: nested repetition could take exponential time on a long URL; simplify it`);
}

/** An event rule from an admin (the stats page, the API, the picker), or a 400 naming the field. */
export function parseEventRule(input: unknown): EventRule {
  const rule = parseInput(eventRuleSchema, input);
  if (rule.selector !== undefined) checkSelector(rule.selector, 'selector');
  checkUrlRule(rule.url, 'url');
  return rule;
}

/**
 * Seed 001's slot — `{id, label, provider: "adfox", adaptive, auto_reload, adfox: {...}, adfox_method}` —
 * as a placement whose one variant hands the provider's block (and its `adfox_*` options) to the site's renderer.
 */
function fromSeedSlot(input: Record<string, unknown>): Record<string, unknown> {
  const { provider, id, label, adaptive, disable, auto_reload, ...rest } = input;
  if (typeof provider !== 'string') return input;
  const params: Record<string, unknown> = { ...(rest[provider] as object) };
  for (const [key, value] of Object.entries(rest)) if (key.startsWith(`${provider}_`)) params[key.slice(provider.length + 1)] = value;
  const unknown = Object.keys(rest).filter((key) => key !== provider && !key.startsWith(`${provider}_`));
  if (unknown.length) throw new InputError(400, unknown[0]!, `${unknown[0]}: not a field of a seed 001 slot with provider ${provider}`);
  return { id, label, adaptive, disable, auto_reload, variants: [{ name: provider, content: { kind: 'provider', provider, params } }] };
}

/** A placement in Pulse's shape or seed 001's, or a 400 naming the field. */
export function parsePlacement(input: unknown): Placement {
  const shaped = input !== null && typeof input === 'object' && !Array.isArray(input) && 'provider' in input ? fromSeedSlot(input as Record<string, unknown>) : input;
  const placement = parseInput(placementSchema, shaped);
  placement.variants.forEach((variant, index) => checkUrlRule(variant.when.url, `variants[${index}].when.url`));
  return placement;
}

/** How many placements one import may hold: seed 001's file has a few dozen. */
export const maxImportedPlacements = 500;

/** A whole array of placements (seed 001's file as it stands), or a 400 naming `[index].field`; a slot id given twice is refused. */
export function parsePlacements(input: unknown): Placement[] {
  if (!Array.isArray(input)) throw new InputError(400, 'body', 'body: an array of placements, as seed 001 holds them');
  if (input.length === 0 || input.length > maxImportedPlacements) throw new InputError(400, 'body', `body: from 1 to ${maxImportedPlacements} placements`);
  const slots = new Set<string>();
  return input.map((item, index) => {
    let placement: Placement;
    try {
      placement = parsePlacement(item);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const field = error.field === 'body' ? `[${index}]` : `[${index}].${error.field}`;
      throw new InputError(400, field, `${field}: ${error.message.replace(/^[^:]*: /, '')}`);
    }
    if (slots.has(placement.id)) throw new InputError(400, `[${index}].id`, `[${index}].id: slot ${placement.id} is given twice`);
    slots.add(placement.id);
    return placement;
  });
}
