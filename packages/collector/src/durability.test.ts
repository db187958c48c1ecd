import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { runCli, startCliServer } from './testing/cli.js';
import { desktopChrome, tempDbPath, wireEvent } from './testing/events.js';
import { uuidToBytes } from './storage/uuid-bytes.js';

/** Posts batches from several concurrent clients until stopped; returns the ids the collector acknowledged. */
async function loadUntilKilled(url: string, stopped: () => boolean): Promise<string[]> {
  const acknowledged: string[] = [];
  const client = async () => {
    while (!stopped()) {
      const events = Array.from({ length: 10 }, () => wireEvent({ visitor_id: 'v-crash', session_id: 's-crash' }));
      try {
        const response = await fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: { 'user-agent': desktopChrome },
          body: JSON.stringify({ site: 'test', events }),
        });
        if (response.status === 200) acknowledged.push(...events.map((e) => e.id));
      } catch {
        // The collector died mid-request: this batch was never acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, client));
  return acknowledged;
}

describe('kill -9', () => {
  it('loses no acknowledged event, over three crashes at random moments', async () => {
    const db = tempDbPath();
    expect((await runCli(['site', 'add', 'localhost', '--key', 'test', '--db', db])).code).toBe(0);
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { child, url } = await startCliServer(['--db', db, '--geo', 'off']);
      let killed = false;
      const load = loadUntilKilled(url, () => killed);
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 800));
      child.kill('SIGKILL');
      await once(child, 'exit');
      killed = true;
      acknowledged.push(...(await load));
    }
    expect(acknowledged.length).toBeGreaterThan(100);
    const check = new Database(db);
    const has = check.prepare('SELECT 1 FROM events WHERE id = ?');
    const missing = acknowledged.filter((id) => has.get(uuidToBytes(id)) === undefined);
    const visitor = check.prepare("SELECT events FROM visitors WHERE visitor_id = 'v-crash'").get() as { events: number };
    const stored = (check.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    check.close();
    expect(missing).toEqual([]);
    // Events and their visitor's counters commit together, or not at all.
    expect(visitor.events).toBe(stored);
  });
});
