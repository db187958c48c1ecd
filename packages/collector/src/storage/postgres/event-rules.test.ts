// Event rules on PostgreSQL: versioned on every save, read from a copy until one changes, and their firings summed per day however many collectors count them.
import type pg from 'pg';
import type { EventRule } from '@pulse/wire/personalization';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup, ownCopies, shopAndBlog } from '../../testing/postgres-group.js';
import { openTransaction, someoneWaits } from '../../testing/postgres-transaction.js';
import { pgPersonalization } from './personalization.js';

const clickRule = (name: string): EventRule => ({ name, on: 'click', selector: '.buy', props: [] });
const pageRule = (name: string): EventRule => ({ name, on: 'page', url: { match: 'prefix', value: '/pricing' }, props: [] });

const begin = (pool: pg.Pool) => openTransaction(pool, (sql) => pgPersonalization(sql, ownCopies()));

describe('PostgreSQL event rules', () => {
  let db: PulsePostgres;
  let store: ReturnType<typeof pgPersonalization>;
  let site: number;
  let other: number;
  beforeEach(async () => {
    ({ db, group: store } = await freshGroup(pgPersonalization));
    [site, other] = await shopAndBlog(db.pool);
  });
  afterEach(() => db.close());

  it('are inserted at version 1 and listed oldest first, each site its own', async () => {
    const buy = await store.insertRule(site, clickRule('buy'), 1000);
    expect(buy).toEqual({ id: 1, siteId: site, rule: clickRule('buy'), version: 1, createdAt: 1000, updatedAt: 1000 });
    const pricing = await store.insertRule(site, pageRule('pricing'), 2000);
    await store.insertRule(other, clickRule('subscribe'), 3000);
    expect(await store.rules(site)).toEqual([buy, pricing]);
    expect(await store.rule(site, pricing.id)).toEqual(pricing);
    expect(await store.rule(other, pricing.id)).toBeUndefined();
    expect(await store.rule(site, 99)).toBeUndefined();
    expect(await store.rules(other + 1)).toEqual([]);
  });

  it('count a version for every save, and keep each one, newest first', async () => {
    const { id } = await store.insertRule(site, clickRule('buy'), 1000);
    expect(await store.updateRule(site, id, clickRule('purchase'), 2000)).toEqual({ id, siteId: site, rule: clickRule('purchase'), version: 2, createdAt: 1000, updatedAt: 2000 });
    expect(await store.updateRule(other, id, clickRule('stolen'), 3000)).toBeUndefined();
    expect(await store.updateRule(site, 99, clickRule('nothing'), 3000)).toBeUndefined();
    expect(await store.ruleVersions(site, id)).toEqual([
      { version: 2, rule: clickRule('purchase'), savedAt: 2000 },
      { version: 1, rule: clickRule('buy'), savedAt: 1000 },
    ]);
    expect(await store.ruleVersions(site, 99)).toEqual([]);
  });

  it('are deleted on their own site only, with their versions', async () => {
    const { id } = await store.insertRule(site, clickRule('buy'), 1000);
    expect(await store.deleteRule(other, id)).toBe(false);
    expect(await store.deleteRule(site, id)).toBe(true);
    expect(await store.deleteRule(site, id)).toBe(false);
    expect(await store.rules(site)).toEqual([]);
    expect(await store.ruleVersions(site, id)).toEqual([]);
  });

  it("are a site's one copy until a rule changes", async () => {
    const { id } = await store.insertRule(site, clickRule('buy'), 1000);
    const rules = await store.rules(site);
    expect(await store.rules(site)).toBe(rules);
    await db.pool.query("UPDATE event_rules SET definition = '{}'");
    expect(await store.rule(site, id)).toEqual(rules[0]);
    await store.updateRule(site, id, clickRule('purchase'), 2000);
    expect((await store.rules(site))[0]!.rule).toEqual(clickRule('purchase'));
    await store.deleteRule(site, 99);
    expect(await store.rules(site)).not.toBe(rules);
  });

  it('sum their firings over a range of days, rules that never fired absent, in rule order', async () => {
    const first = await store.insertRule(site, clickRule('a'), 0);
    const second = await store.insertRule(site, clickRule('b'), 0);
    const third = await store.insertRule(site, clickRule('c'), 0);
    const elsewhere = await store.insertRule(other, clickRule('x'), 0);
    store.addRuleFires(site, second.id, 10, 2);
    store.addRuleFires(site, second.id, 10, 3);
    store.addRuleFires(site, second.id, 12, 4);
    store.addRuleFires(site, first.id, 11, 1);
    store.addRuleFires(site, first.id, 13, 100);
    store.addRuleFires(other, elsewhere.id, 11, 7);
    const fires = await store.ruleFires(site, 10, 12);
    expect([...fires]).toEqual([[first.id, 1], [second.id, 9]]);
    expect(fires.has(third.id)).toBe(false);
    expect(await store.ruleFires(site, 20, 30)).toEqual(new Map());
  });

  it('count every firing two collectors add to the same day at once', async () => {
    const { id } = await store.insertRule(site, clickRule('buy'), 0);
    const collectors = await Promise.all([begin(db.pool), begin(db.pool)]);
    await Promise.all(
      collectors.map(async (collector, i) => {
        collector.group.addRuleFires(site, id, 10, i + 1);
        await collector.commit();
      }),
    );
    expect(await store.ruleFires(site, 10, 10)).toEqual(new Map([[id, 3]]));
  });

  it('get one version each when two collectors update a rule at once', async () => {
    const { id } = await store.insertRule(site, clickRule('buy'), 0);
    const first = await begin(db.pool);
    const second = await begin(db.pool);
    expect((await first.group.updateRule(site, id, clickRule('one'), 1000))!.version).toBe(2);
    const secondUpdate = second.group.updateRule(site, id, clickRule('two'), 2000);
    await someoneWaits(db.pool);
    await first.commit();
    expect((await secondUpdate)!.version).toBe(3);
    await second.commit();
    expect((await store.ruleVersions(site, id)).map((v) => [v.version, v.rule.name])).toEqual([[3, 'two'], [2, 'one'], [1, 'buy']]);
  });
});
