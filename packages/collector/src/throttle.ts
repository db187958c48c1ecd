// Attempts per key (failed sign-ins per address, callback requests per visitor and address): past a few in a window, the key waits before it may try again.
export interface Throttle {
  /** Milliseconds the key must still wait, or 0. */
  waitFor(key: string, now: number): number;
  /** Counts an attempt of the key. */
  count(key: string, now: number): void;
  /** Forgets the key's attempts (a sign-in that succeeded). */
  forget(key: string): void;
}

/** Allows `limit` attempts per key within `windowMs`; kept in memory, so a restart forgives. */
export function createThrottle(limit = 5, windowMs = 15 * 60_000): Throttle {
  const attempts = new Map<string, number[]>();
  const recent = (key: string, now: number) => (attempts.get(key) ?? []).filter((at) => now - at < windowMs);
  return {
    waitFor(key, now) {
      const times = recent(key, now);
      return times.length < limit ? 0 : times[0]! + windowMs - now;
    },
    count(key, now) {
      const times = recent(key, now);
      times.push(now);
      attempts.set(key, times.slice(-limit));
      // Bounded: an attacker rotating addresses or ids must not grow this without end.
      if (attempts.size > 10_000) attempts.delete(attempts.keys().next().value!);
    },
    forget(key) {
      attempts.delete(key);
    },
  };
}
