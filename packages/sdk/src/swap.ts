// Dynamic number insertion in the page: a session's numbers shown in text, tel: links and a pool's elements, now and in what is added later.
import { digitsOf, replaceNumbers, sameNumber } from './phone';
import { attempt } from './storage';

/** One pool's number for this session, as the collector's POST /v1/numbers answers it (the fields the page uses). */
export interface ShownNumber {
  pool: number;
  /** The number the site prints, to be replaced wherever it is written; null: only `selector` marks the places. */
  published: string | null;
  /** Elements that show the pool's number whatever they say. */
  selector: string | null;
  /** The number to show, in E.164: the session's own, or the pool's default when none was free. */
  number: string;
}

/** Never swapped: what the site marks so, and text that is not shown as text. */
const untouched = '[data-pulse-no-swap],script,style,textarea';

/** An element and the ones under it that match `selector`. */
const matching = (root: Element, selector: string) => [...(root.matches(selector) ? [root] : []), ...root.querySelectorAll(selector)];

export interface Swapper {
  /** Shows these numbers from now on, in the whole page. */
  show(numbers: ShownNumber[]): void;
  /** Swaps in `root` and what it holds: a node just added or changed, or the whole document. */
  scan(root: Node): void;
}

export function createSwapper(): Swapper {
  // Per pool, the number shown and the numbers it replaces: the published one and those shown before on this page.
  let swaps: (ShownNumber & { replaces: string[] })[] = [];
  // The numbers last given, as JSON.
  let shown = '';

  function swapIn(root: Node, swap: ShownNumber & { replaces: string[] }): void {
    const { number, selector } = swap;
    // Inside a pool's element any whole number is the pool's; elsewhere only the numbers it replaces.
    const ours = (digits: string, where: Element) =>
      (digits.length >= 10 && !!selector && !!where.closest(selector)) || swap.replaces.some((old) => sameNumber(digits, old));
    const texts: Node[] = [root];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const text of texts as Text[]) {
      const parent = text.parentElement;
      if (text.nodeType != Node.TEXT_NODE || !parent || parent.closest(untouched)) continue;
      const swapped = replaceNumbers(text.data, (digits) => ours(digits, parent), number);
      // Writing only what changed keeps the observer from seeing its own work forever.
      if (swapped != text.data) text.data = swapped;
    }
    if (!(root instanceof Element)) return;
    for (const link of matching(root, 'a[href^="tel:"]')) {
      if (!link.closest(untouched) && ours(digitsOf(link.getAttribute('href')!), link) && link.getAttribute('href') != 'tel:' + number) {
        link.setAttribute('href', 'tel:' + number);
      }
    }
    // A pool's element with no number in it gets the number alone.
    if (selector) for (const element of matching(root, selector)) if (!element.closest(untouched) && digitsOf(element.textContent!).length < 10) element.textContent = number;
  }

  const swapper: Swapper = {
    show(numbers) {
      // A renewal that changes nothing leaves the page alone: the observer keeps it up to date.
      const given = JSON.stringify(numbers);
      if (given == shown) return;
      shown = given;
      swaps = numbers.map((next) => {
        const before = swaps.find((swap) => swap.pool == next.pool);
        return { ...next, replaces: [next.published, ...(before ? [before.number, ...before.replaces] : [])].filter((old): old is string => !!old && old != next.number) };
      });
      swapper.scan(document.documentElement);
    },
    scan(root) {
      // A pool whose selector the browser cannot parse spoils only itself.
      for (const swap of swaps) attempt(() => swapIn(root, swap));
    },
  };
  return swapper;
}

/** Swaps in whatever is added to the page or changes its text: only those nodes are scanned, never the whole page again. */
export function watchPage(swapper: Swapper): MutationObserver {
  const observer = new MutationObserver((records) =>
    attempt(() => {
      for (const record of records) record.type == 'characterData' ? swapper.scan(record.target) : record.addedNodes.forEach(swapper.scan);
    }),
  );
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return observer;
}
