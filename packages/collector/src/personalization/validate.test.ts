// Rules and placements as admins send them: seed 001's own slots accepted whole, and every refusal naming its field.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InputError } from '../validation.js';
import { parseEventRule, parsePlacement } from './validate.js';

/** Seed 001's slot configuration, as the seed file holds it. */
const seedSlots = JSON.parse(readFileSync(new URL('./seed-001-slots.json', import.meta.url), 'utf8')) as Record<string, unknown>[];

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return { status: error.status, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('accepted');
};

describe('parsePlacement', () => {
  it('takes every slot of seed 001 as it stands: the provider block handed on, disable and auto_reload kept', () => {
    const placements = seedSlots.map(parsePlacement);
    expect(placements).toHaveLength(15);
    expect(placements[0]).toEqual({
      id: '1',
      label: '100%×150_Branding_desktop',
      adaptive: ['desktop', 'tablet'],
      disable: false,
      auto_reload: 60,
      variants: [{ name: 'adfox', priority: 0, when: {}, content: { kind: 'provider', provider: 'adfox', params: { ownerId: 228129, params: { pp: 'g', ps: 'bugf', p2: 'ezfl' } } } }],
    });
    expect(placements[9]).toMatchObject({ id: '10', disable: true, auto_reload: 0 });
    // adfox_method travels with the block as its `method`.
    expect(placements[12]!.variants[0]!.content).toMatchObject({ params: { method: 'create' } });
    // The yandex slot has no adaptive: every device class.
    expect(placements[13]).toMatchObject({ adaptive: ['desktop', 'tablet', 'phone'], variants: [{ content: { provider: 'yandex', params: { block_id: 'VI-223676-0' } } }] });
  });

  it('names the field of a bad placement', () => {
    expect(refusal(() => parsePlacement({ id: 'hero', label: 'x', adaptive: ['watch'] }))).toMatchObject({ status: 400, field: 'adaptive[0]' });
    expect(refusal(() => parsePlacement({ id: 'has space', label: 'x' }))).toMatchObject({ field: 'id' });
    expect(refusal(() => parsePlacement({ id: 'hero', label: 'x', auto_reload: 3 }))).toMatchObject({ field: 'auto_reload' });
    expect(refusal(() => parsePlacement({ id: 1, label: 'x', provider: 'adfox', adfox: {}, banner: 1 }))).toMatchObject({ field: 'banner' });
    const hostile = { id: 'hero', label: 'x', variants: [{ name: 'v', content: { kind: 'content', text: 'hi', link: 'javascript:alert(1)' } }] };
    expect(refusal(() => parsePlacement(hostile))).toMatchObject({ field: 'variants[0].content.link' });
    const slow = { id: 'hero', label: 'x', variants: [{ name: 'v', when: { url: { match: 'regex', value: '(x+x+)+y' } }, content: { kind: 'content', text: 'hi' } }] };
    expect(refusal(() => parsePlacement(slow))).toMatchObject({ field: 'variants[0].when.url.value' });
  });
});

describe('parseEventRule', () => {
  it('takes the three kinds of rule', () => {
    expect(parseEventRule({ name: 'compare', on: 'click', selector: '[data-action="compare"]', text: 'Compare', props: [{ name: 'product_id', from: 'data-product-id' }] })).toMatchObject({ on: 'click' });
    expect(parseEventRule({ name: 'pricing', on: 'page', url: { match: 'prefix', value: '/pricing' } })).toMatchObject({ props: [] });
    expect(parseEventRule({ name: 'lead', on: 'submit', selector: 'form#contact', props: [{ name: 'plan', from: 'field:plan' }] })).toMatchObject({ on: 'submit' });
  });

  it('names the field of a bad rule', () => {
    expect(refusal(() => parseEventRule({ name: 'x', on: 'click', selector: 'div >' }))).toMatchObject({ field: 'selector' });
    expect(refusal(() => parseEventRule({ name: 'x', on: 'click' }))).toMatchObject({ field: 'selector' });
    expect(refusal(() => parseEventRule({ name: 'x', on: 'page', url: { match: 'regex', value: '(' } }))).toMatchObject({ field: 'url.value' });
    expect(refusal(() => parseEventRule({ name: 'x', on: 'click', selector: 'a', props: [{ name: 'p', from: 'field:pw' }] }))).toMatchObject({ field: 'props[0].from' });
    expect(refusal(() => parseEventRule({ name: 'x', on: 'page', url: { match: 'exact', value: 'no-slash' } }))).toMatchObject({ field: 'url.value' });
    expect(refusal(() => parseEventRule({ name: '', on: 'click', selector: 'a' }))).toMatchObject({ field: 'name' });
  });
});
