// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import type { ConfigPlacement } from '@pulse/wire/personalization';
import type { VisitorProfile } from './api';
import { chooseVariant, holds } from './targeting';

const at = (url: string) => new URL(url, 'https://shop.example');
const visitor = (profile: Partial<VisitorProfile> = {}): VisitorProfile => ({ segments: [], group: 'new', cluster: null, score_band: 'cold', device: 'desktop', ...profile });
const content = (title: string) => ({ kind: 'content' as const, title });

/** The demo's hero: High Interest visitors of shoes first, then phones, then new visitors, then everyone. */
const hero: ConfigPlacement = {
  id: 'hero',
  adaptive: ['desktop', 'phone'],
  auto_reload: 0,
  variants: [
    { id: 1, when: { segments: ['shoes-high-interest'] }, content: content('Your size is back') },
    { id: 2, when: { devices: ['phone'] }, content: content('Shop on the go') },
    { id: 3, when: { groups: ['new'], url: { match: 'prefix', value: '/' } }, content: content('Welcome') },
    { id: 4, when: {}, content: content('Spring sale') },
  ],
};

describe('chooseVariant', () => {
  test.each<[string, Partial<VisitorProfile>, number | undefined]>([
    ['a segment wins over the device', { segments: ['other', 'shoes-high-interest'], device: 'phone', group: 'active' }, 1],
    ['a phone', { device: 'phone', group: 'active' }, 2],
    ['a new visitor on a desktop', {}, 3],
    ['anyone else: the default', { group: 'passive' }, 4],
    ['a tablet, not in adaptive: none', { device: 'tablet', segments: ['shoes-high-interest'] }, undefined],
  ])('%s', (_, profile, expected) => {
    expect(chooseVariant(hero, visitor(profile), at('/'))?.id).toBe(expected);
  });

  test('an absent placement (disabled, or none by that id) shows nothing', () => {
    expect(chooseVariant(undefined, visitor(), at('/'))).toBeUndefined();
  });

  test('no variant holds: none, the slot keeps its markup', () => {
    expect(chooseVariant({ ...hero, variants: hero.variants.slice(0, 1) }, visitor(), at('/'))).toBeUndefined();
  });
});

describe('holds', () => {
  test('clusters and groups are any-of lists; an empty list is no condition', () => {
    expect(holds({ clusters: [2, 3] }, visitor({ cluster: 3 }), at('/'))).toBe(true);
    expect(holds({ clusters: [2, 3] }, visitor({ cluster: null }), at('/'))).toBe(false);
    expect(holds({ groups: ['active', 'passive'] }, visitor(), at('/'))).toBe(false);
    expect(holds({ segments: [], devices: [] }, visitor(), at('/'))).toBe(true);
  });

  test('every condition must hold: a URL rule beside a device', () => {
    const when = { devices: ['desktop' as const], url: { match: 'exact' as const, value: '/cart' } };
    expect(holds(when, visitor(), at('/cart'))).toBe(true);
    expect(holds(when, visitor(), at('/'))).toBe(false);
  });
});
