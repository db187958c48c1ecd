// The storage module's one door: every table is reached through a group of named reads and writes, one group per concern.
import { openDatabase, type Db, type DatabaseOptions } from './sqlite/database.js';
import { sqliteSites } from './sqlite/sites.js';
import { sqliteEvents } from './sqlite/events.js';
import { sqliteVisits } from './sqlite/visits.js';
import { sqliteTraffic } from './sqlite/traffic.js';
import { sqliteRollups } from './sqlite/rollups.js';
import { sqliteDefinitions } from './sqlite/definitions.js';
import { sqliteProfiles } from './sqlite/profiles.js';
import { sqliteSegments } from './sqlite/segments.js';
import { sqliteFunnels } from './sqlite/funnels.js';
import { sqliteClusters } from './sqlite/clusters.js';
import { sqliteWebhooks } from './sqlite/webhooks.js';
import { sqliteTokens } from './sqlite/tokens.js';
import { sqliteSettings } from './sqlite/settings.js';
import { sqliteAdminSessions } from './sqlite/admin-sessions.js';
import { freshness } from './sqlite/freshness.js';

export function createStore(db: Db) {
  const fresh = freshness(db);
  const groups = {
    sites: sqliteSites(db, fresh),
    events: sqliteEvents(db, fresh),
    visits: sqliteVisits(db),
    traffic: sqliteTraffic(db),
    rollups: sqliteRollups(db),
    definitions: sqliteDefinitions(db, fresh),
    profiles: sqliteProfiles(db),
    segments: sqliteSegments(db, fresh),
    funnels: sqliteFunnels(db, fresh),
    clusters: sqliteClusters(db, fresh),
    webhooks: sqliteWebhooks(db, fresh),
    tokens: sqliteTokens(db),
    settings: sqliteSettings(db),
    adminSessions: sqliteAdminSessions(db),
  };
  return {
    ...groups,
    /** Runs fn in one write transaction; a throw rolls all of it back, and the copies of what it changed are read again. */
    transaction<T>(fn: () => T): T {
      try {
        return db.transaction(() => fresh.within(fn)).immediate();
      } catch (error) {
        fresh.clear();
        throw error;
      }
    },
    close(): void {
      db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

export function openStore(path: string, options?: DatabaseOptions): Store {
  return createStore(openDatabase(path, options));
}

export { DatabaseOpenError } from './sqlite/database.js';
export { startCheckpointer } from './sqlite/checkpointer.js';
export { bytesToUuid } from './sqlite/events.js';
export type { ExportedEventRow } from './sqlite/export.js';
export type { ExportedEvent } from './sqlite/events.js';
export type { LeadCursor, LeadsFilter } from './sqlite/leads.js';
