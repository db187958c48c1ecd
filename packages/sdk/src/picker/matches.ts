// What a click or submit rule matches on the page the picker is open on: the same test p-site.js makes when the rule fires, for all the page's elements at once.
import { textOf } from '../site/props';

/**
 * The elements `selector` matches on the page that also contain `text` (case ignored; no text:
 * all of them), or null for a selector the browser refuses.
 */
export function matchingElements(selector: string, text = '', root: ParentNode = document): Element[] | null {
  const wanted = text.trim().toLowerCase();
  try {
    return [...root.querySelectorAll(selector)].filter((node) => textOf(node).toLowerCase().includes(wanted));
  } catch {
    return null;
  }
}
