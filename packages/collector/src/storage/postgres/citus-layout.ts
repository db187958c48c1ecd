// How the schema is laid out on Citus: which tables are copied to every node, and which are distributed by site_id, co-located, in the order a deployment creates them.

/**
 * Copied whole to every node. The collector-wide tables (sites and their domains, settings, sign-ins)
 * belong to no one site; api_tokens and call_numbers are found by a value unique across all sites (a
 * token's hash, a dialled number) before the site is known; call_pools because call_numbers points at them.
 */
export const referenceTables = ['sites', 'site_domains', 'settings', 'admin_sessions', 'api_tokens', 'call_pools', 'call_numbers'] as const;

/**
 * Every other table, distributed by site_id and co-located with profiles, so that a site's rows of
 * every table live on one node: a parent before the tables whose foreign keys point at it.
 */
export const distributedTables = [
  'profiles', 'profile_visitors', 'profile_features', 'profile_categories', 'profile_daily_points', 'profile_counters', 'score_history', 'lifecycle_changes',
  'events', 'event_contexts', 'sessions', 'visitors', 'bot_hits', 'event_definitions',
  'daily_events', 'daily_people', 'daily_reach', 'daily_lifecycle', 'daily_returns', 'hourly_traffic', 'daily_dimensions',
  'segments', 'segment_members', 'segment_changes', 'segment_counters', 'daily_segments',
  'funnels', 'funnel_progress', 'daily_funnel_steps', 'daily_funnel_times',
  'webhook_endpoints', 'webhook_outbox', 'webhook_segments',
  'cluster_models', 'cluster_settings', 'cluster_stats',
  'call_settings', 'call_leases', 'calls', 'call_pool_hours',
  'event_rules', 'event_rule_versions', 'rule_days', 'placements', 'placement_variants', 'variant_days',
] as const;

/** What a deployment runs once, on the coordinator, after the collector has migrated the schema. */
export function citusLayout(): string {
  const [first, ...rest] = distributedTables;
  return [
    ...referenceTables.map((table) => `SELECT create_reference_table('${table}');`),
    `SELECT create_distributed_table('${first}', 'site_id');`,
    ...rest.map((table) => `SELECT create_distributed_table('${table}', 'site_id', colocate_with => '${first}');`),
  ].join('\n');
}
