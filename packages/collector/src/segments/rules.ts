// Rule segments: the JSON rules an admin writes, validated by zod, and their evaluation against one profile.
import { dayMs, dayOf } from '../days.js';
import { z } from 'zod';
import { propTestSchema } from '../props.js';
import type { CounterSpec } from './counters.js';
import type { Profile } from '../storage/store.js';
import { ageBandAt, ageBands, nextBandAt } from '../profiles/age.js';
import { communityTypes, educations, genders } from '../profiles/known-traits.js';
import { ageFactsOf, dominantOf, shareOf } from '../profiles/dimensions.js';

const range = z
  .object({ gte: z.number().optional(), lte: z.number().optional() })
  .strict()
  .refine((r) => r.gte !== undefined || r.lte !== undefined, 'needs gte, lte or both');
const scalar = z.union([z.string().max(1_024), z.number(), z.boolean()]);
const names = z.array(z.string().min(1).max(100)).min(1).max(100);
const days = z.number().positive().max(3_650);
const timeWindow = z
  .object({ withinDays: days.optional(), olderThanDays: days.optional() })
  .strict()
  .refine((w) => (w.withinDays === undefined) !== (w.olderThanDays === undefined), 'needs withinDays or olderThanDays');

const eventName = z.string().min(1).max(100);
const communityType = z.enum(communityTypes);
const communityTypeList = z.array(communityType).min(1);
const share = z
  .object({ gte: z.number().min(0).max(1).optional(), lte: z.number().min(0).max(1).optional() })
  .strict()
  .refine((r) => r.gte !== undefined || r.lte !== undefined, 'needs gte, lte or both');
const where = z.array(propTestSchema).max(10).optional();
/** The longest window a counted test may ask for, in days: how far back counters are kept and filled. */
export const longestWindowDays = 400;
/** Counted per calendar day (UTC): today and the N - 1 days before it. */
const windowDays = z.number().int().min(1).max(longestWindowDays);

/** One test on a profile. */
export const conditionSchema = z.union([
  z.object({ score: range }).strict(),
  z.object({ lifecycle: z.array(z.enum(['new', 'active', 'passive'])).min(1) }).strict(),
  z.object({ trait: z.string().min(1).max(64), equals: scalar }).strict(),
  z.object({ trait: z.string().min(1).max(64), in: z.array(scalar).min(1).max(100) }).strict(),
  z.object({ trait: z.string().min(1).max(64), range }).strict(),
  z.object({ trait: z.string().min(1).max(64), exists: z.boolean() }).strict(),
  z.object({ country: names }).strict(),
  z.object({ city: names }).strict(),
  z.object({ device: z.array(z.enum(['desktop', 'tablet', 'phone'])).min(1) }).strict(),
  // Who the person is (profiles/known-traits.ts): the age band is worked out at the moment of evaluation.
  z.object({ ageBand: z.array(z.enum(ageBands)).min(1) }).strict(),
  z.object({ gender: z.array(z.enum(genders)).min(1) }).strict(),
  z.object({ education: z.array(z.enum(educations)).min(1) }).strict(),
  // The most frequent type among the person's communities, and among their circle's.
  z.object({ dominantCommunity: communityTypeList }).strict(),
  z.object({ circleCommunity: communityTypeList }).strict(),
  // The share (0 to 1) of one type among the person's communities; a person with none never matches.
  z.object({ communityShare: z.object({ type: communityType, range: share }).strict() }).strict(),
  z.object({ firstSeen: timeWindow }).strict(),
  z.object({ lastSeen: timeWindow }).strict(),
  // In one of the clusters (1..k) of the site's model.
  z.object({ cluster: z.array(z.number().int().min(1).max(100)).min(1).max(100) }).strict(),
  // How many times the event happened (with props passing `where`) in the last N days.
  z.object({ event: eventName, where, withinDays: windowDays, count: range }).strict(),
  // The sum of one of its props (revenue, say) over those events.
  z.object({ event: eventName, where, withinDays: windowDays, sum: z.string().min(1).max(64), range }).strict(),
]);

export type Condition = z.infer<typeof conditionSchema>;
export type Rule = Condition | { all: Rule[] } | { any: Rule[] } | { not: Rule };

/** all / any / not over conditions, nested at most a few levels by the size of what an admin writes. */
export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ruleSchema).min(1).max(50) }).strict(),
    z.object({ any: z.array(ruleSchema).min(1).max(50) }).strict(),
    z.object({ not: ruleSchema }).strict(),
    conditionSchema,
  ]),
);

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
