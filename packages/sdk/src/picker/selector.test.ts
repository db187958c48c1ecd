// The selector proposal on pages like the ones sites are made of: ids, data- attributes, generated class names, groups, and positions only as a last resort.
import { beforeEach, describe, expect, it } from 'vitest';
import { looksGenerated, proposeSelector, selectorWarning } from './selector';

const page = (html: string) => (document.body.innerHTML = html);
const picked = () => document.querySelector('[picked]')!;
/** The proposal for the element marked `picked` (an attribute the proposal ignores), and how many elements it matches. */
const propose = () => {
  const selector = proposeSelector(picked());
  return { selector, matches: document.querySelectorAll(selector).length, includesPicked: [...document.querySelectorAll(selector)].includes(picked()) };
};

beforeEach(() => page(''));

describe('looksGenerated', () => {
  it.each(['css-1x2y3z', 'sc-bdVaJa', 'iVXCSc', '_a1b2c', 'Button_main__3xYz1', 'w-[72px]', 'md:flex', 'hover:bg-blue-500', 'a1b2c3d4', 'ember123', ':r1:', 'jsx-2817', 'is-active', 'active', 'item-4f9a2c'])(
    '%s is generated',
    (name) => expect(looksGenerated(name)).toBe(true),
  );
  it.each(['btn', 'btn-primary', 'card__title', 'newsletter-form', 'nav', 'px-4', 'text-2xl', 'MuiButton-root', 'navBar', 'add-to-cart', 'p3', 'Coffee'])(
    '%s is chosen by a person',
    (name) => expect(looksGenerated(name)).toBe(false),
  );
});

describe('proposeSelector', () => {
  it('takes a unique id that a person chose', () => {
    page('<button id="subscribe" class="btn" picked>Subscribe</button><button class="btn">Other</button>');
    expect(propose()).toEqual({ selector: '#subscribe', matches: 1, includesPicked: true });
  });

  it('skips generated and duplicated ids for a data- attribute', () => {
    page('<button id=":r1:" data-testid="buy" picked>Buy</button>');
    expect(propose().selector).toBe('[data-testid="buy"]');
    page('<button id="ember123" data-action="buy" picked>Buy</button>');
    expect(propose().selector).toBe('[data-action="buy"]');
    page('<button id="buy" data-testid="buy-main" picked>Buy</button><a id="buy">dup</a>');
    expect(propose().selector).toBe('[data-testid="buy-main"]');
  });

  it('prefers testing attributes over other data- attributes, and skips state', () => {
    page('<button data-state="open" data-product-id="p1" data-testid="add" picked>Add</button>');
    expect(propose().selector).toBe('[data-testid="add"]');
  });

  it('accepts a data- attribute that names a group of elements of one kind: every card\'s button', () => {
    page([1, 2, 3].map((i) => `<article class="card"><button class="btn" data-testid="card-add" data-product-id="p${i}" ${i === 2 ? 'picked' : ''}>Add</button></article>`).join(''));
    expect(propose()).toEqual({ selector: '[data-testid="card-add"]', matches: 3, includesPicked: true });
  });

  it('qualifies a data- attribute by tag when other kinds of element carry it too', () => {
    page('<article data-product-id="p1"><button data-product-id="p1" picked>Add</button></article>');
    expect(propose()).toEqual({ selector: 'button[data-product-id="p1"]', matches: 1, includesPicked: true });
  });

  it('builds a class path from classes a person chose, skipping hashed and Tailwind ones', () => {
    page('<button class="css-1x2y3z sc-bdVaJa btn-buy _a1b2c w-[72px] md:flex" picked>Buy</button><button class="css-9z8y7x">Other</button>');
    expect(propose()).toEqual({ selector: 'button.btn-buy', matches: 1, includesPicked: true });
  });

  it('adds an ancestor only when it narrows the matches, at most three levels', () => {
    page('<nav class="main"><div><a class="link" picked>A</a></div></nav><footer class="site"><div><a class="link">B</a></div></footer>');
    expect(propose()).toEqual({ selector: 'nav.main a.link', matches: 1, includesPicked: true });
    page('<section id="sidebar"><div class="box"><a class="more" picked>More</a></div></section><div class="box"><a class="more">More</a></div>');
    expect(propose()).toEqual({ selector: '#sidebar a.more', matches: 1, includesPicked: true });
    const deep = '<div class="a"><div class="b"><div class="c"><span class="x" PICK>x</span></div></div></div>';
    page(deep.replace('PICK', 'picked') + deep.replace('PICK', ''));
    const { selector, matches } = propose();
    expect(selector.split(' ').length).toBeLessThanOrEqual(3);
    expect(matches).toBe(2);
  });

  it('keeps a group of same-classed elements rather than reaching for positions', () => {
    page('<ul class="menu"><li class="item">A</li><li class="item" picked>B</li><li class="item">C</li></ul>');
    expect(propose()).toEqual({ selector: 'li.item', matches: 3, includesPicked: true });
    expect(selectorWarning(propose().selector)).toBe('');
  });

  it('uses the position only for an element with nothing of its own, and warns', () => {
    page('<ul class="menu"><li>A</li><li picked>B</li></ul><ul class="menu"><li>C</li></ul>');
    const { selector, matches, includesPicked } = propose();
    expect(selector).toBe('li:nth-child(2)');
    expect([matches, includesPicked]).toEqual([1, true]);
    expect(selectorWarning(selector)).toMatch(/position/);
  });
});

describe('selectorWarning', () => {
  it.each([
    ['#subscribe', ''],
    ['[data-testid="card-add"]', ''],
    ['nav.main a.link', ''],
    ['ul > li:nth-child(3)', 'position'],
    ['li:first-child', 'position'],
    ['div.css-1x2y3z button', 'generated'],
    ['.md\\:flex a', 'generated'],
    ['#ember1234', 'generated'],
  ])('%s → %s', (selector, warning) => {
    const told = selectorWarning(selector);
    if (warning) expect(told).toMatch(warning);
    else expect(told).toBe('');
  });
});
