// The stats page's sessions on PostgreSQL: found until they expire, signed out one by one or all at once.
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup } from '../../testing/postgres-group.js';
import { openTransaction } from '../../testing/postgres-transaction.js';
import { pgAdminSessions } from './admin-sessions.js';

const hash = (text: string) => Buffer.from(text.padEnd(32, '.'));

const begin = (pool: pg.Pool) => openTransaction(pool, pgAdminSessions);

describe('PostgreSQL admin sessions', () => {
  let db: PulsePostgres;
  let sessions: ReturnType<typeof pgAdminSessions>;
  beforeEach(async () => {
    ({ db, group: sessions } = await freshGroup(pgAdminSessions));
  });
  afterEach(() => db.close());

  it('are found by token hash until they expire', async () => {
    sessions.insert(hash('a'), 'csrf-a', 0, 100);
    expect(await sessions.find(hash('a'), 99)).toEqual({ csrfToken: 'csrf-a', expiresAt: 100 });
    expect(await sessions.find(hash('a'), 100)).toBeUndefined();
    expect(await sessions.find(hash('b'), 0)).toBeUndefined();
  });

  it('drop the expired ones when a browser signs in', async () => {
    sessions.insert(hash('a'), 'csrf-a', 0, 100);
    sessions.insert(hash('b'), 'csrf-b', 0, 300);
    sessions.insert(hash('c'), 'csrf-c', 100, 400);
    expect(await sessions.find(hash('a'), 0)).toBeUndefined();
    const { rows } = await db.pool.query<{ csrf_token: string }>('SELECT csrf_token FROM admin_sessions ORDER BY csrf_token');
    expect(rows.map((row) => row.csrf_token)).toEqual(['csrf-b', 'csrf-c']);
  });

  it('are signed out one by one, or all at once', async () => {
    for (const name of ['a', 'b', 'c']) sessions.insert(hash(name), `csrf-${name}`, 0, 100);
    sessions.delete(hash('a'));
    sessions.delete(hash('nobody'));
    expect(await sessions.find(hash('a'), 0)).toBeUndefined();
    expect(await sessions.find(hash('b'), 0)).toEqual({ csrfToken: 'csrf-b', expiresAt: 100 });
    sessions.deleteAll();
    expect(await sessions.find(hash('b'), 0)).toBeUndefined();
    expect(await sessions.find(hash('c'), 0)).toBeUndefined();
  });

  it('of two browsers signing in at once on two collectors are both kept', async () => {
    sessions.insert(hash('old'), 'csrf-old', 0, 100);
    await sessions.find(hash('old'), 0);
    const collectors = [await begin(db.pool), await begin(db.pool)];
    await Promise.all(
      collectors.map(async (collector, i) => {
        collector.group.insert(hash(`new${i}`), `csrf-${i}`, 200, 1000);
        await collector.commit();
      }),
    );
    expect(await sessions.find(hash('new0'), 300)).toEqual({ csrfToken: 'csrf-0', expiresAt: 1000 });
    expect(await sessions.find(hash('new1'), 300)).toEqual({ csrfToken: 'csrf-1', expiresAt: 1000 });
    expect(await sessions.find(hash('old'), 0)).toBeUndefined();
  });
});
