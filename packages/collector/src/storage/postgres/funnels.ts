// Funnels on PostgreSQL: their definitions and the attempts and counts computed from events, one group for the rest of Pulse.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { FunnelStore } from '../funnels.js';
import { pgFunnelDefinitions } from './funnel-definitions.js';
import { pgFunnelAttempts } from './funnel-attempts.js';

export const pgFunnels = (sql: Sql, copies: Copies): FunnelStore => ({ ...pgFunnelDefinitions(sql, copies), ...pgFunnelAttempts(sql) });
