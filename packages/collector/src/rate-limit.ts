// Requests per key in fixed windows (profile reads per visitor and per address): O(1) per request, for endpoints asked thousands of times a second.
export interface RateLimit {
  /** Counts a request of the key; the milliseconds until its window ends when it is over the limit, else 0. */
  take(key: string, now: number): number;
}

/** Allows `limit` requests per key in each window of `windowMs`; kept in memory for at most `maxKeys` keys (the oldest go first). */
export function createRateLimit(limit: number, windowMs: number, maxKeys = 100_000): RateLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      const start = now - (now % windowMs);
      let window = windows.get(key);
      if (window === undefined || window.start !== start) {
        windows.delete(key);
        windows.set(key, (window = { start, count: 0 }));
        // A key refreshed moves to the end: the first key is the one seen longest ago.
        if (windows.size > maxKeys) windows.delete(windows.keys().next().value!);
      }
      window.count++;
      return window.count > limit ? start + windowMs - now : 0;
    },
  };
}
