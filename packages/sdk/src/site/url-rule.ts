// Which pages a rule or a variant is for: the path exact or by prefix, path and query by a regular expression, or a query parameter.
import type { UrlRule } from '@pulse/wire/personalization';
import { attempt } from '../storage';

/** The parts of a URL a rule reads: location, or a URL in tests. */
export type Where = Pick<Location, 'pathname' | 'search'>;

/** Whether the page at `where` is one `rule` names; a regular expression the browser cannot compile names none. */
export function matchesUrl(rule: UrlRule, where: Where = location): boolean {
  if (rule.match == 'exact') return where.pathname == rule.value;
  if (rule.match == 'prefix') return where.pathname.startsWith(rule.value);
  if (rule.match == 'regex') return !!attempt(() => new RegExp(rule.value).test(where.pathname + where.search));
  const query = new URLSearchParams(where.search);
  return query.has(rule.param) && (rule.value == null || query.get(rule.param) == rule.value);
}
