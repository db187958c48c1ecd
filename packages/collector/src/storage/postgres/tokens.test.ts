// API tokens on PostgreSQL: found by hash, listed by name in SQLite's order, revoked once, touched when used.
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup, shopAndBlog } from '../../testing/postgres-group.js';
import { openTransaction } from '../../testing/postgres-transaction.js';
import { pgTokens } from './tokens.js';

const hash = (text: string) => Buffer.from(text.padEnd(32, '.'));

const begin = (pool: pg.Pool) => openTransaction(pool, pgTokens);

describe('PostgreSQL API tokens', () => {
  let db: PulsePostgres;
  let tokens: ReturnType<typeof pgTokens>;
  let site: number;
  let other: number;
  beforeEach(async () => {
    ({ db, group: tokens } = await freshGroup(pgTokens));
    [site, other] = await shopAndBlog(db.pool);
  });
  afterEach(() => db.close());

  it('are found by their hash, with their scopes, and not by another', async () => {
    tokens.insert(site, 'ci', hash('ci'), ['read', 'write'], 1000);
    expect(await tokens.byHash(hash('ci'))).toEqual({ id: 1, siteId: site, name: 'ci', scopes: ['read', 'write'], createdAt: 1000, lastUsedAt: null });
    expect(await tokens.byHash(hash('nope'))).toBeUndefined();
  });

  it("are listed by name in byte order, each site's own", async () => {
    for (const name of ['zeta', 'alpha', 'Beta', 'édition']) tokens.insert(site, name, hash(name), ['read'], 0);
    tokens.insert(other, 'aardvark', hash('aardvark'), ['write'], 0);
    expect((await tokens.list(site)).map((token) => token.name)).toEqual(['Beta', 'alpha', 'zeta', 'édition']);
    expect(await tokens.list(other + 1)).toEqual([]);
    expect(await tokens.named(site, 'alpha')).toBe(true);
    expect(await tokens.named(other, 'alpha')).toBe(false);
  });

  it('refuse a second token of the same name on the site, at the next read', async () => {
    tokens.insert(site, 'ci', hash('ci'), ['read'], 0);
    tokens.insert(site, 'ci', hash('ci2'), ['read'], 0);
    await expect(tokens.list(site)).rejects.toThrow(/api_tokens_site_id_name_key/);
    expect((await tokens.list(site)).map((token) => token.name)).toEqual(['ci']);
  });

  it('are revoked once, by name, on their site only', async () => {
    tokens.insert(site, 'ci', hash('ci'), ['read'], 0);
    expect(await tokens.revoke(other, 'ci')).toBe(false);
    expect(await tokens.revoke(site, 'ci')).toBe(true);
    expect(await tokens.revoke(site, 'ci')).toBe(false);
    expect(await tokens.byHash(hash('ci'))).toBeUndefined();
  });

  it('remember when they were last used', async () => {
    tokens.insert(site, 'ci', hash('ci'), ['read'], 0);
    const { id } = (await tokens.byHash(hash('ci')))!;
    tokens.touch(id, 5000);
    tokens.touch(id + 1, 6000);
    expect((await tokens.byHash(hash('ci')))!.lastUsedAt).toBe(5000);
  });

  it('are revoked by one of two collectors revoking them at once', async () => {
    tokens.insert(site, 'ci', hash('ci'), ['read'], 0);
    await tokens.list(site);
    const collectors = [await begin(db.pool), await begin(db.pool)];
    const revoked = await Promise.all(
      collectors.map(async (collector) => {
        const gone = await collector.group.revoke(site, 'ci');
        await collector.commit();
        return gone;
      }),
    );
    expect(revoked.sort()).toEqual([false, true]);
  });
});
