// The language of rule segments: the JSON rules an admin writes, as zod validates them.
import { z } from 'zod';
import { propTestSchema } from './props.js';
import { ageBands, communityTypes, educations, genders, lifecycles, deviceClasses } from './profile.js';

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
  z.object({ lifecycle: z.array(z.enum(lifecycles)).min(1) }).strict(),
  z.object({ trait: z.string().min(1).max(64), equals: scalar }).strict(),
  z.object({ trait: z.string().min(1).max(64), in: z.array(scalar).min(1).max(100) }).strict(),
  z.object({ trait: z.string().min(1).max(64), range }).strict(),
  z.object({ trait: z.string().min(1).max(64), exists: z.boolean() }).strict(),
  z.object({ country: names }).strict(),
  z.object({ city: names }).strict(),
  z.object({ device: z.array(z.enum(deviceClasses)).min(1) }).strict(),
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
