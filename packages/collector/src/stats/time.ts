// Times as the stats page writes them: UTC to the minute, and how long ago for recent activity.

export const dateTime = (ts: number) => `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** "just now", "5 min ago", "3 h ago", "12 d ago", then the date. */
export function ago(ts: number, now: number): string {
  const minutes = Math.floor((now - ts) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  if (minutes < 60 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} d ago`;
  return new Date(ts).toISOString().slice(0, 10);
}
