import { describe, expect, it } from 'vitest';
import { openStore } from '../store.js';
import { tempDbPath } from '../../testing/events.js';
import { addSite } from '../../sites/sites.js';

describe('segment setup', () => {
  const store = openStore(tempDbPath());
  const siteId = addSite(store, ['example.com'], 0).id;

  it('is read once and kept until the segments or counters change', () => {
    const before = store.segments.setup(siteId);
    expect(store.segments.setup(siteId)).toBe(before);
    const segment = store.segments.insert(siteId, 'big', { score: { gte: 10 } }, 0);
    const after = store.segments.setup(siteId);
    expect(after).not.toBe(before);
    expect(after.segments.map((s) => s.name)).toEqual(['big']);
    store.segments.ensureCounter(siteId, { event: 'purchase', where: [], sum: 'value' });
    expect(store.segments.setup(siteId).counters.map((c) => c.spec.event)).toEqual(['purchase']);
    store.segments.update(siteId, segment.id, 'bigger', { score: { gte: 20 } }, 1);
    expect(store.segments.setup(siteId).segments[0]!.rules).toEqual({ score: { gte: 20 } });
    store.segments.delete(siteId, segment.id);
    expect(store.segments.setup(siteId).segments).toEqual([]);
  });

  it('forgets a change whose transaction rolls back', () => {
    expect(() =>
      store.transaction(() => {
        store.segments.insert(siteId, 'phantom', { score: { gte: 1 } }, 0);
        expect(store.segments.list(siteId).map((s) => s.name)).toEqual(['phantom']);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(store.segments.list(siteId)).toEqual([]);
  });
});
