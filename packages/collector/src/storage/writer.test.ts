import { describe, expect, it } from 'vitest';
import { createWriter } from './writer.js';

/** A transaction that logs what ran inside it and can be told to fail. */
function fakeTransaction() {
  const log: string[][] = [];
  let current: string[] | null = null;
  return {
    log,
    async transaction<T>(fn: (tx: null) => Promise<T>): Promise<T> {
      current = [];
      try {
        const result = await fn(null);
        log.push(current);
        return result;
      } finally {
        current = null;
      }
    },
    note(entry: string) {
      if (!current) throw new Error('work ran outside a transaction');
      current.push(entry);
    },
  };
}

/** A writer over the fake transaction whose commands note what they ran, or fail. */
function writerOver(tx: ReturnType<typeof fakeTransaction>, options: { windowMs: number; maxJobs?: number }) {
  const commands = {
    note: (_: null, { entry, result }: { entry: string; result?: number }) => (tx.note(entry), result),
    fail: (_: null, { message }: { message: string }) => {
      throw new Error(message);
    },
  };
  return createWriter({ transaction: (fn) => tx.transaction(fn), commands, ...options });
}

describe('createWriter', () => {
  it('groups work submitted in the same window into one transaction', async () => {
    const tx = fakeTransaction();
    const writer = writerOver(tx, { windowMs: 5 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => writer.run('note', { entry: `job ${i}`, result: i * 2 })));
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(tx.log).toHaveLength(1);
    expect(tx.log[0]).toHaveLength(10);
    expect(writer.commits).toBe(1);
  });

  it('settles a submission only after its transaction committed', async () => {
    const tx = fakeTransaction();
    const writer = writerOver(tx, { windowMs: 0 });
    const done = writer.run('note', { entry: 'a' });
    expect(tx.log).toHaveLength(0);
    await done;
    expect(tx.log).toEqual([['a']]);
  });

  it('commits at once when the group is full', async () => {
    const tx = fakeTransaction();
    const writer = writerOver(tx, { windowMs: 10_000, maxJobs: 3 });
    await Promise.all([1, 2, 3].map((i) => writer.run('note', { entry: String(i) })));
    expect(tx.log).toEqual([['1', '2', '3']]);
  });

  it('fails only the job that threw, committing the others alone', async () => {
    const tx = fakeTransaction();
    const writer = writerOver(tx, { windowMs: 5 });
    const good1 = writer.run('note', { entry: 'good1', result: 1 });
    const bad = writer.run('fail', { message: 'disk on fire' });
    const good2 = writer.run('note', { entry: 'good2', result: 2 });
    await expect(bad).rejects.toThrow('disk on fire');
    await expect(good1).resolves.toBe(1);
    await expect(good2).resolves.toBe(2);
    expect(tx.log).toEqual([['good1'], ['good2']]);
  });
});
