import { describe, expect, it } from 'vitest';
import { propMatches, propTestSchema } from './props.js';

const purchase = { value: 120, currency: 'USD', items: [{ category: 'coffee', price: 20 }, { category: 'audio', price: 100 }] };

describe('propMatches', () => {
  it('compares a prop with each operator', () => {
    expect(propMatches({ prop: 'value', op: 'gt', value: 100 }, purchase)).toBe(true);
    expect(propMatches({ prop: 'value', op: 'lte', value: 100 }, purchase)).toBe(false);
    expect(propMatches({ prop: 'currency', op: 'eq', value: 'USD' }, purchase)).toBe(true);
    expect(propMatches({ prop: 'currency', op: 'in', value: ['EUR', 'GBP'] }, purchase)).toBe(false);
    expect(propMatches({ prop: 'currency', op: 'gt', value: 1 }, purchase)).toBe(false);
    expect(propMatches({ prop: 'missing', op: 'ne', value: 'x' }, null)).toBe(true);
  });

  it('tests the items of a list: any item passing is enough', () => {
    expect(propMatches({ prop: 'items[].category', op: 'eq', value: 'audio' }, purchase)).toBe(true);
    expect(propMatches({ prop: 'items[].category', op: 'eq', value: 'books' }, purchase)).toBe(false);
    expect(propMatches({ prop: 'items[].price', op: 'gte', value: 100 }, purchase)).toBe(true);
    expect(propMatches({ prop: 'value[].category', op: 'eq', value: 'audio' }, purchase)).toBe(false);
  });

  it('accepts only a prop name or list[].field', () => {
    expect(propTestSchema.safeParse({ prop: 'items[].category', op: 'eq', value: 'x' }).success).toBe(true);
    expect(propTestSchema.safeParse({ prop: 'items[0].category', op: 'eq', value: 'x' }).success).toBe(false);
  });
});
