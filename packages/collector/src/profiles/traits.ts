// A person's traits: what identify() says about them, merged key by key, bounded.

/** Traits a profile keeps at most; keys beyond are dropped, so a client cannot grow a profile without end. */
export const maxTraits = 100;

/** The traits after an identify: later values win, null removes a key, new keys stop at maxTraits. */
export function mergeTraits(current: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current };
  let count = Object.keys(merged).length;
  for (const [key, value] of Object.entries(update)) {
    if (value === null) {
      if (key in merged) delete merged[key], count--;
    } else if (key in merged || count < maxTraits) {
      if (!(key in merged)) count++;
      merged[key] = value;
    }
  }
  return merged;
}
