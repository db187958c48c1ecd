// Personalization's settings in words, as the stats page lists them: who a variant is for, which pages a URL rule means, what a rule fires on.
import type { EventRule, Targeting, UrlRule } from '@pulse/wire/personalization';

/** The kinds of URL rule as a form's choices offer them, the empty one meaning any page. */
export const urlMatches = [
  ['', 'Any page'],
  ['exact', 'The page (exact path)'],
  ['prefix', 'Pages under (path prefix)'],
  ['regex', 'URLs matching (regular expression)'],
  ['query', 'URLs with a query parameter'],
] as const;

const anyOf = (values: readonly (string | number)[]) => values.join(' or ');

/** Which pages a URL rule matches, e.g. "pages under /shoes". */
export function urlRuleText(url: UrlRule): string {
  switch (url.match) {
    case 'exact':
      return `the page ${url.value}`;
    case 'prefix':
      return url.value === '/' ? 'every page' : `pages under ${url.value}`;
    case 'regex':
      return `URLs matching /${url.value}/`;
    case 'query':
      return url.value === undefined ? `URLs with ?${url.param}` : `URLs with ?${url.param}=${url.value}`;
  }
}

/** Who sees a variant, e.g. "in High interest: shoes · on phone · new visitors"; segments named by their names where known. */
export function targetingText(when: Targeting, segmentNames: ReadonlyMap<string, string>): string {
  const parts = [
    when.segments?.length && `in ${anyOf(when.segments.map((key) => segmentNames.get(key) ?? key))}`,
    when.groups?.length && `${anyOf(when.groups)} visitors`,
    when.clusters?.length && `cluster ${anyOf(when.clusters)}`,
    when.devices?.length && `on ${anyOf(when.devices)}`,
    when.url && `on ${urlRuleText(when.url)}`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length ? parts.join(' · ') : 'Everyone (the default)';
}

/** What a rule fires on, e.g. "Click on .compare containing “Compare” · on pages under /shop". */
export function triggerText(rule: EventRule): string {
  const where = rule.url ? `${rule.on === 'page' ? '' : ' · on '}${urlRuleText(rule.url)}` : '';
  if (rule.on === 'page') return `Page view of ${where}`;
  const text = rule.text ? ` containing “${rule.text}”` : '';
  return `${rule.on === 'click' ? 'Click on' : 'Submit of'} ${rule.selector}${text}${where}`;
}
