// What a page may know of its own visitor: the exposed segments they are in, their group, cluster, score band and device class — nothing that names them.
import { scoreBandFloors, scoreBands, type VisitorProfile } from '@pulse/wire/personalization';
import type { Store } from '../storage/store.js';
import type { ProfileRules } from '../profiles/rules.js';
import type { DeviceClass } from '../model/profile.js';
import { decayedScore } from '../score/decay.js';

/** The band a score falls in: the last whose floor it reaches. */
export function scoreBand(score: number): VisitorProfile['score_band'] {
  let band = 0;
  scoreBandFloors.forEach((floor, index) => score >= floor && (band = index));
  return scoreBands[band]!;
}

/**
 * The profile of the visitor with this id, as its own browser may see it. A visitor Pulse has not
 * stored yet is a new one with nothing known. Only segments the admin gave a browser key are
 * named, by that key: a visitor id alone never reveals traits, ids or personal data.
 */
export async function visitorProfile(
  store: Pick<Store, 'personalization' | 'segments'>,
  rules: ProfileRules,
  siteId: number,
  visitorId: string,
  device: DeviceClass,
  now: number,
): Promise<VisitorProfile> {
  const facts = await store.personalization.visitorFacts(siteId, visitorId);
  if (!facts) return { segments: [], group: 'new', cluster: null, score_band: 'cold', device };
  return {
    segments: (await store.segments.list(siteId)).flatMap((segment) => (segment.browserKey !== null && facts.segments.has(segment.id) ? [segment.browserKey] : [])),
    group: facts.lifecycle,
    cluster: facts.cluster,
    score_band: scoreBand(decayedScore(facts.score, facts.scoreAt, now, rules.scoring.decay)),
    device,
  };
}
