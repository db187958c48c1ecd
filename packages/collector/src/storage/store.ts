// The storage module's one door: every SQL statement the collector runs is reached through here.
import { openDatabase, type Db, type DatabaseOptions } from './database.js';
import { siteStatements } from './sites.js';
import { eventStatements } from './events.js';
import { visitStatements } from './visits.js';
import { botStatements } from './bots.js';
import { definitionStatements } from './definitions.js';
import { profileStatements } from './profiles.js';
import { rollupStatements } from './rollups.js';
import { segmentStatements } from './segments.js';
import { segmentViewStatements } from './segment-views.js';
import { adminStatements } from './admin.js';
import { sizeStatements } from './size.js';
import { funnelStatements } from './funnels.js';
import { leadStatements } from './leads.js';
import { trafficStatements } from './traffic.js';
import { webhookStatements } from './webhooks.js';
import { apiTokenStatements } from './api-tokens.js';
import { exportStatements } from './export.js';
import { clusterStatements } from './clusters.js';
import { dimensionStatements } from './dimensions.js';
import { privacyStatements } from './privacy.js';

export function createStore(db: Db) {
  const segments = segmentStatements(db);
  const funnels = funnelStatements(db);
  const webhooks = webhookStatements(db);
  return {
    ...siteStatements(db),
    ...eventStatements(db),
    ...visitStatements(db),
    ...botStatements(db),
    ...definitionStatements(db),
    ...profileStatements(db),
    ...rollupStatements(db),
    ...segments,
    ...segmentViewStatements(db),
    ...adminStatements(db),
    ...sizeStatements(db),
    ...funnels,
    ...leadStatements(db),
    ...trafficStatements(db),
    ...webhooks,
    ...apiTokenStatements(db),
    ...exportStatements(db),
    ...clusterStatements(db),
    ...dimensionStatements(db),
    ...privacyStatements(db),
    /** Runs fn in one write transaction; a throw rolls all of it back. */
    transaction<T>(fn: () => T): T {
      try {
        return db.transaction(fn).immediate();
      } catch (error) {
        segments.forgetSegmentSetups();
        funnels.forgetFunnelSetups();
        webhooks.forgetWebhookEndpoints();
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

export { DatabaseOpenError } from './database.js';
export { startCheckpointer } from './checkpointer.js';
export type { EventRow } from './events.js';
export type { SessionSummary, Session, SessionShape, VisitChange, Visitor } from './visits.js';
export type { Dimension, Traffic } from './traffic.js';
export type { Site } from './sites.js';
export type { Profile, StoredEventSummary } from './profiles.js';
export type { Segment, SegmentSetup, CountedDay } from './segments.js';
export type { MemberRow } from './segment-views.js';
export type { AdminSession } from './admin.js';
export type { Funnel, FunnelAttempt, FunnelCount, ReplayedEvent } from './funnels.js';
export type { LeadCursor, LeadsFilter } from './leads.js';
export type { WebhookEndpoint, WebhookAttempt, WebhookState, DueWebhook } from './webhooks.js';
export type { ApiScope, ApiToken } from './api-tokens.js';
export type { ExportCursor, ExportedEventRow } from './export.js';
export { bytesToUuid } from './events.js';
export type { ClusterTotals, StoredClusterModel } from './clusters.js';
export type { EventCursor, ExportedEvent } from './privacy.js';
