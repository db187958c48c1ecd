// What the stats page and the API read of personalization: each rule with its firings of the last 7 days, each placement's variants with their views and clicks.
import type { Store } from '../storage/store.js';
import type { StoredPlacement, StoredRule, StoredVariant } from '../model/personalization.js';
import { dayOf } from '../days.js';

/** How far back a rule's firings and a variant's views are counted: a week shows a rule a redesign broke. */
export const recentDays = 7;

const recent = (now: number) => ({ from: dayOf(now) - recentDays + 1, to: dayOf(now) });

export interface ListedRule extends StoredRule {
  /** Firings over the last 7 days, today included. */
  fires7d: number;
}

export async function listedRules(store: Pick<Store, 'personalization'>, siteId: number, now: number): Promise<ListedRule[]> {
  const { from, to } = recent(now);
  const fires = await store.personalization.ruleFires(siteId, from, to);
  return (await store.personalization.rules(siteId)).map((rule) => ({ ...rule, fires7d: fires.get(rule.id) ?? 0 }));
}

export interface ListedVariant extends StoredVariant {
  views7d: number;
  clicks7d: number;
}

export interface ListedPlacement extends Omit<StoredPlacement, 'variants'> {
  variants: ListedVariant[];
}

export async function listedPlacements(store: Pick<Store, 'personalization'>, siteId: number, now: number): Promise<ListedPlacement[]> {
  const { from, to } = recent(now);
  const tallies = new Map((await store.personalization.variantTallies(siteId, from, to)).map((tally) => [tally.variantId, tally]));
  return (await store.personalization.placements(siteId)).map((placement) => ({
    ...placement,
    variants: placement.variants.map((variant) => ({ ...variant, views7d: tallies.get(variant.id)?.views ?? 0, clicks7d: tallies.get(variant.id)?.clicks ?? 0 })),
  }));
}
