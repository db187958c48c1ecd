// Consent: the visitor's recorded choice first, then the browser's privacy signals, then the site's default.
import type { Options } from './config';

/**
 * Whether the page may track from the start. Without it nothing is stored or sent (events are
 * dropped) until consent(true). Global Privacy Control and Do Not Track count as a refusal unless
 * the site turned that off; an explicit consent(true), a click on the site's banner, still
 * overrides them, as in PostHog.
 */
export function initialConsent(choice: string | null | undefined, options: Options, browser: Navigator): boolean {
  if (choice) return choice == '1';
  const signal = (browser as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl || browser.doNotTrack == '1';
  return options.consent != 'required' && !(options.respectDnt != 'off' && signal);
}
