// What every event says about its page and browser, clipped to the collector's bounds.
import type { wireLimits } from '@pulse/wire';

// The collector's bounds, typed as @pulse/wire's so the two cannot drift.
const maxUrl: (typeof wireLimits)['urlLength'] = 2048;
const maxText: (typeof wireLimits)['textLength'] = 300;

export interface Context {
  url: string;
  title: string;
  referrer: string;
  screen: { width: number; height: number };
  language: string;
  timezone: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  gclid?: string;
  yclid?: string;
  fbclid?: string;
  msclkid?: string;
}

/**
 * The page's context. Its campaign parameters (utm_*, gclid, yclid, fbclid, msclkid) travel in
 * `url`: the collector reads the ones a context leaves out from it, so the script tag does not
 * pay for copying them.
 */
export function pageContext(): Context {
  return {
    url: location.href.slice(0, maxUrl),
    // The collector rejects over-long text, and an event it rejects is lost for good. (The title
    // getter already folds whitespace, so control characters are all but impossible.)
    title: document.title.slice(0, maxText),
    // Only http(s) referrers are valid (an app's android-app:// is not); a direct visit has ''.
    referrer: /^https?:/.test(document.referrer) ? document.referrer.slice(0, maxUrl) : '',
    screen: { width: screen.width, height: screen.height },
    language: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
