// Automatic pageviews: SPA route changes (history API, back/forward, optionally hash changes) reported once per URL.

/** Calls `changed` after every navigation that may have changed the URL; the caller drops repeats of one URL. */
export function watchNavigation(changed: () => void, hash?: boolean): void {
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      // Routers set the title after they push: read the page once they are done.
      setTimeout(changed);
    };
  }
  addEventListener('popstate', changed);
  if (hash) addEventListener('hashchange', changed);
}

/** What makes two pageviews the same: the URL, without its hash unless hash changes count. */
export function pageKey(hash?: boolean): string {
  return hash ? location.href : location.href.split('#')[0]!;
}
