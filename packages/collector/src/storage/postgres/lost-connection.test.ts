// A connection PostgreSQL drops under a transaction (a terminated backend, a restart, a failover) costs that attempt, not the collector.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDb, testStore } from '../../testing/backend.js';
import { addSite } from '../../sites/sites.js';

describe('a connection lost under a transaction', () => {
  it('runs the transaction again on another connection, and the store goes on', async () => {
    const db = await testDb();
    const store = await testStore(db);
    const site = await addSite(store, ['shop.example'], 0, 'shop');
    const admin = new pg.Client({ connectionString: db });
    await admin.connect();
    let attempts = 0;
    const top = await store.transaction(async (tx) => {
      attempts += 1;
      await tx.events.lastSeq();
      if (attempts === 1) {
        // Cut from outside while it waits between statements, as an administrator or a failover would.
        const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'");
        expect(cut.rowCount).toBe(1);
      }
      return tx.profiles.top(site.id, 5);
    });
    await admin.end();
    expect(attempts).toBe(2);
    expect(top).toEqual([]);
    expect(await store.transaction((tx) => tx.settings.claimJob('after', 1_000, 60_000))).toBe(true);
  });
});
