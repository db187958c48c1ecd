import { describe, expect, it } from 'vitest';
import { summarizeSessions } from './sessions.js';
import type { EventRow } from '../model/event.js';

const base = { siteId: 1, visitorId: 'v1', userId: null, device: 'desktop', browser: null, os: null, country: null, city: null, referrerHost: null, utmSource: null, utmMedium: null, utmCampaign: null } as const;
const row = (sessionId: string, ts: number, path: string, type: EventRow['type'] = 'page', extra: Partial<EventRow> = {}) =>
  ({ ...base, sessionId, ts, path, type, ...extra }) as EventRow;

describe('summarizeSessions', () => {
  it('folds events into one summary per session whatever their order', () => {
    const summaries = summarizeSessions([
      row('s1', 3_000, '/cart', 'track'),
      row('s1', 1_000, '/', 'page', { utmSource: 'newsletter', referrerHost: 'mail.example' }),
      row('s2', 2_000, '/blog'),
      row('s1', 2_000, '/product', 'page', { userId: 'u7' }),
    ]);
    expect(summaries).toHaveLength(2);
    expect(summaries[0]).toMatchObject({
      sessionId: 's1', firstTs: 1_000, lastTs: 3_000, events: 3, pageviews: 2, firstPath: '/', lastPath: '/cart',
      utmSource: 'newsletter', referrerHost: 'mail.example', userId: 'u7',
    });
    expect(summaries[1]).toMatchObject({ sessionId: 's2', events: 1, pageviews: 1 });
  });
});
