import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { openDatabase } from './database.js';
import { startCheckpointer } from './checkpointer.js';
import { tempDbPath } from '../../testing/events.js';

describe('startCheckpointer', () => {
  it('moves committed pages from the WAL into the database file while the writer never checkpoints', async () => {
    const path = tempDbPath();
    const db = openDatabase(path, { autoCheckpoint: false });
    db.exec('CREATE TABLE filler (text TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run('x'.repeat(500));
    })();
    const before = statSync(path).size;
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1_000_000);

    const errors: string[] = [];
    const checkpointer = startCheckpointer(path, (message) => errors.push(message), 50);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await checkpointer.stop();
    expect(errors).toEqual([]);
    expect(statSync(path).size - before).toBeGreaterThan(1_000_000);
    db.close();
  });
});
