import { describe, expect, it } from 'vitest';
import { placementValues, readPlacementForm } from './placement-form.js';
import type { StoredPlacement } from '../model/personalization.js';

const hero = {
  id: 'hero',
  label: 'Home hero',
  adaptive: ['desktop', 'phone'],
  enabled: 'on',
  auto_reload: '',
  'variants[0].name': 'Shoe lovers',
  'variants[0].priority': '10',
  'variants[0].content.kind': 'content',
  'variants[0].content.title': 'New running shoes',
  'variants[0].content.link': '/shoes',
  'variants[0].content.cta': 'See them',
  'variants[0].when.segments': 'hi-shoes',
  'variants[0].when.devices': ['phone'],
  'variants[0].when.clusters': ['2', '3'],
  'variants[0].when.url.match': 'prefix',
  'variants[0].when.url.value': '/catalog',
  // The spare block, left empty: not a variant.
  'variants[1].content.kind': 'content',
  'variants[2].name': 'Everyone',
  'variants[2].content.kind': 'provider',
  'variants[2].content.provider': 'adfox',
  'variants[2].content.params': '{"ownerId": 228129, "params": {"p2": "ezfl"}}',
};

describe('placement form', () => {
  it('reads the blocks filled in as variants, a block without targeting as the default', () => {
    const form = readPlacementForm(hero);
    expect(form.refusal).toBeUndefined();
    expect(form.placement).toEqual({
      id: 'hero',
      label: 'Home hero',
      adaptive: ['desktop', 'phone'],
      disable: false,
      auto_reload: 0,
      variants: [
        {
          name: 'Shoe lovers',
          priority: 10,
          when: { segments: ['hi-shoes'], devices: ['phone'], clusters: [2, 3], url: { match: 'prefix', value: '/catalog' } },
          content: { kind: 'content', title: 'New running shoes', link: '/shoes', cta: 'See them' },
        },
        { name: 'Everyone', priority: 0, when: {}, content: { kind: 'provider', provider: 'adfox', params: { ownerId: 228129, params: { p2: 'ezfl' } } } },
      ],
    });
    // The placement's second variant is the form's third block: a refusal about it names the block.
    expect(form.fieldOf?.('variants[1].when.segments[0]')).toBe('variants[2].when.segments[0]');
  });

  it('gives a saved placement back as the same fields', () => {
    const { placement } = readPlacementForm(hero);
    const stored: StoredPlacement = {
      id: 1, siteId: 1, slot: placement!.id, label: placement!.label, adaptive: placement!.adaptive, disabled: false, autoReloadS: 0, createdAt: 0, updatedAt: 0,
      variants: placement!.variants.map((variant, index) => ({ ...variant, id: index + 7 })),
    };
    const again = readPlacementForm(placementValues(stored));
    expect(again.placement).toEqual({ ...placement, variants: placement!.variants.map((variant, index) => ({ ...variant, id: index + 7 })) });
  });

  it.each([
    ['a javascript: link', { 'variants[2].content.kind': 'content', 'variants[2].content.title': 'x', 'variants[2].content.link': 'javascript:alert(1)' }, 'variants[2].content.link', /http\(s\) URL/],
    ['a data: image', { 'variants[0].content.image': 'data:text/html,<script>alert(1)</script>' }, 'variants[0].content.image', /http\(s\) URL/],
    ['params that are not JSON', { 'variants[2].content.params': '{ownerId: 1}' }, 'variants[2].content.params', /not JSON/],
    ['a provider name with markup', { 'variants[2].content.provider': '<script>' }, 'variants[2].content.provider', /provider name/],
    ['a huge title', { 'variants[0].content.title': 'x'.repeat(5_000) }, 'variants[0].content.title', /200/],
    ['a regex of exponential cost', { 'variants[0].when.url.match': 'regex', 'variants[0].when.url.value': '^(a+)+$' }, 'variants[0].when.url.value', /exponential/],
    ['a slot id with markup', { id: '"><script>' }, 'id', /slot id/],
    ['a short auto reload', { auto_reload: '3' }, 'auto_reload', /at least 10 seconds/],
    ['a variant without content', { 'variants[0].content.title': '', 'variants[0].content.link': '', 'variants[0].content.cta': 'Go' }, 'variants[0].content', /needs a title/],
  ])('refuses %s, naming the field as the form does', (_, change, field, message) => {
    const { refusal } = readPlacementForm({ ...hero, ...change });
    expect(refusal?.field).toBe(field);
    expect(refusal?.message.startsWith(`${field}: `)).toBe(true);
    expect(refusal?.message).toMatch(message);
  });

  it('leaves out a block ticked for removal', () => {
    const { placement } = readPlacementForm({ ...hero, 'variants[2].remove': 'on' });
    expect(placement?.variants.map((variant) => variant.name)).toEqual(['Shoe lovers']);
  });
});
