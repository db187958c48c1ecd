import { describe, expect, it } from 'vitest';
import { presetOf } from './preset-of.js';
import { presetKinds, presetSegment } from './presets.js';

describe('presetOf', () => {
  it('reads back the preset and parameters that wrote a segment', () => {
    const params = {
      ecommerce_buyers: { withinDays: 30 },
      category_lovers: { category: 'Books: rare', minPurchases: 4, withinDays: 60 },
      category_virgins: { category: 'Toys', withinDays: 90 },
      high_interest: { brand: 'Acme', minViews: 5, minAddsToCart: 2, withinDays: 3 },
      price_hunters: { category: 'TV', minViews: 7, withinDays: 2 },
    };
    for (const kind of presetKinds) {
      const segment = JSON.parse(JSON.stringify(presetSegment(kind, params[kind])));
      expect(presetOf(segment)).toEqual({ kind, params: params[kind] });
    }
  });
  it('does not mistake a hand-written segment for a preset', () => {
    expect(presetOf({ name: 'E-commerce Buyers', rules: { lifecycle: ['new'] } })).toBeNull();
    const lovers = presetSegment('category_lovers', { category: 'Toys' });
    expect(presetOf({ name: 'Category Lovers: Books', rules: lovers.rules })).toBeNull();
    expect(presetOf({ name: 'Mine', rules: lovers.rules })).toBeNull();
  });
});
