// Personalization as kept: event rules with their versions, placements with their variants, and what each did per day.
import type { EventRule, Placement, Targeting, VariantContent } from '@pulse/wire/personalization';

export interface StoredRule {
  id: number;
  siteId: number;
  rule: EventRule;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** One saved version of a rule, the current one included. */
export interface RuleVersion {
  version: number;
  rule: EventRule;
  savedAt: number;
}

export interface StoredVariant {
  id: number;
  name: string;
  priority: number;
  when: Targeting;
  content: VariantContent;
}

export interface StoredPlacement {
  id: number;
  siteId: number;
  /** The id the page's data-pulse-slot names. */
  slot: string;
  label: string;
  adaptive: Placement['adaptive'];
  disabled: boolean;
  autoReloadS: number;
  /** In the order the browser tries them: highest priority first, then as the admin listed them. */
  variants: StoredVariant[];
  createdAt: number;
  updatedAt: number;
}

/** A variant's views and clicks summed over some days. */
export interface VariantTally {
  variantId: number;
  views: number;
  clicks: number;
}
