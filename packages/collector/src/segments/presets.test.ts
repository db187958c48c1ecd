import { describe, expect, it } from 'vitest';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { sweepDue } from '../engine/settle-pass.js';
import { presetSegment, type PresetKind } from './presets.js';

const purchase = (category: string) => ({ name: 'purchase', props: { order_id: 'o', value: 50, items: [{ product_id: 'p', category, price: 50, quantity: 1 }] } });
const view = (category: string, brand = 'Acme') => ({ name: 'product_view', props: { product_id: 'p', category, brand, price: 10 } });

/** A site with one preset turned on, and a way to ask whether Ada is in it. */
async function withPreset(kind: PresetKind, params: Record<string, unknown> = {}) {
  const setup = await scoringSetup();
  const { name, rules } = presetSegment(kind, params);
  const segment = await setup.segment(name, rules, start);
  const member = async () => (await setup.store.segments.ofProfile(setup.site.id, (await setup.profile()).id)).has(segment.id);
  const sweep = (at: number) => setup.store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, at));
  return { ...setup, segment, member, sweep };
}

describe('smart presets, each entered and left on a scripted journey', () => {
  it('E-commerce Buyers: a purchase within 180 days', async () => {
    const { send, member, sweep, segment } = await withPreset('ecommerce_buyers');
    expect(segment.name).toBe('E-commerce Buyers');
    await send(start, { name: 'page' });
    expect(await member()).toBe(false);
    await send(start + day, purchase('coffee'));
    expect(await member()).toBe(true);
    await sweep(start + 181 * day);
    expect(await member()).toBe(false);
  });

  it('Category Lovers: two purchases in the category within 180 days', async () => {
    const { send, member, sweep, segment } = await withPreset('category_lovers', { category: 'coffee' });
    expect(segment.name).toBe('Category Lovers: coffee');
    await send(start, purchase('coffee'), purchase('audio'));
    expect(await member()).toBe(false);
    await send(start + 30 * day, purchase('coffee'));
    expect(await member()).toBe(true);
    await sweep(start + 180 * day); // the first coffee purchase leaves the window
    expect(await member()).toBe(false);
  });

  it('Category Virgins: buyers who never bought in the category', async () => {
    const { send, member } = await withPreset('category_virgins', { category: 'audio' });
    await send(start, view('audio'));
    expect(await member()).toBe(false); // not a buyer yet
    await send(start + day, purchase('coffee'));
    expect(await member()).toBe(true);
    await send(start + 2 * day, purchase('audio'));
    expect(await member()).toBe(false);
  });

  it('High Interest: several views of a brand now, forgotten as days pass', async () => {
    const { send, member, sweep, segment } = await withPreset('high_interest', { brand: 'Kettleworks' });
    expect(segment.name).toBe('High Interest: Kettleworks');
    await send(start, view('coffee', 'Kettleworks'), view('coffee', 'Kettleworks'), view('coffee', 'Other'));
    expect(await member()).toBe(false);
    await send(start + day, view('coffee', 'Kettleworks'));
    expect(await member()).toBe(true);
    await sweep(start + 14 * day);
    expect(await member()).toBe(false);
    await send(start + 20 * day, { name: 'add_to_cart', props: { product_id: 'p', category: 'coffee', brand: 'Kettleworks', price: 79, quantity: 1 } });
    expect(await member()).toBe(true);
  });

  it('Price Hunters: many views in a category and a price sort, until they buy', async () => {
    const { send, member } = await withPreset('price_hunters', { category: 'audio', minViews: 3 });
    await send(start, view('audio'), view('audio'), view('audio'));
    expect(await member()).toBe(false); // no price comparison yet
    await send(start + 1_000, { name: 'sort', props: { by: 'price', order: 'asc' } });
    expect(await member()).toBe(true);
    await send(start + 2_000, purchase('audio'));
    expect(await member()).toBe(false);
  });

  it('refuses bad parameters with the field named', () => {
    expect(() => presetSegment('high_interest', {})).toThrow(/needs a category or a brand/);
    expect(() => presetSegment('category_lovers', { category: 'x', minPurchases: 0 })).toThrow();
  });
});
