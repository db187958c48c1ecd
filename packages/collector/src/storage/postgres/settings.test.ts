// Collector-wide settings on PostgreSQL: values by key, the retention period, and claims of collector-wide jobs that one collector of several wins.
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup } from '../../testing/postgres-group.js';
import { openTransaction, someoneWaits } from '../../testing/postgres-transaction.js';
import { pgSettings } from './settings.js';

const minute = 60_000;
const start = 1_767_225_600_000;

const begin = (pool: pg.Pool) => openTransaction(pool, pgSettings);

describe('PostgreSQL settings', () => {
  let db: PulsePostgres;
  let settings: ReturnType<typeof pgSettings>;
  beforeEach(async () => {
    ({ db, group: settings } = await freshGroup(pgSettings));
  });
  afterEach(() => db.close());

  it('keep one value per key, the last put', async () => {
    expect(await settings.get('admin_hash')).toBeUndefined();
    settings.put('admin_hash', 'a');
    settings.put('admin_hash', "b'c");
    expect(await settings.get('admin_hash')).toBe("b'c");
  });

  it('keep the retention period until it is cleared', async () => {
    expect(await settings.retentionDays()).toBeNull();
    settings.setRetentionDays(30);
    expect(await settings.retentionDays()).toBe(30);
    settings.setRetentionDays(null);
    expect(await settings.retentionDays()).toBeNull();
    expect(await settings.get('retention_days')).toBeUndefined();
  });

  it('let a job be claimed once per period, each job on its own', async () => {
    expect(await settings.claimJob('prune', start, 10 * minute)).toBe(true);
    expect(await settings.get('job:prune')).toBe(String(start));
    expect(await settings.claimJob('prune', start, 10 * minute)).toBe(false);
    expect(await settings.claimJob('prune', start + 10 * minute - 1, 10 * minute)).toBe(false);
    expect(await settings.claimJob('refit', start + minute, 10 * minute)).toBe(true);
    // A refused claim leaves the last run as it was: the period counts from the run that happened.
    expect(await settings.get('job:prune')).toBe(String(start));
    expect(await settings.claimJob('prune', start + 10 * minute, 10 * minute)).toBe(true);
    expect(await settings.get('job:prune')).toBe(String(start + 10 * minute));
  });

  // First with no run recorded (the second insert waits on the first), then with one long past (both update it).
  it.each([
    ['never ran', undefined],
    ['last ran long ago', start - 60 * minute],
  ])('give a job that %s to the first of two transactions claiming it at once, and not to the second', async (_, lastRun) => {
    if (lastRun !== undefined) settings.put('job:digest', String(lastRun));
    await settings.get('job:digest');
    const first = await begin(db.pool);
    const second = await begin(db.pool);
    expect(await first.group.claimJob('digest', start, 10 * minute)).toBe(true);
    const secondClaim = second.group.claimJob('digest', start + 1, 10 * minute);
    await someoneWaits(db.pool);
    await first.commit();
    expect(await secondClaim).toBe(false);
    await second.commit();
    expect(await settings.get('job:digest')).toBe(String(start));
  });

  it('give a job to exactly one of many collectors asking at once', async () => {
    const collectors = await Promise.all(Array.from({ length: 6 }, () => begin(db.pool)));
    const claims = await Promise.all(
      collectors.map(async (collector, i) => {
        const won = await collector.group.claimJob('digest', start + i, minute);
        await collector.commit();
        return won;
      }),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('give the job again once its period has passed since the run that won', async () => {
    const first = await begin(db.pool);
    const second = await begin(db.pool);
    expect(await first.group.claimJob('digest', start, minute)).toBe(true);
    const secondClaim = second.group.claimJob('digest', start + minute, minute);
    await someoneWaits(db.pool);
    await first.commit();
    expect(await secondClaim).toBe(true);
    await second.commit();
    expect(await settings.get('job:digest')).toBe(String(start + minute));
  });
});
