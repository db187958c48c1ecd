// A person's traits: what identify() says about them, merged key by key, bounded.
import { customTraitLimits, isKnownTrait } from './known-traits.js';

/**
 * The traits after an identify: later values win, null removes a key. Known traits are checked
 * and few, so they always fit; new custom keys stop at customTraitLimits.perProfile, so a client
 * cannot grow a profile without end.
 */
export function mergeTraits(current: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current };
  let custom = Object.keys(merged).filter((key) => !isKnownTrait(key)).length;
  for (const [key, value] of Object.entries(update)) {
    if (value === null) {
      if (Object.hasOwn(merged, key)) {
        delete merged[key];
        if (!isKnownTrait(key)) custom--;
      }
    } else if (Object.hasOwn(merged, key) || isKnownTrait(key)) {
      merged[key] = value;
    } else if (custom < customTraitLimits.perProfile) {
      custom++;
      merged[key] = value;
    }
  }
  return merged;
}
