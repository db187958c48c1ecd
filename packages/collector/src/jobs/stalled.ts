// Taking up background work a stopped collector left: what stood still from one look to the next has nobody moving it.
import { repeat } from './repeat.js';

/** How often a collector looks for work no one is moving. */
export const stalledLookMs = 60_000;

export interface Stalled<T> {
  /** The work under way, of every collector. */
  list(): Promise<T[]>;
  /** Which piece of work it is, and how far it got. */
  keyOf(item: T): string;
  progressOf(item: T): string;
  /** Takes it up in this collector. */
  adopt(item: T): void;
}

/**
 * Looks every `everyMs` and adopts what did not move since the look before: left by a collector that
 * stopped (killed midway, or right after starting it), and without this only a collector starting
 * later would go on with it. What moves is left to whoever moves it: two collectors on one piece
 * would take turns at its row lock, each holding its writer meanwhile. Returns a function that stops looking.
 */
export function adoptStalled<T>(work: Stalled<T>, everyMs: number, log: (message: string) => void): () => Promise<void> {
  let seen = new Map<string, string>();
  const look = async () => {
    const now = new Map<string, string>();
    for (const item of await work.list()) {
      const key = work.keyOf(item);
      const progress = work.progressOf(item);
      if (seen.get(key) === progress) work.adopt(item);
      now.set(key, progress);
    }
    seen = now;
  };
  return repeat(look, { everyMs }, (error) => log(error.message));
}
