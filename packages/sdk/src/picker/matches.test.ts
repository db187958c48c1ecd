// What a rule matches on the picker's page: elements by selector and text, a URL by its rule.
import { describe, expect, it } from 'vitest';
import { matchingElements, urlMatches } from './matches';

describe('matchingElements', () => {
  it('counts the elements a selector matches, narrowed by a text they contain, case ignored', () => {
    document.body.innerHTML = '<button class="btn">Add to <b>cart</b></button><button class="btn">Compare</button><a class="btn">ADD TO CART</a>';
    expect(matchingElements('.btn')).toHaveLength(3);
    expect(matchingElements('.btn', 'add to cart')).toHaveLength(2);
    expect(matchingElements('button.btn', '  compare ')).toHaveLength(1);
    expect(matchingElements('.nothing')).toEqual([]);
  });

  it('is null for a selector the browser refuses', () => {
    expect(matchingElements('button[')).toBeNull();
  });
});

describe('urlMatches', () => {
  const url = new URL('https://shop.example/product.html?id=p3&ref=mail');
  it.each([
    [{ match: 'exact', value: '/product.html' }, true],
    [{ match: 'exact', value: '/product' }, false],
    [{ match: 'prefix', value: '/product' }, true],
    [{ match: 'prefix', value: '/cart' }, false],
    [{ match: 'query', param: 'id' }, true],
    [{ match: 'query', param: 'id', value: 'p3' }, true],
    [{ match: 'query', param: 'id', value: 'p4' }, false],
    [{ match: 'query', param: 'utm_source' }, false],
    [{ match: 'regex', value: '^/product\\.html\\?id=p\\d' }, true],
    [{ match: 'regex', value: '(' }, false],
  ] as const)('%j → %s', (rule, expected) => expect(urlMatches(rule, url)).toBe(expected));
});
