// What a batch's events did for personalization: rule firings and variant views and clicks, counted per day for the site's own rules and variants.
import { ruleProp, slotEvents } from '@pulse/wire/personalization';
import type { EventRow } from '../model/event.js';
import type { StoredPlacement, StoredRule } from '../model/personalization.js';
import { dayOf } from '../days.js';

export interface InteractionTally {
  /** `${ruleId}:${day}` → firings. */
  fires: Map<string, number>;
  /** `${variantId}:${day}` → [views, clicks]. */
  variants: Map<string, [number, number]>;
}

/**
 * Counts the events that name one of the site's rules (the $rule prop) or variants (slot_view and
 * slot_click with `variant`). Ids come from the page, so only the site's own count: another site's
 * rule id, or a made-up one, counts nowhere.
 */
export function tallyInteractions(rows: readonly EventRow[], rules: readonly StoredRule[], placements: readonly StoredPlacement[]): InteractionTally {
  const tally: InteractionTally = { fires: new Map(), variants: new Map() };
  let ruleIds: Set<number> | undefined;
  let variantIds: Set<number> | undefined;
  for (const row of rows) {
    const rule = row.props?.[ruleProp];
    if (typeof rule === 'number' && (ruleIds ??= new Set(rules.map((stored) => stored.id))).has(rule)) {
      const key = `${rule}:${dayOf(row.ts)}`;
      tally.fires.set(key, (tally.fires.get(key) ?? 0) + 1);
    }
    const view = row.name === slotEvents.view;
    if (!view && row.name !== slotEvents.click) continue;
    const variant = row.props?.variant;
    if (typeof variant !== 'number') continue;
    if (!(variantIds ??= new Set(placements.flatMap((placement) => placement.variants.map((stored) => stored.id)))).has(variant)) continue;
    const key = `${variant}:${dayOf(row.ts)}`;
    const counts = tally.variants.get(key) ?? [0, 0];
    counts[view ? 0 : 1]++;
    tally.variants.set(key, counts);
  }
  return tally;
}
