// Failed sign-ins per address: after a few, that address waits before it may try again.
export interface Throttle {
  /** Milliseconds the address must still wait, or 0. */
  waitFor(address: string, now: number): number;
  failed(address: string, now: number): void;
  succeeded(address: string): void;
}

/** Allows `limit` failures per address within `windowMs`; kept in memory, so a restart forgives. */
export function createThrottle(limit = 5, windowMs = 15 * 60_000): Throttle {
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number) => (failures.get(address) ?? []).filter((at) => now - at < windowMs);
  return {
    waitFor(address, now) {
      const times = recent(address, now);
      return times.length < limit ? 0 : times[0]! + windowMs - now;
    },
    failed(address, now) {
      const times = recent(address, now);
      times.push(now);
      failures.set(address, times.slice(-limit));
      // Bounded: an attacker rotating addresses must not grow this without end.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
    succeeded(address) {
      failures.delete(address);
    },
  };
}
