// Launches Debian's Chromium through Playwright: no browser download, flags for a closed network.
import { chromium, type Browser } from 'playwright-core';

/** Headless Chromium calls itself HeadlessChrome, which the collector drops as a bot; tests browse as a person. */
export const personUserAgent =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PULSE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}
