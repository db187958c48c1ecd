import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store.js';
import { tempDbPath } from '../../testing/events.js';
import { addSite } from '../../sites/sites.js';

describe('segment setup', () => {
  const store = openStore(tempDbPath());
  let siteId: number;
  beforeAll(async () => {
    siteId = (await addSite(store, ['example.com'], 0)).id;
  });

  it('is read once and kept until the segments or counters change', async () => {
    const before = await store.segments.setup(siteId);
    expect(await store.segments.setup(siteId)).toBe(before);
    const segment = await store.segments.insert(siteId, 'big', { score: { gte: 10 } }, 0);
    const after = await store.segments.setup(siteId);
    expect(after).not.toBe(before);
    expect(after.segments.map((s) => s.name)).toEqual(['big']);
    await store.segments.ensureCounter(siteId, { event: 'purchase', where: [], sum: 'value' });
    expect((await store.segments.setup(siteId)).counters.map((c) => c.spec.event)).toEqual(['purchase']);
    await store.segments.update(siteId, segment.id, 'bigger', { score: { gte: 20 } }, 1);
    expect((await store.segments.setup(siteId)).segments[0]!.rules).toEqual({ score: { gte: 20 } });
    await store.segments.delete(siteId, segment.id);
    expect((await store.segments.setup(siteId)).segments).toEqual([]);
  });

  it('forgets a change whose transaction rolls back', async () => {
    await expect(
      store.transaction(async () => {
        await store.segments.insert(siteId, 'phantom', { score: { gte: 1 } }, 0);
        expect((await store.segments.list(siteId)).map((s) => s.name)).toEqual(['phantom']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.segments.list(siteId)).toEqual([]);
  });
});
