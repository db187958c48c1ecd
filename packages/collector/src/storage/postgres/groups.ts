// Every PostgreSQL group, bound to one connection's Sql: what a transaction (or the pool) reads and writes through.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { Store } from '../store.js';
import { pgSites } from './sites.js';
import { pgEvents } from './events.js';
import { pgVisits } from './visits.js';
import { pgTraffic } from './traffic.js';
import { pgRollups } from './rollups.js';
import { pgDefinitions } from './definitions.js';
import { pgProfiles } from './profiles.js';
import { pgSegments } from './segments.js';
import { pgFunnels } from './funnels.js';
import { pgClusters } from './clusters.js';
import { pgWebhooks } from './webhooks.js';
import { pgTokens } from './tokens.js';
import { pgSettings } from './settings.js';
import { pgAdminSessions } from './admin-sessions.js';
import { pgCalls } from './call-tracking.js';
import { pgPersonalization } from './personalization.js';

export type Groups = Omit<Store, 'transaction' | 'close' | 'copiesMark' | 'catchUp'>;

export function pgGroups(sql: Sql, copies: Copies): Groups {
  return {
    sites: pgSites(sql, copies),
    events: pgEvents(sql, copies),
    visits: pgVisits(sql),
    traffic: pgTraffic(sql),
    rollups: pgRollups(sql),
    definitions: pgDefinitions(sql, copies),
    profiles: pgProfiles(sql),
    segments: pgSegments(sql, copies),
    funnels: pgFunnels(sql, copies),
    clusters: pgClusters(sql, copies),
    webhooks: pgWebhooks(sql, copies),
    tokens: pgTokens(sql),
    settings: pgSettings(sql),
    adminSessions: pgAdminSessions(sql),
    calls: pgCalls(sql, copies),
    personalization: pgPersonalization(sql, copies),
  };
}
