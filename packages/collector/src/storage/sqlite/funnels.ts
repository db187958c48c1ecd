// Funnels as stored: their definitions and the attempts and counts computed from events, one group for the rest of Pulse.
import type { Db } from './database.js';
import type { FunnelStore } from '../funnels.js';
import type { Freshness } from './freshness.js';
import { sqliteFunnelDefinitions } from './funnel-definitions.js';
import { sqliteFunnelAttempts } from './funnel-attempts.js';

export const sqliteFunnels = (db: Db, fresh: Freshness): FunnelStore => ({ ...sqliteFunnelDefinitions(db, fresh), ...sqliteFunnelAttempts(db) });
