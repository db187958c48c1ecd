// The tables that reached their site only through a parent row until migration 21, each with that parent: where its rows' site_id was filled from.

export interface SiteParent {
  table: string;
  /** The row's site is this table's site_id… */
  parent: string;
  /** …on the parent row whose id this column holds. */
  by: string;
}

/** In an order where a parent gets its own site_id before its children read it (placement_variants before variant_days). */
export const siteParents: readonly SiteParent[] = [
  { table: 'lifecycle_changes', parent: 'profiles', by: 'profile_id' },
  { table: 'profile_daily_points', parent: 'profiles', by: 'profile_id' },
  { table: 'score_history', parent: 'profiles', by: 'profile_id' },
  { table: 'profile_counters', parent: 'profiles', by: 'profile_id' },
  { table: 'profile_categories', parent: 'profiles', by: 'profile_id' },
  { table: 'segment_members', parent: 'segments', by: 'segment_id' },
  { table: 'segment_changes', parent: 'segments', by: 'segment_id' },
  { table: 'funnel_progress', parent: 'funnels', by: 'funnel_id' },
  { table: 'daily_funnel_steps', parent: 'funnels', by: 'funnel_id' },
  { table: 'daily_funnel_times', parent: 'funnels', by: 'funnel_id' },
  { table: 'webhook_outbox', parent: 'webhook_endpoints', by: 'endpoint_id' },
  { table: 'webhook_segments', parent: 'webhook_endpoints', by: 'endpoint_id' },
  { table: 'call_pool_hours', parent: 'call_pools', by: 'pool_id' },
  { table: 'event_rule_versions', parent: 'event_rules', by: 'rule_id' },
  { table: 'rule_days', parent: 'event_rules', by: 'rule_id' },
  { table: 'placement_variants', parent: 'placements', by: 'placement_id' },
  { table: 'variant_days', parent: 'placement_variants', by: 'variant_id' },
];
