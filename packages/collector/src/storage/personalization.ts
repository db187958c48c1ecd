// Personalization's storage: event rules and their versions, placements and variants, their daily tallies, and the facts a visitor's browser reads.
import type { EventRule } from '@pulse/wire/personalization';
import type { RuleVersion, StoredPlacement, StoredRule, StoredVariant, VariantTally } from '../model/personalization.js';
import type { Lifecycle } from '../model/profile.js';

/** A placement's own fields as saved. */
export interface PlacementFields {
  slot: string;
  label: string;
  adaptive: StoredPlacement['adaptive'];
  disabled: boolean;
  autoReloadS: number;
}

/** What the visitor's own browser may be told is drawn from: the profile's group and score, its cluster and the segments it is in. */
export interface VisitorFacts {
  lifecycle: Lifecycle;
  score: number;
  scoreAt: number;
  cluster: number | null;
  segments: Set<number>;
}

export interface PersonalizationStore {
  /** The site's rules, oldest first (a copy kept until a rule changes). */
  rules(siteId: number): Promise<readonly StoredRule[]>;
  rule(siteId: number, id: number): Promise<StoredRule | undefined>;
  /** A new rule at version 1. */
  insertRule(siteId: number, rule: EventRule, now: number): Promise<StoredRule>;
  /** The rule's next version; undefined when the site has no such rule. */
  updateRule(siteId: number, id: number, rule: EventRule, now: number): Promise<StoredRule | undefined>;
  deleteRule(siteId: number, id: number): Promise<boolean>;
  /** Every version of a rule, newest first. */
  ruleVersions(siteId: number, ruleId: number): Promise<RuleVersion[]>;
  /** Adds firings to a rule's day. */
  addRuleFires(siteId: number, ruleId: number, day: number, fires: number): void;
  /** Each of the site's rules' firings over the days from `fromDay` to `toDay`; rules that never fired are absent. */
  ruleFires(siteId: number, fromDay: number, toDay: number): Promise<Map<number, number>>;

  /** The site's placements with their variants, by slot id (a copy kept until one changes). */
  placements(siteId: number): Promise<readonly StoredPlacement[]>;
  placement(siteId: number, slot: string): Promise<StoredPlacement | undefined>;
  /** Inserts or updates the placement by slot, and makes its variants exactly these (an id kept keeps its tallies). */
  savePlacement(siteId: number, fields: PlacementFields, variants: (Omit<StoredVariant, 'id'> & { id?: number })[], now: number): Promise<StoredPlacement>;
  deletePlacement(siteId: number, slot: string): Promise<boolean>;
  addVariantDay(siteId: number, variantId: number, day: number, views: number, clicks: number): void;
  /** The site's variants' views and clicks over the days from `fromDay` to `toDay`. */
  variantTallies(siteId: number, fromDay: number, toDay: number): Promise<VariantTally[]>;

  /** The facts of the visitor's profile, or undefined before Pulse has stored one. */
  visitorFacts(siteId: number, visitorId: string): Promise<VisitorFacts | undefined>;
}
