// The leads list: a site's people by current score, filtered by group and segment, each with their latest activity.
import { z } from 'zod';
import type { LeadCursor, Store } from '../storage/store.js';
import type { ProfileRules } from '../profiles/rules.js';
import { profileSummary } from './profile.js';
import { dayOf } from '../days.js';
import { firstIssue } from '../validation.js';
import { nameOf, writingsOfPeople } from './people.js';
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

/**
 * A page of people as rows of the list, with their latest events, browser and writing: a handful of
 * reads for the whole page (each of many people at once), as PostgreSQL answers each over the network.
 */
async function leadsFor(store: Pick<Store, 'events' | 'profiles' | 'segments' | 'visits'>, siteId: number, people: Profile[], segments: { id: number; name: string }[], now: number, rules: ProfileRules) {
  const ids = people.map((profile) => profile.id);
  const [visitorsOf, recentOf, memberships] = await Promise.all([
    store.profiles.visitorsOfPeople(siteId, ids),
    store.events.recentOfPeople(siteId, ids, recentPerLead),
    store.segments.membershipsOfPeople(siteId, ids),
  ]);
  const latestVisitor = (id: number) => recentOf.get(id)![0]?.visitorId ?? visitorsOf.get(id)![0];
  const [browsers, writings] = await Promise.all([
    store.visits.visitors(siteId, ids.flatMap((id) => latestVisitor(id) ?? [])),
    writingsOfPeople(store, siteId, visitorsOf, 1),
  ]);
  return people.map((profile) => {
    const visitor = browsers.get(latestVisitor(profile.id) ?? '');
    const member = memberships.get(profile.id)!;
    return {
      ...profileSummary(profile, now, rules),
      name: nameOf(profile),
      country: profile.country,
      city: profile.city,
      device: profile.device,
      browser: visitor?.browser ?? null,
      os: visitor?.os ?? null,
      // In the order of the site's segments, the same in every row.
      segments: segments.filter((segment) => member.has(segment.id)).map((segment) => segment.name),
      recent: recentOf.get(profile.id)!,
      writing: writings.get(profile.id)!.latest[0] ?? null,
      writings: writings.get(profile.id)!.count,
    };
  });
}

export type Lead = Awaited<ReturnType<typeof leadsFor>>[number];

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
  return {
    rows: await leadsFor(store, siteId, page, segments, now, rules),
    next: profiles.length > leadsPageSize ? cursorOf(page.at(-1)!) : null,
    segments,
    groups,
    people,
  };
}
