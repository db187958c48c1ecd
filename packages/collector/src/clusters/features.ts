// The feature vector a person is clustered on, and the counts behind it that ingest keeps per event.
import type { FeatureCounts } from '../model/cluster.js';
import { dayMs } from '../days.js';
import { shareOf } from '../profiles/dimensions.js';
import type { EventRow } from '../model/event.js';
import { type Profile, communityTypes, type TypeCounts } from '../model/profile.js';

/*
 * The vector, in this order (README, "Clusters", documents the same list). Each raw value is then
 * min-max normalized to [0, 1] with the minimum and maximum of the sample the model was fitted on,
 * stored with the model (a constant feature normalizes to 0).
 *   recency        ln(1 + days since last seen)
 *   frequency      ln(1 + events)
 *   monetary       ln(1 + sum of purchase `value`)
 *   score          ln(1 + score now)
 *   category:NAME  share of the person's product views and purchased items in NAME, for the model's
 *                  top categories (at most `topCategories`, picked from the sample at fit time)
 *   device:X       share of the person's events from a desktop, tablet, phone
 *   community:T    share of the person's communities of each VK type (business, brand, public_page,
 *                  interest_group, thematic, event), from the checked `communities` trait
 *   group:G        1 for the person's group (new, active, passive), else 0
 */
export const devices = ['desktop', 'tablet', 'phone'] as const;
export const groups = ['new', 'active', 'passive'] as const;
export const topCategories = 6;
/** Longer category names are cut: they come from public ingest. */
const categoryLength = 100;

export const noCounts = (): FeatureCounts => ({ purchases: 0, purchaseValue: 0, desktop: 0, tablet: 0, phone: 0, catalog: 0, categories: new Map() });

const categoryOf = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, categoryLength) : null);

/** Adds one shown event to a person's counts: its device, a product view's category, a purchase's value and items' categories. */
export function countFeatures(counts: FeatureCounts, event: Pick<EventRow, 'name' | 'device' | 'props'>): void {
  counts[event.device] += 1;
  const props = event.props ?? {};
  const seen = (category: string | null) => {
    if (category === null) return;
    counts.catalog += 1;
    counts.categories.set(category, (counts.categories.get(category) ?? 0) + 1);
  };
  if (event.name === 'product_view') seen(categoryOf(props.category));
  if (event.name === 'purchase') {
    counts.purchases += 1;
    if (typeof props.value === 'number' && Number.isFinite(props.value) && props.value > 0) counts.purchaseValue += props.value;
    if (Array.isArray(props.items)) for (const item of props.items) seen(categoryOf((item as Record<string, unknown> | null)?.category));
  }
}

/** The names of the vector's features for a model's categories, in vector order. */
export const featureNames = (categories: readonly string[]) => [
  'recency',
  'frequency',
  'monetary',
  'score',
  ...categories.map((c) => `category:${c}`),
  ...devices.map((d) => `device:${d}`),
  ...communityTypes.map((t) => `community:${t}`),
  ...groups.map((g) => `group:${g}`),
];

/** Shares of each VK community type among the person's communities (dimensions' own counts), or zeros without any. */
export const communityMix = (own: TypeCounts | undefined): number[] => communityTypes.map((type) => shareOf(own ?? {}, type) ?? 0);

export type ClusterSubject = Pick<Profile, 'lastSeen' | 'events' | 'scoreNow' | 'lifecycle' | 'dimensions'>;

/** The raw (not yet normalized) vector of a person at `now`, for a model's categories. */
export function rawVector(profile: ClusterSubject, counts: FeatureCounts, categories: readonly string[], now: number): number[] {
  const events = counts.desktop + counts.tablet + counts.phone;
  return [
    Math.log1p(Math.max(0, now - profile.lastSeen) / dayMs),
    Math.log1p(profile.events),
    Math.log1p(counts.purchaseValue),
    Math.log1p(Math.max(0, profile.scoreNow)),
    ...categories.map((c) => (counts.catalog ? (counts.categories.get(c) ?? 0) / counts.catalog : 0)),
    ...devices.map((d) => (events ? counts[d] / events : 0)),
    ...communityMix(profile.dimensions?.own),
    ...groups.map((g) => (profile.lifecycle === g ? 1 : 0)),
  ];
}
