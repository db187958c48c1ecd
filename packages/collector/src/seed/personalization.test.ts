// The demo's personalization at first start: the wizard's rules, the exposed High Interest segment and the hero's variants, made once.
import { describe, expect, it } from 'vitest';
import { localWriter } from '../engine/commands.js';
import { addSite } from '../sites/sites.js';
import { siteConfig } from '../personalization/config.js';
import { heroSegmentKey, shopPersonalizationOnFirstStart } from './personalization.js';
import { setUpShop } from './setup.js';
import { testStore } from '../testing/backend.js';

const now = Date.UTC(2025, 5, 1, 15, 30);

describe('the demo personalization at first start', () => {
  it('gives a new demo site its wizard rules, a High Interest segment the browser knows and the hero, and leaves them on the next start', async () => {
    const store = await testStore();
    const site = await addSite(store, ['localhost', '127.0.0.1'], now, 'demo');
    const writer = localWriter(store);
    const told: string[] = [];
    const deps = { store, writer };

    expect(await shopPersonalizationOnFirstStart(deps, site, now, (message) => told.push(message))).toBe(true);
    expect((await store.personalization.rules(site.id)).map((stored) => stored.rule)).toEqual([
      { name: 'newsletter_signup', on: 'submit', selector: '#newsletter', props: [] },
      { name: 'compare', on: 'click', selector: '[data-action="compare"]', props: [{ name: 'product_id', from: 'data-product-id' }] },
    ]);
    const segment = (await store.segments.list(site.id)).find((existing) => existing.browserKey === heroSegmentKey);
    expect(segment?.name).toBe('High Interest: Coffee');

    const [hero, ...others] = await store.personalization.placements(site.id);
    expect(others).toEqual([]);
    expect(hero).toMatchObject({ slot: 'hero', label: 'Home hero', adaptive: ['desktop', 'tablet', 'phone'], disabled: false, autoReloadS: 0 });
    // Highest priority first, as the browser tries them: the last one holds for everyone.
    expect(hero!.variants.map((variant) => [variant.name, variant.when])).toEqual([
      ['High Interest: Coffee', { segments: [heroSegmentKey] }],
      ['Phones', { devices: ['phone'] }],
      ['New visitors', { groups: ['new'] }],
      ['Autumn sale', {}],
    ]);
    for (const { content } of hero!.variants) {
      expect(content).toMatchObject({ kind: 'content', image: expect.stringMatching(/^\/demo\/promo\/[a-z-]+\.svg$/), link: expect.stringMatching(/^\/demo\/index\.html/), cta: expect.any(String) });
    }
    // What the shop's pages get: both rules and the hero.
    const config = siteConfig(await store.personalization.rules(site.id), await store.personalization.placements(site.id), false);
    expect(config.rules.map((rule) => rule.name)).toEqual(['newsletter_signup', 'compare']);
    expect(config.placements.map((placement) => [placement.id, placement.variants.length])).toEqual([['hero', 4]]);
    expect(told).toEqual([expect.stringMatching(/^demo: the shop's hero placement and its wizard rules/)]);

    expect(await shopPersonalizationOnFirstStart(deps, site, now + 1_000, (message) => told.push(message))).toBe(false);
    expect(await store.personalization.rules(site.id)).toHaveLength(2);
    expect((await store.personalization.placements(site.id))[0]!.variants).toHaveLength(4);
    expect((await store.segments.list(site.id)).filter((existing) => existing.name === 'High Interest: Coffee')).toHaveLength(1);
    expect(told).toHaveLength(1);
    await writer.close();
    await store.close();
  });

  it('keeps the rules the history\'s shop setup saved before it', async () => {
    const store = await testStore();
    const site = await addSite(store, ['localhost', '127.0.0.1'], now, 'demo');
    const writer = localWriter(store);
    expect(await setUpShop({ store, writer }, site, now)).toBe(true);
    const before = (await store.personalization.rules(site.id)).map((stored) => [stored.id, stored.rule.name, stored.version]);
    expect(before).toHaveLength(2);
    expect(await shopPersonalizationOnFirstStart({ store, writer }, site, now, () => {})).toBe(true);
    expect((await store.personalization.rules(site.id)).map((stored) => [stored.id, stored.rule.name, stored.version])).toEqual(before);
    expect(await store.personalization.placements(site.id)).toHaveLength(1);
    await writer.close();
    await store.close();
  });
});
