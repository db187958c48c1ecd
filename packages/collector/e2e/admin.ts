// Browsing the stats page as its admin: a signed-in Chromium tab that records any dialog an injected script opens.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { personUserAgent } from './browser.js';

export const viewports = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const;

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));

export interface AdminTab {
  page: Page;
  /** Messages of every alert/confirm/prompt seen: an injected script's alert(1) lands here. */
  dialogs: string[];
  /** Saves a full-page screenshot as e2e/artifacts/NAME.png. */
  screenshot(name: string): Promise<void>;
}

export async function openTab(browser: Browser, viewport: { width: number; height: number } = viewports[0][1]): Promise<AdminTab> {
  const page = await browser.newPage({ userAgent: personUserAgent, viewport });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
  return {
    page,
    dialogs,
    async screenshot(name) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
    },
  };
}

/** Opens PATH (/stats/ unless given) on the collector and signs in with the password given; lands where the page sends the admin. */
export async function signIn(page: Page, collectorUrl: string, password: string, path = '/stats/'): Promise<void> {
  await page.goto(`${collectorUrl}${path}`);
  await page.fill('input[name=password]', password);
  // The click returns once the navigation it started has committed; then the new page loads.
  await page.click('button[type=submit]');
  await page.waitForLoadState('load');
}

/** A new tab signed in at PATH, which the sign-in must land back on. */
export async function signedInTab(browser: Browser, collectorUrl: string, password: string, path: string, viewport?: { width: number; height: number }): Promise<AdminTab> {
  const tab = await openTab(browser, viewport);
  await signIn(tab.page, collectorUrl, password, path);
  const landed = new URL(tab.page.url()).pathname;
  if (landed !== path) throw new Error(`signed in at ${path} but landed on ${landed}`);
  return tab;
}
