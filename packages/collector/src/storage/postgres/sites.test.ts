// Sites on PostgreSQL: created or extended by key, read from copies until one changes, and one site however many collectors save its key at once.
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup, ownCopies } from '../../testing/postgres-group.js';
import { openTransaction, someoneWaits } from '../../testing/postgres-transaction.js';
import { poolSql } from './sql.js';
import { pgSites } from './sites.js';

const begin = (pool: pg.Pool) => openTransaction(pool, (sql) => pgSites(sql, ownCopies()));

describe('PostgreSQL sites', () => {
  let db: PulsePostgres;
  let sites: ReturnType<typeof pgSites>;
  beforeEach(async () => {
    ({ db, group: sites } = await freshGroup(pgSites));
  });
  afterEach(() => db.close());

  it('are created with their domains in byte order, and extended by a second save of the key', async () => {
    const shop = await sites.save('shop', ['shop.example', 'Shop.example', 'a.example'], 1000);
    expect(shop).toEqual({ id: 1, key: 'shop', createdAt: 1000, domains: ['Shop.example', 'a.example', 'shop.example'] });
    expect(await sites.save('blog', [], 2000)).toEqual({ id: 2, key: 'blog', createdAt: 2000, domains: [] });
    expect(await sites.save('shop', ['b.example', 'a.example'], 3000)).toEqual({ ...shop, domains: ['Shop.example', 'a.example', 'b.example', 'shop.example'] });
    // A known key takes no id: the next site gets the next one.
    expect((await sites.save('news', [], 4000)).id).toBe(3);
    expect((await sites.list()).map((site) => [site.id, site.key, site.domains.length])).toEqual([[1, 'shop', 4], [2, 'blog', 0], [3, 'news', 0]]);
  });

  it('are found by key from a copy kept until a site is saved, unknown keys not kept', async () => {
    expect(await sites.byKey('shop')).toBeUndefined();
    await sites.save('shop', ['shop.example'], 0);
    const shop = await sites.byKey('shop');
    expect(shop).toMatchObject({ key: 'shop', domains: ['shop.example'] });
    expect(await sites.byKey('shop')).toBe(shop);
    // Another collector's change reaches these copies only by notice (copies.ts), not by reading.
    await db.pool.query("INSERT INTO site_domains (domain, site_id) VALUES ('elsewhere.example', 1)");
    expect(await sites.byKey('shop')).toBe(shop);
    await sites.save('blog', [], 0);
    expect(await sites.byKey('shop')).toMatchObject({ domains: ['elsewhere.example', 'shop.example'] });
  });

  it('keep no read that was under way when the copies were emptied', async () => {
    await sites.save('shop', [], 0);
    const copies = ownCopies();
    const fresh = pgSites(poolSql(db.pool), copies);
    const reading = fresh.byKey('shop');
    copies.changed();
    const read = await reading;
    expect(await fresh.byKey('shop')).not.toBe(read);
  });

  it("accept a site's own domains, from a copy kept until a site is saved", async () => {
    const shop = await sites.save('shop', ['shop.example'], 0);
    const blog = await sites.save('blog', ['blog.example'], 0);
    expect(await sites.acceptsDomains(shop.id, ['www.shop.example', 'shop.example'])).toBe(true);
    expect(await sites.acceptsDomains(shop.id, ['blog.example'])).toBe(false);
    expect(await sites.acceptsDomains(shop.id, [])).toBe(false);
    expect(await sites.acceptsDomains(99, ['shop.example'])).toBe(false);
    await db.pool.query("INSERT INTO site_domains (domain, site_id) VALUES ('new.example', $1)", [shop.id]);
    expect(await sites.acceptsDomains(shop.id, ['new.example'])).toBe(false);
    await sites.save('shop', ['other.example'], 0);
    expect(await sites.acceptsDomains(shop.id, ['new.example'])).toBe(true);
    expect(await sites.acceptsDomains(blog.id, ['blog.example'])).toBe(true);
  });

  it('tell whether any site accepts one of some domains', async () => {
    await sites.save('shop', ['shop.example'], 0);
    expect(await sites.anyAcceptsDomains(['x.example', 'shop.example'])).toBe(true);
    expect(await sites.anyAcceptsDomains(['x.example'])).toBe(false);
    expect(await sites.anyAcceptsDomains([])).toBe(false);
  });

  it('are one site when two collectors save the same new key at once, with both their domains', async () => {
    const first = await begin(db.pool);
    const second = await begin(db.pool);
    const firstSite = await first.group.save('shop', ['a.example'], 1000);
    const secondSite = second.group.save('shop', ['b.example'], 2000);
    await someoneWaits(db.pool);
    await first.commit();
    expect(await secondSite).toEqual({ ...firstSite, domains: ['a.example', 'b.example'] });
    await second.commit();
    expect(await sites.list()).toEqual([{ id: firstSite.id, key: 'shop', createdAt: 1000, domains: ['a.example', 'b.example'] }]);
  });
});
