// Browser-test harness: the real collector (`pulse start --demo`, without the generated history, so what is stored is the test's) on a temporary database, Debian's Chromium, and a look at what was stored.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

const cli = fileURLToPath(new URL('../../collector/dist/cli.js', import.meta.url));

/** Headless Chromium calls itself HeadlessChrome, which the collector drops as a bot; the tests browse as a person. */
const personUserAgent =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PULSE_CHROMIUM ?? '/usr/bin/chromium',
    // The person's agent for the whole browser too: a beacon sent as a page leaves can go out without
    // the context's override, as HeadlessChrome, which the collector drops as a bot.
    args: [`--user-agent=${personUserAgent}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A phone's browser: its viewport, touch, and an Android Chrome agent the collector classes as a phone. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
};

/** A browser profile of a person: a desktop one unless `options` say otherwise (a phone's viewport, say). */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ userAgent: personUserAgent, ...options });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface StoredEvent {
  type: string;
  name: string;
  path: string | null;
  url: string | null;
  id: string;
  visitor_id: string;
  session_id: string;
  user_id: string | null;
  props: string | null;
  ts: number;
}

/** The collector as a separate process that a test can kill and start again on the same port and file. */
export class Collector {
  readonly db = join(mkdtempSync(join(tmpdir(), 'pulse-e2e-')), 'pulse.db');
  port = 0;
  private child: ChildProcess | undefined;

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    const child = spawn(process.execPath, [cli, 'start', '--demo', '--demo-history', 'off', '--port', String(this.port), '--db', this.db, '--geo', 'off'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        if (out.includes('listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`pulse start exited with ${code}: ${out}`)));
    });
  }

  /** A new REST API token of the demo site with these scopes ('read', 'write'), made as an admin would: `pulse token add`. */
  token(scopes: string): string {
    const name = `e2e-${scopes}-${Date.now()}`;
    return execFileSync(process.execPath, [cli, 'token', 'add', '--site', 'demo', '--name', name, '--scope', scopes, '--db', this.db], { encoding: 'utf8' }).trim();
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Every stored event of the demo site, in the order they happened. */
  events(): StoredEvent[] {
    const db = new Database(this.db, { readonly: true, fileMustExist: true });
    try {
      // events_full is the collector's documented reading view: an event with its context, URL whole.
      const rows = db
        .prepare(
          `SELECT e.type, e.name, e.url, lower(hex(e.id)) AS id, e.visitor_id, e.session_id, e.user_id, e.props, e.ts
           FROM events_full e JOIN sites s ON s.id = e.site_id WHERE s.key = 'demo' ORDER BY e.ts, e.seq`,
        )
        .all() as Omit<StoredEvent, 'path'>[];
      return rows.map((e) => ({ ...e, path: e.url ? new URL(e.url).pathname : null }));
    } finally {
      db.close();
    }
  }

  /** Waits until the stored events satisfy the check, returning them; fails with what was stored. */
  async waitFor(check: (events: StoredEvent[]) => boolean, ms = 15_000): Promise<StoredEvent[]> {
    const end = Date.now() + ms;
    for (;;) {
      const events = this.events();
      if (check(events)) return events;
      if (Date.now() > end) {
        throw new Error(`timed out; stored: ${JSON.stringify(events.map((e) => [e.type, e.name, e.path]))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export const named = (events: StoredEvent[], name: string) => events.filter((e) => e.name === name);

/** For a test file: one Chromium and one collector, started before its tests and stopped after. */
export function useBrowserAndCollector(): { browser: () => Browser; collector: () => Collector } {
  let browser: Browser | undefined;
  const collector = new Collector();
  beforeAll(async () => {
    browser = await launchChromium();
    await collector.start();
  });
  afterAll(async () => {
    await browser?.close();
    await collector.kill();
  });
  return { browser: () => browser!, collector: () => collector };
}
