// Active people over any range, from the returns rollup: equal to counting distinct person-days, whatever the order days arrive in.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openStore } from '../store.js';
import { migrations } from './migrations.js';
import { addSite } from '../../sites/sites.js';
import { tempDbPath } from '../../testing/events.js';

// A small deterministic generator, so a failure can be replayed.
function random(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('active people from the returns rollup', () => {
  it('equals the distinct people of every range, with late days and merges', async () => {
    const path = tempDbPath();
    const store = openStore(path);
    const site = await addSite(store, ['shop.example'], 0, 'shop');
    const next = random(42);
    const people = 40;
    const days = 30;
    const active = new Map<number, Set<number>>(Array.from({ length: people }, (_, p) => [p + 1, new Set<number>()]));
    await store.transaction(() => {
      for (let i = 0; i < 600; i++) {
        // Days in any order: a queue sent late puts a day between two already counted.
        const person = 1 + Math.floor(next() * people);
        const day = 100 + Math.floor(next() * days);
        if (!active.has(person)) continue;
        store.rollups.markActiveDay(site.id, day, person);
        active.get(person)!.add(day);
        if (i % 97 === 96) {
          // Identity finds two people to be one: the second's days become the first's.
          const [into, from] = [...active.keys()].sort(() => next() - 0.5);
          store.rollups.moveActiveDays(site.id, into!, from!);
          for (const d of active.get(from!)!) active.get(into!)!.add(d);
          active.delete(from!);
        }
      }
    });
    for (let from = 98; from <= 131; from += 3) {
      for (let to = from; to <= 132; to += 4) {
        const expected = [...active.values()].filter((set) => [...set].some((d) => d >= from && d <= to)).length;
        expect(await store.rollups.activePeople({ siteId: site.id, from, to }), `${from}..${to}`).toBe(expected);
      }
    }
    const perDay = await store.rollups.activePerDay({ siteId: site.id, from: 100, to: 129 });
    expect(perDay).toEqual(
      Array.from({ length: days }, (_, i) => ({ day: 100 + i, people: [...active.values()].filter((set) => set.has(100 + i)).length })).filter((d) => d.people > 0),
    );
    await store.close();

    // Migration 11's backfill from the person-days gives the same rollup as kept live.
    const db = new Database(path);
    const returns = () => db.prepare('SELECT day, prev_day, people FROM daily_returns WHERE people != 0 ORDER BY day, prev_day').all();
    const live = returns();
    db.exec('DROP TABLE daily_returns');
    db.exec(migrations.find((m) => m.version === 11)!.sql);
    expect(returns()).toEqual(live);
    db.close();
  });
});
