// What a rule matches on the page the picker is open on: the elements of a click or submit rule, whether a page rule holds for this URL.
import type { UrlRule } from '@pulse/wire/personalization';

/** An element's text as a rule compares it: its words, spaces collapsed. */
export const textOf = (node: Element) => (node.textContent || '').replace(/\s+/g, ' ').trim();

/**
 * The elements `selector` matches on the page that also contain `text` (case ignored; no text:
 * all of them), or null for a selector the browser refuses — the same test the rule makes when it fires.
 */
export function matchingElements(selector: string, text = '', root: ParentNode = document): Element[] | null {
  const wanted = text.trim().toLowerCase();
  try {
    return [...root.querySelectorAll(selector)].filter((node) => textOf(node).toLowerCase().includes(wanted));
  } catch {
    return null;
  }
}

/** Whether a page rule's URL rule holds for `url`: its path exactly or by prefix, path and query by a regular expression, a query parameter (equal to its value when it has one). */
export function urlMatches(rule: UrlRule, url: URL): boolean {
  if (rule.match === 'exact') return url.pathname === rule.value;
  if (rule.match === 'prefix') return url.pathname.startsWith(rule.value);
  if (rule.match === 'query') return url.searchParams.has(rule.param) && (rule.value === undefined || url.searchParams.get(rule.param) === rule.value);
  try {
    return new RegExp(rule.value).test(url.pathname + url.search);
  } catch {
    return false;
  }
}
