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
import { sqliteCalls } from './sqlite/call-tracking.js';
import { sqlitePersonalization } from './sqlite/personalization.js';
import { freshness } from './sqlite/freshness.js';
import type { SiteStore } from './sites.js';
import type { EventStore } from './events.js';
import type { VisitStore } from './visits.js';
import type { TrafficStore } from './traffic.js';
import type { RollupStore } from './rollups.js';
import type { DefinitionStore } from './definitions.js';
import type { ProfileStore } from './profiles.js';
import type { SegmentStore } from './segments.js';
import type { FunnelStore } from './funnels.js';
import type { ClusterStore } from './clusters.js';
import type { WebhookStore } from './webhooks.js';
import type { TokenStore } from './tokens.js';
import type { SettingStore } from './settings.js';
import type { AdminSessionStore } from './admin-sessions.js';
import type { CallStore } from './calls.js';
import type { PersonalizationStore } from './personalization.js';


/** The door to storage: one group of reads and writes per concern, what a backend implements. */
export interface Store {
  sites: SiteStore;
  events: EventStore;
  visits: VisitStore;
  traffic: TrafficStore;
  rollups: RollupStore;
  definitions: DefinitionStore;
  profiles: ProfileStore;
  segments: SegmentStore;
  funnels: FunnelStore;
  clusters: ClusterStore;
  webhooks: WebhookStore;
  tokens: TokenStore;
  settings: SettingStore;
  adminSessions: AdminSessionStore;
  calls: CallStore;
  personalization: PersonalizationStore;
  /**
   * Runs fn in one write transaction, handing it the store to use inside it (on SQLite this same one);
   * a throw rolls all of it back, and the copies of what it changed are read again. Transactions of
   * one store run one after another, in the order they were asked for.
   */
  transaction<T>(fn: (tx: Store) => T | Promise<T>): Promise<T>;
  /**
   * How far this store's copies are up to date, for another store on the same database to catch up
   * with (a writer thread's answer carries it to the HTTP thread, so a read after a write sees it).
   * SQLite's stores look for themselves at every read, and have no mark.
   */
  copiesMark(): string | undefined;
  /** Drops the copies if they are behind `mark`. */
  catchUp(mark: string | undefined): void;
  close(): Promise<void>;
}

export function createStore(db: Db): Store {
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
    calls: sqliteCalls(db, fresh),
    personalization: sqlitePersonalization(db, fresh),
  };
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  // fn may wait between its statements, and the connection holds one transaction at a time.
  let tail: Promise<unknown> = Promise.resolve();
  const store: Store = {
    ...groups,
    transaction<T>(fn: (tx: Store) => T | Promise<T>): Promise<T> {
      const run = async (): Promise<T> => {
        begin.run();
        try {
          const result = await fresh.within(() => fn(store));
          commit.run();
          return result;
        } catch (error) {
          if (db.inTransaction) rollback.run();
          fresh.clear();
          throw error;
        }
      };
      const next = tail.then(run, run);
      tail = next.catch(() => undefined);
      return next;
    },
    copiesMark: () => undefined,
    catchUp: () => {},
    async close(): Promise<void> {
      await tail;
      db.close();
    },
  };
  return store;
}

export function openStore(path: string, options?: DatabaseOptions): Store {
  return createStore(openDatabase(path, options));
}

export { DatabaseOpenError } from './sqlite/database.js';
export { startCheckpointer } from './sqlite/checkpointer.js';
export { bytesToUuid } from './uuid-bytes.js';
export type { ExportedEvent, ExportedEventRow } from './events.js';
export type { LeadCursor, LeadsFilter } from './profiles.js';
