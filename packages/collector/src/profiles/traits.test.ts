import { describe, expect, it } from 'vitest';
import { maxTraits, mergeTraits } from './traits.js';

describe('mergeTraits', () => {
  it('stops adding keys at the bound but keeps updating the ones it has', () => {
    const full = Object.fromEntries(Array.from({ length: maxTraits }, (_, i) => [`t${i}`, i]));
    const merged = mergeTraits(full, { extra: 1, t0: 'changed' });
    expect(Object.keys(merged)).toHaveLength(maxTraits);
    expect(merged).toMatchObject({ t0: 'changed' });
    expect(merged).not.toHaveProperty('extra');
    expect(mergeTraits(mergeTraits(full, { t1: null }), { extra: 1 })).toHaveProperty('extra', 1);
  });
});
