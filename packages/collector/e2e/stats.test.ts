import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { openTab, signIn, viewports } from './admin.js';
import { startTestCollector, type TestCollector } from '../src/testing/collector.js';
import { wireEvent } from '../src/testing/events.js';

const password = 'correct horse battery';
const hostile = '<img src=x onerror=alert(1)>';

let browser: Browser;
let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  const visit = (visitor: string, extra: Record<string, unknown> = {}) =>
    collector.post({
      site: 'test',
      events: [
        wireEvent({ visitor_id: visitor, session_id: `s-${visitor}`, url: 'http://localhost/?utm_source=newsletter', ...extra }),
        wireEvent({ type: 'track', name: 'product_view', visitor_id: visitor, session_id: `s-${visitor}`, props: { product_id: 'p1' } }),
      ],
    });
  await visit('ana');
  await visit('ben');
  await visit('cy', { url: 'http://localhost/' });
  await collector.post({ site: 'test', events: [wireEvent({ type: 'track', name: hostile, visitor_id: 'cy', session_id: 's-cy' })] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe('stats page', () => {
  it('refuses a wrong password and lets the right one in', async () => {
    const { page } = await openTab(browser);
    await signIn(page, collector.url, 'not the password');
    expect(page.url()).toContain('/stats/login');
    expect(await page.textContent('[role=alert]')).toContain('not right');
    await signIn(page, collector.url, password);
    expect(new URL(page.url()).pathname).toBe('/stats/overview');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'pulse_stats')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.close();
  });

  it('shows the audience numbers of what was sent, with no injected script run', async () => {
    for (const [name, viewport] of viewports) {
      const { page, dialogs, screenshot } = await openTab(browser, viewport);
      await signIn(page, collector.url, password, '/stats/audience');
      const metric = (label: string) => page.locator('.metric', { hasText: label }).locator('.metric-value').textContent();
      expect(await metric('People reached')).toBe('3');
      expect(await metric('Active people')).toBe('3');
      expect(await metric('New customers now')).toBe('3');
      const sources = await page.locator('section', { hasText: 'Reached by source' }).locator('tbody tr').allTextContents();
      expect(sources).toEqual(['newsletter2', 'direct1']);
      // The hostile event name is shown as text, not markup.
      expect(await page.locator('.bar-label', { hasText: hostile }).count()).toBe(1);
      await page.waitForSelector('.chart canvas');
      await screenshot(`audience-${name}`);
      expect(dialogs).toEqual([]);
      await page.close();
    }
  });

  it('sends a strict CSP and refuses forms without the session or its CSRF token', async () => {
    const login = await fetch(`${collector.url}/stats/login`);
    expect(login.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(login.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const foreign = await fetch(`${collector.url}/stats/login`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: `password=${encodeURIComponent(password)}`,
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    const { page } = await openTab(browser);
    await signIn(page, collector.url, password);
    const forged = await page.evaluate(async () => (await fetch('/stats/logout', { method: 'POST', body: new URLSearchParams({ _csrf: 'guess' }) })).status);
    expect(forged).toBe(403);
    await page.close();
  });
});
