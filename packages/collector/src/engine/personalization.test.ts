import { describe, expect, it } from 'vitest';
import { addSite } from '../sites/sites.js';
import { parsePlacement } from '../personalization/validate.js';
import { exposeSegment, savePlacements } from './personalization.js';
import { saveSegmentRule } from './segments.js';
import { testStore } from '../testing/backend.js';

describe('savePlacements', () => {
  it('saves every placement of an import, or none when one targets a segment browsers are not shown', async () => {
    const store = await testStore();
    const site = await addSite(store, ['shop.example'], Date.now(), 'shop');
    const now = Date.now();
    const placements = [
      parsePlacement({ id: 1, label: 'Banner', provider: 'adfox', adfox: { ownerId: 1 } }),
      parsePlacement({ id: 'hero', label: 'Hero', variants: [{ name: 'Fans', when: { segments: ['fans'] }, content: { kind: 'content', title: 'Hi' } }] }),
    ];
    await store.transaction(async (tx) => {
      expect(await savePlacements(tx, site.id, placements, now)).toEqual({ field: '[1].variants[0].when.segments[0]', message: expect.stringMatching(/^\[1\]\.variants\[0\]\.when\.segments\[0\]: no segment of the site is shown to browsers as 'fans'/) });
      expect(await tx.personalization.placements(site.id)).toEqual([]);
      const segment = await saveSegmentRule(tx, site.id, { name: 'Fans', rules: { event: 'purchase', withinDays: 30, count: { gte: 1 } } }, now);
      await exposeSegment(tx, site.id, (segment as { segment: { id: number } }).segment.id, 'fans');
      const saved = await savePlacements(tx, site.id, placements, now);
      expect('field' in saved ? saved : saved.map((placement) => placement.slot)).toEqual(['1', 'hero']);
    });
    await store.close();
  });
});
