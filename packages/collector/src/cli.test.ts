import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { runCli, startCliServer } from './testing/cli.js';
import { tempDbPath } from './testing/events.js';
import { openStore } from './storage/store.js';

describe('pulse site', () => {
  it('adds sites, printing the key, and lists them', async () => {
    const db = tempDbPath();
    const added = await runCli(['site', 'add', 'Shop.Example', 'www.shop.example', '--db', db]);
    expect(added.code).toBe(0);
    const key = added.stdout.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await runCli(['site', 'add', 'blog.example', '--key', 'blog', '--db', db])).stdout.trim()).toBe('blog');
    const listed = await runCli(['site', 'list'], { PULSE_DB: db });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${key}\tshop.example,www.shop.example\t`);
    expect(listed.stdout).toContain('blog\tblog.example\t');
  });

  it('refuses a malformed domain with exit code 2', async () => {
    const result = await runCli(['site', 'add', 'https://shop.example/path', '--db', tempDbPath()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a domain name/);
  });
});

describe('pulse events', () => {
  it("edits the specification's table of events: points, hidden, daily cap", async () => {
    const db = tempDbPath();
    await runCli(['site', 'add', 'shop.example', '--key', 'shop', '--db', db]);
    await runCli(['events', 'set', 'add_to_cart', '--points', '0', '--site', 'shop', '--db', db]);
    await runCli(['events', 'set', 'checkout_start', '--points', '0', '--site', 'shop', '--db', db]);
    await runCli(['events', 'set', 'place_order', '--points', '5', '--daily-cap', '10', '--site', 'shop', '--db', db]);
    const hidden = await runCli(['events', 'set', 'checkout_start', '--hide', '--site', 'shop', '--db', db]);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout.trim().split('\n')).toEqual([
      'ID\tName\tPoints\tShown\tDaily cap',
      '1\tadd_to_cart\t0\tyes\t-',
      '2\tcheckout_start\t0\tno\t-',
      '3\tplace_order\t5\tyes\t10',
    ]);
    const bad = await runCli(['events', 'set', 'place_order', '--points', 'lots', '--site', 'shop', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^pulse: --points: /);
    expect((await runCli(['events', 'list', '--site', 'nope', '--db', db])).stderr).toMatch(/no site has the key 'nope'/);
  });
});

describe('pulse webhook', () => {
  it('adds an endpoint printing its secret once, chooses its segments, lists and removes it', async () => {
    const db = tempDbPath();
    await runCli(['site', 'add', 'shop.example', '--key', 'shop', '--db', db]);
    const store = openStore(db);
    const buyers = await store.transaction(async (tx) => tx.segments.insert((await tx.sites.byKey('shop'))!.id, 'Buyers', { lifecycle: ['active'] }, Date.now()));
    await store.close();
    const url = 'https://crm.example.com/pulse';
    const cli = (...args: string[]) => runCli(['webhook', ...args, '--site', 'shop', '--db', db]);

    const unknown = await cli('add', url, '--segments', `${buyers.id},999`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^pulse: --segments: no segment 999 on this site\n/);
    expect((await cli('add', url, '--segments', 'Buyers')).stderr).toMatch(/^pulse: --segments: /);
    expect((await cli('add', url, '--events', 'order.paid')).stderr).toMatch(/^pulse: --events: /);

    const added = await cli('add', url, '--events', 'segment.entered', '--segments', String(buyers.id));
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^whsec_\S+\n$/);
    expect(added.stderr).toBe(`webhook 1 sends segment.entered (segments ${buyers.id} only) to ${url}; the secret above signs each body and is not shown again\n`);
    const listed = async () => (await cli('list')).stdout.trim().split('\n');
    expect(await listed()).toEqual(['ID\tURL\tEvents\tSegments\tEnabled\tDelivered\tPending\tFailed', `1\t${url}\tsegment.entered\t${buyers.id}\tyes\t0\t0\t0`]);
    expect((await cli('set', '1', '--segments', 'all', '--events', 'group.changed,segment.exited')).stderr).toBe(`webhook 1 sends segment.exited, group.changed to ${url}\n`);
    expect((await cli('disable', '1')).code).toBe(0);
    expect((await listed())[1]).toBe(`1\t${url}\tsegment.exited,group.changed\tall\tno\t0\t0\t0`);
    expect((await cli('remove', '1')).stderr).toBe('webhook 1 removed with its unsent deliveries\n');
    expect(await listed()).toHaveLength(1);
  });
});

describe('pulse seed', () => {
  it('fills a database with the demo shop\'s traffic and sums it up in one line', async () => {
    const result = await runCli(['seed', '--events', '500', '--days', '7', '--db', tempDbPath(), '--geo', 'off']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^seeded 500 events, 50 profiles, site demo, 7 days, in [\d.]+ s /);
  });
});

describe('pulse calls simulate', () => {
  it('gives the demo shop its sales line and a few calls on first start, and sends more through the running collector', async () => {
    const db = tempDbPath();
    const { child, url } = await startCliServer(['--db', db, '--geo', 'off', '--demo', '--demo-history', 'off']);
    try {
      const store = openStore(db);
      const site = (await store.sites.byKey('demo'))!;
      const stored = () => store.calls.calls(site.id, 0, Date.now() + 60_000, 1_000);
      for (let i = 0; i < 100 && (await stored()).length < 8; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await stored()).toHaveLength(8);
      expect((await store.calls.pools(site.id)).map((pool) => pool.publishedNumber)).toEqual(['+15550102030']);
      const sent = await runCli(['calls', 'simulate', '--site', 'demo', '--calls', '12', '--url', url, '--db', db]);
      expect(sent.stderr).toBe('');
      expect(sent.stdout).toMatch(/^12 calls sent to http:\/\/127\.0\.0\.1:\d+ for site demo: /);
      const calls = await stored();
      expect(calls).toHaveLength(20);
      expect(new Set(calls.map((call) => call.attribution))).toContain('lease');
      expect(calls.filter((call) => call.attribution === 'lease').every((call) => call.visitorId !== null && call.source !== null)).toBe(true);
      await store.close();
      const refused = await runCli(['calls', 'simulate', '--site', 'demo', '--calls', '0', '--url', url, '--db', db]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^pulse: --calls: /);
    } finally {
      child.kill();
    }
  });

  it('refuses a site without a pool', async () => {
    const db = tempDbPath();
    await runCli(['site', 'add', 'shop.example', '--key', 'shop', '--db', db]);
    const none = await runCli(['calls', 'simulate', '--site', 'shop', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/site shop has no number pool/);
  });
});

describe('pulse errors', () => {
  it('explains a bad flag in one line and exits 2', async () => {
    const unknown = await runCli(['start', '--prot', '80']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toMatch(/^pulse: Unknown option '--prot'/);
    const badPort = await runCli(['start', '--port', 'eighty', '--db', tempDbPath()]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/^pulse: --port: /);
    const badHistory = await runCli(['start', '--demo', '--demo-history', 'later', '--db', tempDbPath()]);
    expect(badHistory.code).toBe(2);
    expect(badHistory.stderr).toMatch(/^pulse: --demo-history: /);
    const badRefit = await runCli(['start', '--cluster-refit-ms', 'hourly', '--db', tempDbPath()]);
    expect(badRefit.code).toBe(2);
    expect(badRefit.stderr).toMatch(/^pulse: --cluster-refit-ms: /);
    expect((await runCli(['--help'])).stdout).toMatch(/--cluster-refit-ms/);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('explains a bad seed setting in one line and exits 2', async () => {
    const none = await runCli(['seed', '--events', '0', '--db', tempDbPath()]);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toMatch(/^pulse: --events: /);
    const crowd = await runCli(['seed', '--events', '50', '--profiles', '60', '--db', tempDbPath()]);
    expect(crowd.code).toBe(2);
    expect(crowd.stderr.split('\n')[0]).toBe('pulse: --profiles: must not exceed --events: every profile starts with an event');
  });

  it('says when the port is in use and exits 1', async () => {
    const { child, url } = await startCliServer(['--db', tempDbPath(), '--geo', 'off']);
    try {
      const port = new URL(url).port;
      const second = await runCli(['start', '--port', port, '--db', tempDbPath(), '--geo', 'off']);
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toBe(`pulse: port 127.0.0.1:${port} is already in use; choose another with --port`);
    } finally {
      child.kill();
    }
  });

  it('says when the database cannot be opened and exits 1', async () => {
    const file = tempDbPath();
    writeFileSync(file, 'not a folder');
    const result = await runCli(['start', '--db', `${file}/pulse.db`, '--geo', 'off']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^pulse: cannot open database at /);
    const notSqlite = tempDbPath();
    writeFileSync(notSqlite, 'this is not an SQLite file, just text that is long enough to have a header');
    const garbage = await runCli(['site', 'list', '--db', notSqlite]);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/^pulse: cannot open database at .*not a database/);
  });
});
