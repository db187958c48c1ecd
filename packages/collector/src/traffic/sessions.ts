import type { EventRow } from '../model/event.js';
import type { SessionSummary } from '../model/visit.js';
// Folds a batch's events into one summary per session, so a batch costs one upsert per session.

export function summarizeSessions(rows: EventRow[]): SessionSummary[] {
  const sessions = new Map<string, SessionSummary>();
  for (const row of rows) {
    const pageview = row.type === 'page' ? 1 : 0;
    const summary = sessions.get(row.sessionId);
    if (!summary) {
      sessions.set(row.sessionId, {
        siteId: row.siteId,
        sessionId: row.sessionId,
        visitorId: row.visitorId,
        userId: row.userId,
        firstTs: row.ts,
        lastTs: row.ts,
        events: 1,
        pageviews: pageview,
        firstPath: row.path,
        lastPath: row.path,
        referrerHost: row.referrerHost,
        utmSource: row.utmSource,
        utmMedium: row.utmMedium,
        utmCampaign: row.utmCampaign,
        device: row.device,
        browser: row.browser,
        os: row.os,
        country: row.country,
        city: row.city,
      });
      continue;
    }
    summary.events += 1;
    summary.pageviews += pageview;
    summary.userId = row.userId ?? summary.userId;
    if (row.ts < summary.firstTs) {
      Object.assign(summary, {
        firstTs: row.ts,
        firstPath: row.path,
        referrerHost: row.referrerHost,
        utmSource: row.utmSource,
        utmMedium: row.utmMedium,
        utmCampaign: row.utmCampaign,
      });
    }
    if (row.ts >= summary.lastTs) {
      summary.lastTs = row.ts;
      summary.lastPath = row.path;
    }
  }
  return [...sessions.values()];
}
