// The picker's selector proposal: a CSS selector for a picked element that survives a redesign — an id, then a data- attribute, then a short class path; the element's position only when nothing else tells it apart.

/**
 * Names a build tool or a state made up rather than a person chose: CSS-in-JS and CSS-module
 * hashes (`css-1x2y3z`, `sc-…`, `_a1b2c`, `Button_main__3xYz1`, styled-components' `iVXCSc`),
 * Tailwind variants and arbitrary values (`md:flex`, `w-[72px]`), long numbers and hex, framework
 * ids (`:r1:`, `ember123`) and state (`is-open`, `active`). They change with a build or a click.
 */
export const looksGenerated = (name: string): boolean =>
  /^(css|sc|jsx|svelte|ng|emotion|ember)-?\d|^(css|sc|jsx|svelte|ng-tns|emotion)-|^_|[[\]:/!@()=%.#]|\d{3}|[_-](?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{5,}$|^(?=\D*\d)[a-z\d]{6,}$|^(is|has)-|^(active|current|open|selected|show|hidden|disabled|focus|hover)$/i.test(name) ||
  // Case counts here: a short word in random case (iVXCSc), not camelCase (navBar).
  /^[a-z](?=.*[A-Z].*[A-Z])[a-zA-Z]{4,7}$/.test(name);

/** data- attributes that carry state or a framework's bookkeeping (Vue's scoped styles, Radix's state), not what an element is. */
const ignoredData = /^data-(pulse|v-|react|styled|emotion|radix|headlessui|state|active|selected|open|focus|hover|highlighted|disabled|orientation|side|align)/;
/** Attributes sites add for tests and tracking: the most stable names a page has, tried first. */
const preferredData = /^data-(testid|test-id|test|cy|qa|action|track|event|analytics)/;

const unique = (selector: string, root: ParentNode) => root.querySelectorAll(selector).length === 1;

/** `#id` for an id that looks chosen by a person and is unique on the page, else ''. */
function idSelector(node: Element): string {
  const selector = node.id && !looksGenerated(node.id) ? `#${CSS.escape(node.id)}` : '';
  return selector && unique(selector, node.ownerDocument) ? selector : '';
}

/** `[data-name="value"]` (or `[data-name]` when it has no value) for each of the element's stable data- attributes, testing ones first. */
function dataSelectors(node: Element): string[] {
  return [...node.attributes]
    .filter(({ name, value }) => /^data-[a-z\d-]+$/.test(name) && !ignoredData.test(name) && value.length <= 80 && !(value && looksGenerated(value)))
    .sort((a, b) => +preferredData.test(b.name) - +preferredData.test(a.name))
    .map(({ name, value }) => (value ? `[${name}=${JSON.stringify(value)}]` : `[${name}]`));
}

/** The element's tag with at most two of its classes that look chosen by a person. */
function classCompound(node: Element): string {
  return node.localName + [...node.classList].filter((name) => !looksGenerated(name)).slice(0, 2).map((name) => `.${CSS.escape(name)}`).join('');
}

/**
 * A stable selector for `target`, which the picker shows editable with its live match count:
 * 1. `#id`, when the id is unique and does not look generated;
 * 2. a data- attribute (data-testid and the like first) that is unique or names a group of
 *    elements of the target's own tag (all "add to cart" buttons), tag-qualified when it needs to be;
 * 3. a class path of at most three levels, an ancestor added only when it narrows the matches,
 *    generated classes skipped; a group of same-classed elements is a fair answer;
 * 4. only for an element with nothing of its own (no class, no data-), its position
 *    (`:nth-child`), which selectorWarning flags.
 */
export function proposeSelector(target: Element): string {
  const root = target.ownerDocument;
  const count = (selector: string) => root.querySelectorAll(selector).length;
  const id = idSelector(target);
  if (id) return id;
  for (const data of dataSelectors(target)) {
    for (const selector of [data, target.localName + data]) {
      if ([...root.querySelectorAll(selector)].every((node) => node.localName === target.localName)) return selector;
    }
  }
  const own = classCompound(target);
  let path = own;
  let levels = 1;
  for (let node = target.parentElement; node && levels < 3 && count(path) > 1; node = node.parentElement) {
    const anchor = idSelector(node) || (node.localName === 'body' ? '' : dataSelectors(node).find((data) => preferredData.test(data.slice(1))) || classCompound(node));
    if (!anchor || anchor === node.localName || count(`${anchor} ${path}`) === count(path)) continue;
    path = `${anchor} ${path}`;
    levels++;
    if (anchor.startsWith('#')) break;
  }
  if (count(path) > 1 && own === target.localName && target.parentElement) {
    path += `:nth-child(${[...target.parentElement.children].indexOf(target) + 1})`;
  }
  return path;
}

/**
 * Why a selector will break, or '' when it should last: it leans on the element's position, or on
 * a class or an id a build made up. For the proposal and for what the admin types alike.
 */
export function selectorWarning(selector: string): string {
  if (/:(nth|first|last|only)-/.test(selector)) return "It relies on the element's position: it breaks when the page's order changes. Prefer a text condition or a data- attribute.";
  const names = selector.match(/[.#](?:\\.|[\w-])+/g) || [];
  if (names.some((name) => looksGenerated(name.slice(1).replace(/\\/g, '')))) return 'It names a generated class or id: it breaks with the next build of the site.';
  return '';
}
