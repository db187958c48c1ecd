// What a click or submit rule matches on the picker's page: elements by selector and by a text they contain.
import { describe, expect, it } from 'vitest';
import { matchingElements } from './matches';

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
