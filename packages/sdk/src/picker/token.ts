// The wizard token that opens the picker: read from the link the stats page opened, kept for the tab's later pages, and taken out of the address bar.
import type { wizardParam } from '@pulse/wire/personalization';

/** The link's query parameter, and the tab's sessionStorage key it is kept under. */
const param: typeof wizardParam = 'pulse_wizard';

/**
 * The wizard token of this tab: a new one from the page's URL (kept in sessionStorage, so later
 * pages of the tab still have it, and removed from the address bar, so it is neither bookmarked nor
 * shared by copying the URL), else the one kept; '' when the tab has none.
 */
export function wizardToken(): string {
  const url = new URL(location.href);
  const fresh = url.searchParams.get(param);
  if (fresh) {
    sessionStorage[param] = fresh;
    url.searchParams.delete(param);
    // History's own method, not the instance p.js wraps for SPA pageviews: the same page without the token is no new pageview.
    History.prototype.replaceState.call(history, history.state, '', url);
  }
  return sessionStorage[param] || '';
}

/** Ends the wizard in this tab: its later pages open without the picker. */
export const forgetToken = () => sessionStorage.removeItem(param);
