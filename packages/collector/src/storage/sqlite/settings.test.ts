// Collector-wide settings on SQLite: values by key, the retention period, and claims of collector-wide jobs.
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store.js';
import { tempDbPath } from '../../testing/events.js';

const minute = 60_000;

describe('settings', () => {
  const path = tempDbPath();
  const store = openStore(path);
  afterAll(() => store.close());

  it('keep one value per key, the last put', async () => {
    expect(await store.settings.get('admin_hash')).toBeUndefined();
    store.settings.put('admin_hash', 'a');
    store.settings.put('admin_hash', 'b');
    expect(await store.settings.get('admin_hash')).toBe('b');
  });

  it('keep the retention period until it is cleared', async () => {
    expect(await store.settings.retentionDays()).toBeNull();
    store.settings.setRetentionDays(30);
    expect(await store.settings.retentionDays()).toBe(30);
    store.settings.setRetentionDays(null);
    expect(await store.settings.retentionDays()).toBeNull();
  });

  it('let a job be claimed once per period, each job on its own', async () => {
    const start = 1_767_225_600_000;
    expect(await store.settings.claimJob('prune', start, 10 * minute)).toBe(true);
    expect(await store.settings.get('job:prune')).toBe(String(start));
    expect(await store.settings.claimJob('prune', start, 10 * minute)).toBe(false);
    expect(await store.settings.claimJob('prune', start + 10 * minute - 1, 10 * minute)).toBe(false);
    expect(await store.settings.claimJob('refit', start + minute, 10 * minute)).toBe(true);
    // A refused claim leaves the last run as it was: the period counts from the run that happened.
    expect(await store.settings.get('job:prune')).toBe(String(start));
    expect(await store.settings.claimJob('prune', start + 10 * minute, 10 * minute)).toBe(true);
    expect(await store.settings.get('job:prune')).toBe(String(start + 10 * minute));
  });

  it('give a job to one collector of several on the same file', async () => {
    const others = [openStore(path), openStore(path)];
    const now = 1_800_000_000_000;
    const claims = await Promise.all([store, ...others].map((collector) => collector.settings.claimJob('digest', now, minute)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await Promise.all(others.map((other) => other.close()));
  });
});
