import { describe, expect, it } from 'vitest';
import { mergeTraits } from './traits.js';
import { customTraitLimits } from './known-traits.js';

describe('mergeTraits', () => {
  it('stops adding custom keys at the bound but keeps updating the ones it has, and always takes known traits', () => {
    const max = customTraitLimits.perProfile;
    const full = Object.fromEntries(Array.from({ length: max }, (_, i) => [`t${i}`, i]));
    const merged = mergeTraits(full, { extra: 1, t0: 'changed', gender: 'female' });
    expect(Object.keys(merged)).toHaveLength(max + 1);
    expect(merged).toMatchObject({ t0: 'changed', gender: 'female' });
    expect(merged).not.toHaveProperty('extra');
    expect(mergeTraits(mergeTraits(full, { t1: null }), { extra: 1 })).toHaveProperty('extra', 1);
    // Removing a known trait frees no room for a custom one.
    expect(mergeTraits(mergeTraits(merged, { gender: null }), { extra: 1 })).not.toHaveProperty('extra');
  });
});
