// A rule's props, taken from the element it matched: text, value, href, data- attributes, a form's fields; never from a password or payment card field.
import type { PropSource } from '@pulse/wire/personalization';
import type { wireLimits } from '@pulse/wire';

/** Text props are short labels: a button's words, a product's name. */
const maxText = 100;
/** The collector's longest string, typed as @pulse/wire's so the two cannot drift. */
const maxString: (typeof wireLimits)['stringLength'] = 1024;

/** An element's words, whitespace folded as a reader sees them. */
export const textOf = (element: Element) => (element.textContent || '').replace(/\s+/g, ' ').trim();

/**
 * Whether a field may hold a secret or a card: a password input, an autocomplete="cc-…" field, or
 * one whose name or id reads like a password, a card number or a card's security code.
 */
export function isSensitive(field: Element): boolean {
  return (
    (field as HTMLInputElement).type == 'password' ||
    /(^|\s)cc-/i.test(field.getAttribute('autocomplete') || '') ||
    /pass|pwd|card|cc-?num|cvc|cvv|csc/i.test(`${field.getAttribute('name')} ${field.id}`)
  );
}

/** One prop's value, or undefined when there is none or its field is sensitive; `field:NAME` reads the submitted form's field. */
export function propValue(from: string, element: Element): string | undefined {
  if (from.startsWith('field:')) {
    const form = element as HTMLFormElement;
    const name = from.slice(6);
    const fields = [...(form.elements || [])].filter((field) => (field as HTMLInputElement).name == name || field.id == name);
    // Radio buttons share a name: one sensitive among them refuses them all.
    if (!fields.length || fields.some(isSensitive)) return;
    return String((form.elements.namedItem(name) as HTMLInputElement).value).slice(0, maxString);
  }
  if (isSensitive(element)) return;
  if (from == 'text') return textOf(element).slice(0, maxText) || undefined;
  const value = from == 'value' ? (element as HTMLInputElement).value : from == 'href' ? (element as HTMLAnchorElement).href ?? element.getAttribute('href') : element.getAttribute(from);
  return value == null ? undefined : String(value).slice(0, maxString);
}

/** The props a rule takes from `element`, by name; those with no value are left out. */
export function propsOf(sources: PropSource[], element?: Element): Record<string, string | undefined> {
  const props: Record<string, string | undefined> = {};
  for (const { name, from } of sources) props[name] = element && propValue(from, element);
  return props;
}
