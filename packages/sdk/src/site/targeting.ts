// The chooser: which variant of a placement the visitor sees, by their profile and the page, the first whose targeting holds.
import type { ConfigPlacement, ConfigVariant, Targeting } from '@pulse/wire/personalization';
import type { VisitorProfile } from './api';
import { matchesUrl, type Where } from './url-rule';

/** A condition's list holds when it is absent or empty, or names the visitor's value. */
const anyOf = <T>(list: readonly T[] | undefined, value: T) => !list?.length || list.includes(value);

/** Whether every condition of `when` holds: any one of its segments, groups, clusters and devices, and its URL rule. */
export function holds(when: Targeting, profile: VisitorProfile, where: Where = location): boolean {
  return (
    (!when.segments?.length || when.segments.some((key) => profile.segments.includes(key))) &&
    anyOf(when.groups, profile.group) &&
    anyOf(when.clusters, profile.cluster as number) &&
    anyOf(when.devices, profile.device) &&
    (!when.url || matchesUrl(when.url, where))
  );
}

/**
 * The variant to show: none when the placement is absent (disabled or unknown) or not shown on the
 * visitor's device class, else the first whose targeting holds (the collector sorts them so).
 */
export function chooseVariant(placement: ConfigPlacement | undefined, profile: VisitorProfile, where: Where = location): ConfigVariant | undefined {
  return placement?.adaptive.includes(profile.device) ? placement.variants.find((variant) => holds(variant.when, profile, where)) : undefined;
}
