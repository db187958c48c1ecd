import { describe, expect, it } from 'vitest';
import { startTestCollector } from './testing/collector.js';
import { wireEvent } from './testing/events.js';

describe('the running collector', () => {
  it('sweeps on its own: a new visitor turns passive when its first week ends, with no event', async () => {
    const collector = await startTestCollector(undefined, { sweepIntervalMs: 50 });
    try {
      // First seen a week ago less half a second: new now, passive in half a second.
      const ts = Date.now() - 7 * 86_400_000 + 500;
      await collector.post({ site: 'test', events: [wireEvent({ ts, visitor_id: 'returning' })] });
      const site = (await collector.store.sites.byKey('test'))!;
      expect((await collector.store.profiles.ofVisitor(site.id, 'returning'))!.lifecycle).toBe('new');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await collector.store.profiles.ofVisitor(site.id, 'returning'))!.lifecycle).toBe('passive');
    } finally {
      await collector.close();
    }
  });
});
