// The Segments section's data: every segment's size and trend from the daily deltas, and its members page by page.
import type { Store } from '../storage/store.js';
import type { ProfileRules } from '../profiles/rules.js';
import { shownScore } from '../score/decay.js';
import { presetOf, type PresetUse } from '../segments/preset-of.js';
import type { Range } from './range.js';
import { csvLine } from './csv.js';
import type { MemberRow, Segment } from '../model/segment.js';

export const membersPerPage = 50;
const csvPageSize = 1_000;

export interface SegmentRow {
  segment: Segment;
  /** Counted from the members' index: the truth now, whatever the range. */
  size: number;
  /** Size at the end of each day of the range. */
  trend: number[];
  change: number;
  previousChange: number;
  preset: PresetUse | null;
}

const daysOf = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Every segment of the site with its size now, its sizes over the range and its change against the period before. */
export async function segmentsOverview(store: Pick<Store, 'segments'>, siteId: number, range: Range, only?: number) {
  const segments = (await store.segments.list(siteId)).filter((s) => only === undefined || s.id === only);
  const start = range.previous.from;
  const base = await store.segments.sizes(siteId, start - 1);
  const deltas = new Map<number, Map<number, number>>();
  for (const row of await store.segments.deltas(siteId, start, range.to)) {
    if (!deltas.has(row.segmentId)) deltas.set(row.segmentId, new Map());
    deltas.get(row.segmentId)!.set(row.day, row.delta);
  }
  const days = daysOf(range.from, range.to);
  const rows: SegmentRow[] = await Promise.all(segments.map(async (segment) => {
    const changes = deltas.get(segment.id);
    let size = base.get(segment.id) ?? 0;
    const before = size;
    const sizes = new Map<number, number>();
    for (let day = start; day <= range.to; day++) sizes.set(day, (size += changes?.get(day) ?? 0));
    const atPreviousEnd = sizes.get(range.previous.to)!;
    return {
      segment,
      size: await store.segments.size(siteId, segment.id),
      trend: days.map((day) => sizes.get(day)!),
      change: sizes.get(range.to)! - atPreviousEnd,
      previousChange: atPreviousEnd - before,
      preset: presetOf(segment),
    };
  }));
  return { days, rows };
}

export type SegmentsOverview = Awaited<ReturnType<typeof segmentsOverview>>;

/** A member with the score as it stands now (stored scores hold for their scoreAt: a reader sees them decayed). */
export type Member = Omit<MemberRow, 'scoreAt'>;

/** One page of at most `limit` members after the profile id `after`, and where the next page starts (null on the last). */
export async function membersPage(store: Pick<Store, 'segments'>, segment: Pick<Segment, 'siteId' | 'id'>, after: number, limit: number, rules: ProfileRules, now: number) {
  const rows = await store.segments.members(segment.siteId, segment.id, after, limit + 1);
  const members: Member[] = rows.slice(0, limit).map(({ scoreAt, ...row }) => ({ ...row, score: scoreOf(row.score, scoreAt, rules, now) }));
  return { members, next: rows.length > limit ? members.at(-1)!.profileId : null };
}

const scoreOf = (score: number, at: number, rules: ProfileRules, now: number) => shownScore(score, at, now, rules.scoring.decay);

const traitText = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

export const csvColumns = ['profile_id', 'user_id', 'score', 'group', 'since', 'country', 'city', 'device', 'email', 'name'];

/** The members as CSV, read a page at a time as the client takes them: a large segment is never one string. */
export function membersCsv(store: Pick<Store, 'segments'>, segment: Pick<Segment, 'siteId' | 'id'>, rules: ProfileRules, now: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(csvLine(csvColumns)));
      },
      async pull(controller) {
        const rows = await store.segments.members(segment.siteId, segment.id, after, csvPageSize);
        if (rows.length === 0) return controller.close();
        after = rows.at(-1)!.profileId;
        const lines = rows.map((m) =>
          csvLine([
            m.profileId, m.userId, scoreOf(m.score, m.scoreAt, rules, now), m.lifecycle, new Date(m.since).toISOString(),
            m.country, m.city, m.device, traitText(m.traits.email), traitText(m.traits.name),
          ]),
        );
        controller.enqueue(encoder.encode(lines.join('')));
      },
    },
    { highWaterMark: 1 },
  );
}
