// The leads list: a site's people by current score, filtered by group and segment, each with their latest activity.
import { z } from 'zod';
import type { LeadCursor, Store } from '../storage/store.js';
import type { ProfileRules } from '../profiles/rules.js';
import { profileSummary } from './profile.js';
import { dayOf } from '../days.js';
import { firstIssue } from '../validation.js';
import { nameOf, writingsOf } from './people.js';
import type { Profile, Lifecycle } from '../model/profile.js';

export const leadsPageSize = 50;
/** Latest events shown per person in the list; the profile page has the rest. */
const recentPerLead = 3;

const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

const cursorSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?_\d+$/, 'must be a page cursor as SCORE_ID')
  .transform((value): LeadCursor => {
    const [score, id] = value.split('_');
    return { score: Number(score), id: Number(id) };
  });

export const leadsQuerySchema = z.object({
  group: z.preprocess(blankIsAbsent, z.enum(['new', 'active', 'passive']).optional()),
  segment: z.preprocess(blankIsAbsent, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
  after: z.preprocess(blankIsAbsent, cursorSchema.optional()),
});

export type LeadsQuery = z.infer<typeof leadsQuerySchema>;

/** The filters a query string asks for, or what is wrong with it (naming the field). */
export function leadsQueryOf(query: Record<string, string>): { query: LeadsQuery } | { problem: string } {
  const parsed = leadsQuerySchema.safeParse(query);
  return parsed.success ? { query: parsed.data } : { problem: firstIssue(parsed.error).message };
}

export const cursorOf = (profile: Profile) => `${profile.scoreNow}_${profile.id}`;

/**
 * Walking the score index and keeping a segment's members reads about limit × people / size
 * profiles; sorting the members reads all of them. Whichever is fewer wins, so neither a large
 * segment nor a tiny one is slow.
 */
const walkFor = (size: number, people: number, limit: number) => size * size >= limit * people;

/** A person as a row of the list: their latest events and writing are a few index lookups each. */
async function leadOf(store: Pick<Store, 'events' | 'profiles' | 'rollups' | 'segments' | 'visits'>, siteId: number, profile: Profile, segmentNames: Map<number, string>, now: number, rules: ProfileRules) {
  const visitors = await store.profiles.visitors(profile.siteId, profile.id);
  const recent = await store.events.recentOfProfile(siteId, profile.id, recentPerLead);
  const latestVisitor = recent[0]?.visitorId ?? visitors[0];
  const visitor = latestVisitor === undefined ? undefined : await store.visits.visitor(siteId, latestVisitor);
  const writings = await writingsOf(store, siteId, visitors, 1);
  return {
    ...profileSummary(profile, now, rules),
    name: nameOf(profile),
    country: profile.country,
    city: profile.city,
    device: profile.device,
    browser: visitor?.browser ?? null,
    os: visitor?.os ?? null,
    segments: (await store.segments.membershipsOf(profile.siteId, profile.id)).flatMap((m) => segmentNames.get(m.segmentId) ?? []),
    recent,
    writing: writings.latest[0] ?? null,
    writings: writings.count,
  };
}

export type Lead = Awaited<ReturnType<typeof leadOf>>;

export interface Leads {
  rows: Lead[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
  segments: { id: number; name: string; size: number }[];
  groups: Record<Lifecycle, number>;
  people: number;
}

export async function leadsOf(store: Pick<Store, 'events' | 'profiles' | 'rollups' | 'segments' | 'visits'>, siteId: number, query: LeadsQuery, now: number, rules: ProfileRules): Promise<Leads | { problem: string }> {
  const today = dayOf(now);
  const sizes = await store.segments.sizes(siteId, today);
  const segments = (await store.segments.list(siteId)).map((s) => ({ id: s.id, name: s.name, size: sizes.get(s.id) ?? 0 }));
  const segmentNames = new Map(segments.map((s) => [s.id, s.name]));
  const groups = await store.rollups.groupSizes(siteId, today);
  const people = groups.new + groups.active + groups.passive;
  const segment = query.segment === undefined ? null : segments.find((s) => s.id === query.segment);
  if (segment === undefined) return { problem: `segment: no segment ${query.segment} on this site` };

  const profiles = await store.profiles.leads({
    siteId,
    lifecycle: query.group ?? null,
    segmentId: segment?.id ?? null,
    after: query.after ?? null,
    limit: leadsPageSize + 1,
    walk: segment !== null && walkFor(segment.size, people, leadsPageSize),
  });
  const page = profiles.slice(0, leadsPageSize);
  const rows = await Promise.all(page.map((profile) => leadOf(store, siteId, profile, segmentNames, now, rules)));
  return {
    rows,
    next: profiles.length > leadsPageSize ? cursorOf(page.at(-1)!) : null,
    segments,
    groups,
    people,
  };
}
