// Rule segments: a rule (model/rule.ts) evaluated against one profile, and the moments time alone may change the answer.
import type { Condition, Rule } from '../model/rule.js';
import { dayMs, dayOf } from '../days.js';
import { ageBandAt, nextBandAt } from '../profiles/age.js';
import { ageFactsOf, dominantOf, shareOf } from '../profiles/dimensions.js';
import type { CounterSpec } from '../model/segment.js';
import type { Profile } from '../model/profile.js';

/** What a rule can test: a profile as it stands at the moment of evaluation. */
export interface ProfileFacts extends Pick<Profile, 'lifecycle' | 'traits' | 'country' | 'city' | 'device' | 'firstSeen' | 'lastSeen' | 'dimensions'> {
  /** The score decayed to the moment of evaluation. */
  score: number;
  /** The person's cluster in the site's model, read only by rules that test it. */
  cluster(): number | null;
  /** The count and sum of a counted event from a day on, and the first of those days that has any. */
  counted(spec: CounterSpec, fromDay: number): { count: number; total: number; firstDay: number | null };
}


type EventCondition = Extract<Condition, { event: string }>;
// Evaluated for every profile a batch touches: one spec per condition object, so its key is made once too.
const specs = new WeakMap<EventCondition, CounterSpec>();
function specOf(c: EventCondition): CounterSpec {
  let spec = specs.get(c);
  if (!spec) specs.set(c, (spec = { event: c.event, where: c.where ?? [], sum: 'sum' in c ? c.sum : null }));
  return spec;
}

/** The counters a rule needs kept: one per distinct event test. */
export function countersOf(rule: Rule): CounterSpec[] {
  if ('all' in rule) return rule.all.flatMap(countersOf);
  if ('any' in rule) return rule.any.flatMap(countersOf);
  if ('not' in rule) return countersOf(rule.not);
  return 'event' in rule ? [specOf(rule)] : [];
}
const inRange = (value: unknown, r: { gte?: number | undefined; lte?: number | undefined }) =>
  typeof value === 'number' && (r.gte === undefined || value >= r.gte) && (r.lte === undefined || value <= r.lte);
const inWindow = (ts: number, w: { withinDays?: number | undefined; olderThanDays?: number | undefined }, now: number) =>
  w.withinDays !== undefined ? now - ts < w.withinDays * dayMs : now - ts >= w.olderThanDays! * dayMs;

const among = <T>(list: readonly T[], value: T | null) => value !== null && list.includes(value);

export function matches(rule: Rule, p: ProfileFacts, now: number): boolean {
  if ('all' in rule) return rule.all.every((r) => matches(r, p, now));
  if ('any' in rule) return rule.any.some((r) => matches(r, p, now));
  if ('not' in rule) return !matches(rule.not, p, now);
  if ('score' in rule) return inRange(p.score, rule.score);
  if ('lifecycle' in rule) return rule.lifecycle.includes(p.lifecycle);
  if ('trait' in rule) {
    const value = p.traits[rule.trait];
    if ('equals' in rule) return value === rule.equals;
    if ('in' in rule) return rule.in.includes(value as never);
    if ('range' in rule) return inRange(value, rule.range);
    return (value !== undefined) === rule.exists;
  }
  if ('country' in rule) return p.country !== null && rule.country.includes(p.country);
  if ('city' in rule) return p.city !== null && rule.city.includes(p.city);
  if ('device' in rule) return p.device !== null && (rule.device as string[]).includes(p.device);
  if ('ageBand' in rule) return among(rule.ageBand, ageBandAt(ageFactsOf(p), now));
  if ('gender' in rule) return among<unknown>(rule.gender, p.traits.gender);
  if ('education' in rule) return among<unknown>(rule.education, p.traits.education);
  if ('dominantCommunity' in rule) return among(rule.dominantCommunity, dominantOf(p.dimensions?.own ?? {}));
  if ('circleCommunity' in rule) return among(rule.circleCommunity, dominantOf(p.dimensions?.circle ?? {}));
  if ('communityShare' in rule) return inRange(shareOf(p.dimensions?.own ?? {}, rule.communityShare.type), rule.communityShare.range);
  if ('firstSeen' in rule) return inWindow(p.firstSeen, rule.firstSeen, now);
  if ('lastSeen' in rule) return inWindow(p.lastSeen, rule.lastSeen, now);
  if ('cluster' in rule) return rule.cluster.includes(p.cluster() ?? 0);
  const { count, total } = p.counted(specOf(rule), dayOf(now) - rule.withinDays + 1);
  return 'sum' in rule ? inRange(total, rule.range) : inRange(count, rule.count);
}

/** The moments after `now` at which time alone may flip one of the rule's time tests: first or last seen, counted windows, age bands. */
export function timeCrossings(rule: Rule, p: ProfileFacts, now: number): number[] {
  if ('all' in rule) return rule.all.flatMap((r) => timeCrossings(r, p, now));
  if ('any' in rule) return rule.any.flatMap((r) => timeCrossings(r, p, now));
  if ('not' in rule) return timeCrossings(rule.not, p, now);
  if ('event' in rule) {
    // The count first drops when the earliest counted day leaves the window.
    const { firstDay } = p.counted(specOf(rule), dayOf(now) - rule.withinDays + 1);
    return firstDay === null ? [] : [(firstDay + rule.withinDays) * dayMs];
  }
  if ('ageBand' in rule) {
    const next = nextBandAt(ageFactsOf(p), now);
    return next !== null && next > now ? [next] : [];
  }
  const window = 'firstSeen' in rule ? { ts: p.firstSeen, w: rule.firstSeen } : 'lastSeen' in rule ? { ts: p.lastSeen, w: rule.lastSeen } : null;
  if (!window) return [];
  const crossing = window.ts + (window.w.withinDays ?? window.w.olderThanDays!) * dayMs;
  return crossing > now ? [crossing] : [];
}
