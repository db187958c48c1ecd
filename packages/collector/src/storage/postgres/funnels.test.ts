// Funnels on PostgreSQL: definitions and their setup copy, replay cursors two collectors cannot both move, and attempts with their daily counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshPulsePostgres, type PulsePostgres } from '../../testing/postgres.js';
import { CopyShelf } from './copies.js';
import { poolSql, type Sql } from './sql.js';
import { pgFunnels } from './funnels.js';
import { inTransaction, openTransaction } from '../../testing/postgres-transaction.js';
import type { FunnelStore } from '../funnels.js';
import type { FunnelAttempt, FunnelDefinition } from '../../model/funnel.js';

describe('PostgreSQL funnels', () => {
  let db: PulsePostgres;
  let shelf: CopyShelf;
  const on = (sql: Sql) => pgFunnels(sql, shelf.view(() => {}));
  const tx = <T>(fn: (funnels: FunnelStore) => Promise<T> | T) => inTransaction(db.pool, (sql) => fn(on(sql)));
  const pooled = () => on(poolSql(db.pool));
  const checkout: FunnelDefinition = {
    name: 'checkout',
    steps: [{ event: 'cart', where: [] }, { event: 'purchase', where: [{ prop: 'value', op: 'gt', value: 0 }] }],
    windowMinutes: 60,
  };
  const attempt = (step: number, source = 'google', device = 'desktop'): FunnelAttempt => ({ step, startedAt: 100, lastAt: 100 + step, source, device });

  beforeEach(async () => {
    db = await freshPulsePostgres();
    shelf = new CopyShelf();
    await db.pool.query("INSERT INTO sites (key, created_at) VALUES ('one', 0), ('two', 0)");
  });
  afterEach(() => db.close());

  it('saves definitions, keeping the setup until a funnel changes', async () => {
    const funnels = pooled();
    const empty = await funnels.setup(1);
    expect(empty).toEqual([]);
    expect(await funnels.setup(1)).toBe(empty);
    const saved = await tx((f) => f.insert(1, checkout, 5));
    expect(saved).toEqual({
      id: saved.id, siteId: 1, name: 'checkout', steps: checkout.steps, windowMinutes: 60,
      createdAt: 5, updatedAt: 5, generation: 0, computing: true, cursor: null,
    });
    const setup = await funnels.setup(1);
    expect(setup).toEqual([saved]);
    expect(await funnels.setup(1)).toBe(setup);
    const other = await tx((f) => f.insert(1, { ...checkout, name: 'other' }, 6));
    expect((await funnels.list(1)).map((f) => f.id)).toEqual([saved.id, other.id]);
    expect(await funnels.list(2)).toEqual([]);
    expect(await funnels.find(1, saved.id)).toEqual(saved);
    expect(await funnels.find(1, 999)).toBeUndefined();
    expect(await funnels.named(1, 'other')).toBe(other.id);
    expect(await funnels.named(2, 'other')).toBeUndefined();
    await expect(tx((f) => f.insert(1, checkout, 7))).rejects.toThrow(/unique/);

    expect(await tx((f) => f.rename(1, saved.id, 'renamed', 8))).toMatchObject({ name: 'renamed', updatedAt: 8, generation: 0 });
    expect(await tx((f) => f.rename(2, saved.id, 'nope', 8))).toBeUndefined();
    expect((await funnels.setup(1))[0]!.name).toBe('renamed');

    expect(await tx((f) => f.delete(2, other.id))).toBe(false);
    expect(await tx((f) => f.delete(1, other.id))).toBe(true);
    expect((await funnels.setup(1)).map((f) => f.id)).toEqual([saved.id]);
  });

  it('moves a replay\u2019s cursor, finishes it, and starts again when the steps change', async () => {
    const a = await tx((f) => f.insert(1, checkout, 0));
    const b = await tx((f) => f.insert(2, checkout, 0));
    const c = await tx((f) => f.insert(1, { ...checkout, name: 'c' }, 0));
    const funnels = pooled();
    expect((await funnels.computing()).map((f) => f.id)).toEqual([a.id, b.id, c.id]);
    await tx((f) => f.moveCursor(1, a.id, 50, 7));
    expect((await funnels.find(1, a.id))!.cursor).toEqual({ ts: 50, seq: 7 });
    await funnels.setup(1);
    await tx((f) => {
      f.reach(1, 1, a.id, { attempt: attempt(2), day: 4, completedIn: 3 });
      f.finish(2, b.id);
    });
    expect((await funnels.computing()).map((f) => f.id)).toEqual([a.id, c.id]);
    await tx((f) => f.finish(1, a.id));
    expect(await funnels.find(1, a.id)).toMatchObject({ computing: false, cursor: null });
    expect((await funnels.setup(1)).find((f) => f.id === a.id)!.computing).toBe(false);

    const steps = { ...checkout, name: 'again', windowMinutes: 30 };
    expect(await tx((f) => f.redefine(2, a.id, steps, 9))).toBeUndefined();
    expect(await funnels.counts(1, a.id, 0, 10)).not.toEqual([]);
    const redefined = await tx((f) => f.redefine(1, a.id, steps, 9));
    expect(redefined).toMatchObject({ name: 'again', windowMinutes: 30, updatedAt: 9, generation: 1, computing: true, cursor: null });
    expect(await funnels.counts(1, a.id, 0, 10)).toEqual([]);
    expect(await funnels.times(1, a.id, 0, 10)).toEqual([]);
    expect(await funnels.attemptsOf(1, 1)).toEqual([]);
  });

  it('lets one collector at a time replay a chunk: the second reads the cursor the first moved', async () => {
    const funnel = await tx((f) => f.insert(1, checkout, 0));
    const first = await openTransaction(db.pool, on);
    const second = await openTransaction(db.pool, on);
    expect((await first.group.find(1, funnel.id))!.cursor).toBeNull();
    let secondRead = false;
    const secondFind = second.group.find(1, funnel.id).then((found) => ((secondRead = true), found));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondRead).toBe(false);
    first.group.reach(1, 1, funnel.id, { attempt: attempt(1), day: 1, completedIn: null });
    first.group.moveCursor(1, funnel.id, 10, 2);
    await first.commit();
    expect((await secondFind)!.cursor).toEqual({ ts: 10, seq: 2 });
    second.group.finish(1, funnel.id);
    await second.commit();
    expect(await pooled().find(1, funnel.id)).toMatchObject({ computing: false, cursor: null });
    expect(await pooled().counts(1, funnel.id, 0, 9)).toEqual([{ step: 1, source: 'google', device: 'desktop', people: 1 }]);
  });

  it('keeps each person\u2019s attempt and counts steps and times per start day', async () => {
    const a = await tx((f) => f.insert(1, checkout, 0));
    const b = await tx((f) => f.insert(1, { ...checkout, name: 'b' }, 0));
    await tx((f) => {
      f.reach(1, 7, a.id, { attempt: attempt(1), day: 1, completedIn: null });
      f.reach(1, 7, a.id, { attempt: attempt(2), day: 1, completedIn: 4 });
      f.reach(1, 8, a.id, { attempt: attempt(1, 'direct', 'phone'), day: 2, completedIn: null });
      f.reach(1, 8, a.id, { attempt: attempt(1, 'Zeta', 'phone'), day: 2, completedIn: null });
      f.reach(1, 8, a.id, { attempt: attempt(1, 'alpha', 'phone'), day: 3, completedIn: null });
      f.reach(1, 7, b.id, { attempt: attempt(2), day: 1, completedIn: 6 });
      f.addTime(1, a.id, 3, 4);
      f.addStep(1, a.id, 9, 1, 'google', 'desktop');
    });
    const funnels = pooled();
    expect(await funnels.attemptsOfPeople(1, [])).toEqual(new Map());
    expect(await funnels.attemptsOfPeople(1, [8, 7, 99])).toEqual(
      new Map([
        [8, new Map([[a.id, attempt(1, 'alpha', 'phone')]])],
        [7, new Map([[a.id, attempt(2)], [b.id, attempt(2)]])],
        [99, new Map()],
      ]),
    );
    // Grouped in SQLite's order: step, then source and device byte by byte (capitals first).
    expect(await funnels.counts(1, a.id, 1, 3)).toEqual([
      { step: 1, source: 'Zeta', device: 'phone', people: 1 },
      { step: 1, source: 'alpha', device: 'phone', people: 1 },
      { step: 1, source: 'direct', device: 'phone', people: 1 },
      { step: 1, source: 'google', device: 'desktop', people: 1 },
      { step: 2, source: 'google', device: 'desktop', people: 1 },
    ]);
    expect(await funnels.counts(1, a.id, 1, 9)).toContainEqual({ step: 1, source: 'google', device: 'desktop', people: 2 });
    expect(await funnels.times(1, a.id, 0, 9)).toEqual([{ bucket: 4, people: 2 }]);
    expect(await funnels.times(1, b.id, 2, 9)).toEqual([]);
    expect(await funnels.attemptsOf(1, 7)).toEqual([
      { funnelId: a.id, ...attempt(2) },
      { funnelId: b.id, ...attempt(2) },
    ]);

    // The survivor keeps its own attempt where it has one, and takes the others.
    funnels.moveAttempts(1, 8, 7);
    expect(await funnels.attemptsOfPeople(1, [7, 8])).toEqual(
      new Map([
        [7, new Map()],
        [8, new Map([[a.id, attempt(1, 'alpha', 'phone')], [b.id, attempt(2)]])],
      ]),
    );
    await tx((f) => f.forgetProfile(1, 8));
    expect(await funnels.attemptsOf(1, 8)).toEqual([]);
  });

  it('counts what two collectors add to the same day at once', async () => {
    const funnel = await tx((f) => f.insert(1, checkout, 0));
    const both = [await openTransaction(db.pool, on), await openTransaction(db.pool, on)];
    both.forEach(({ group }, i) => group.reach(1, i + 1, funnel.id, { attempt: attempt(2), day: 1, completedIn: 4 }));
    await Promise.all(both.map((t) => t.commit()));
    expect(await pooled().counts(1, funnel.id, 1, 1)).toEqual([{ step: 2, source: 'google', device: 'desktop', people: 2 }]);
    expect(await pooled().times(1, funnel.id, 1, 1)).toEqual([{ bucket: 4, people: 2 }]);
  });
});
