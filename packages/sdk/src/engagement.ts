// Engaged time: how long the page has been visible, reported each time it is hidden or left.

/** Whether the page is seen now. */
export const visible = () => !document.hidden;

/**
 * Starts measuring. When the page is hidden (closing a tab hides it too), `report` gets the
 * visible time gathered since the last report, in ms, then `hidden` runs. The function returned
 * reports at once, for an SPA navigation.
 */
export function watchEngagement(now: () => number, report: (ms: number) => void, hidden: () => void): () => void {
  let shownAt = visible() ? now() : 0;
  const take = () => {
    const ms = shownAt && now() - shownAt;
    shownAt = visible() ? now() : 0;
    if (ms > 0) report(ms);
  };
  document.addEventListener('visibilitychange', () => (visible() ? (shownAt ||= now()) : (take(), hidden())));
  return take;
}
