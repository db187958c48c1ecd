// Sessions and visitors, kept current from per-batch summaries of their events.
import type { Session, SessionSummary, VisitChange, Visitor } from '../model/visit.js';

export interface VisitStore {
  /**
   * Applies a batch's summary of one session and its visitor. Says what the session was before
   * (the upsert can only return it after), so the traffic rollups can move by the difference.
   */
  record(s: SessionSummary): Promise<VisitChange>;
  session(siteId: number, sessionId: string): Promise<Session | undefined>;
  visitor(siteId: number, visitorId: string): Promise<Visitor | undefined>;
  /** The visitors of those ids that exist; one read for a page of people. */
  visitors(siteId: number, visitorIds: readonly string[]): Promise<Map<string, Visitor>>;
  /** A browser's sessions as stored, for a person's export. */
  sessionsOfVisitor(siteId: number, visitorId: string): Promise<Record<string, unknown>[]>;
  /** A browser's visitor row as stored, for a person's export. */
  visitorRecord(siteId: number, visitorId: string): Promise<Record<string, unknown> | undefined>;
  /** A browser's sessions and visitor row; says how many sessions went. */
  dropVisitor(siteId: number, visitorId: string): Promise<{ sessions: number }>;
  /** Deletes up to `limit` of a site's sessions that ended before `cutoff`; says how many went. */
  deleteSessionsBefore(siteId: number, cutoff: number, limit: number): Promise<number>;
}
