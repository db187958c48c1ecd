import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { saveFunnel } from './funnels.js';
import { sweepDue } from '../engine/settle-pass.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { dayOf } from '../days.js';
import { forgetPerson } from './forget.js';
import { findPerson } from '../reports/person-ref.js';
import { personExport } from '../reports/person-export.js';
import { exportText } from '../testing/export-text.js';
import { addWebhookEndpoint, newEndpointSchema } from '../webhooks/endpoints.js';
import { funnelSchema } from '../model/funnel.js';

const ada = { laptop: 'vis-ada-laptop-91f3', phone: 'vis-ada-phone-44e0', user: 'u-ada-7731', secret: 'ADA-SECRET-7c1f', mail: 'ada-7c1f@example.com' };
const ben = { browser: 'vis-ben-2b8d', user: 'u-ben-5521' };

/** Two people with sessions, a merge, segments, a funnel attempt, group changes and several active days. */
async function twoPeople() {
  const s = await scoringSetup();
  const now = start + 20 * day;
  await s.segment('Buyers', { event: 'purchase', withinDays: 90, count: { gte: 1 } }, start - day);
  const checkout = funnelSchema.parse({ name: 'Checkout', windowMinutes: 60 * 24, steps: [{ event: 'product_view' }, { event: 'add_to_cart' }, { event: 'purchase' }] });
  const saved = await saveFunnel({ store: s.store, writer: s.writer, log: () => {}, now: () => start - day }, s.site.id, undefined, checkout);
  if (!saved || !('funnel' in saved)) throw new Error('funnel not saved');
  while ((await s.store.funnels.find(s.site.id, saved.funnel.id))?.computing) await new Promise((r) => setTimeout(r, 5));
  // Never delivered (nothing listens there): the person's changes wait in the outbox.
  await s.store.transaction((tx) => addWebhookEndpoint(tx, s.site.id, newEndpointSchema.parse({ url: 'http://127.0.0.1:9/hooks' }), start - day));

  await s.send(start, { name: 'page', visitor: ben.browser }, { name: 'product_view', visitor: ben.browser, props: { product_id: 'p-1' } });
  await s.send(start + day, { name: 'purchase', visitor: ben.browser, user: ben.user, traits: { name: 'Ben Brown' }, props: { value: 20 } });
  await s.send(start + 2 * day, { name: 'page', visitor: ada.laptop, url: `https://shop.example/account?ref=${ada.secret}` });
  await s.send(start + 2 * day + 60_000, { name: 'product_view', visitor: ada.laptop, props: { note: ada.secret, category: 'books' } }, { name: 'add_to_cart', visitor: ada.laptop });
  await s.send(start + 3 * day, { name: 'identify', visitor: ada.laptop, user: ada.user, traits: { email: ada.mail, nickname: ada.secret, communities: [{ id: 'club-9', type: 'thematic' }] } });
  await s.send(start + 4 * day, { name: 'page', visitor: ada.phone }, { name: 'product_view', visitor: ada.phone });
  const phoneProfile = (await s.profile(ada.phone)).id;
  await s.send(start + 5 * day, { name: 'purchase', visitor: ada.phone, user: ada.user, props: { value: 99, comment: ada.secret } });
  await s.send(start + 6 * day, { name: 'review', visitor: ada.laptop, user: ada.user, props: { rating: 1, text: `awful ${ada.secret}` } });
  // Time passing moves both into other groups: group history for each.
  await s.store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, now));
  return { ...s, now, phoneProfile, adaProfile: (await s.profile(ada.laptop)).id, benProfile: (await s.profile(ben.browser)).id };
}

/** Every row of every table, as [table, column, value]. */
function everyValue(path: string): [string, string, unknown][] {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables.length).toBeGreaterThan(20);
    return tables.flatMap(({ name }) =>
      db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${name}"`).all().flatMap((row) => Object.entries(row).map(([column, value]): [string, string, unknown] => [name, column, value])),
    );
  } finally {
    db.close();
  }
}

/** Where a person can still be found: their profile ids in any profile column, and their ids or strings anywhere. */
function tracesOf(path: string, profileIds: number[], strings: string[]) {
  return everyValue(path).filter(([table, column, value]) => {
    if ((column === 'profile_id' || (table === 'profiles' && column === 'id')) && profileIds.includes(Number(value))) return true;
    const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
    return strings.some((s) => text.includes(s));
  });
}

const exportOf = async (s: Awaited<ReturnType<typeof twoPeople>>, profileId: number, at = s.now) =>
  JSON.parse(await exportText(personExport(s.store, s.site, (await s.store.profiles.find(s.site.id, profileId))!, at, defaultProfileRules)));

describe('deleting a person', () => {
  it('leaves nothing of them in any table, and the other person as they were', async () => {
    const s = await twoPeople();
    const adaStrings = [ada.laptop, ada.phone, ada.user, ada.secret, ada.mail];
    // The fixture really spreads the person everywhere the delete must reach.
    const before = tracesOf(s.path, [s.adaProfile, s.phoneProfile], adaStrings);
    const tables = new Set(before.map(([table]) => table));
    for (const table of ['events', 'sessions', 'visitors', 'profiles', 'profile_visitors', 'score_history', 'lifecycle_changes', 'segment_members', 'segment_changes', 'profile_counters', 'funnel_progress', 'daily_people', 'webhook_outbox', 'profile_features', 'profile_categories']) {
      expect(tables, table).toContain(table);
    }
    const benBefore = await exportOf(s, s.benProfile);

    const forgotten = await forgetPerson({ store: s.store, writer: s.writer, now: () => s.now }, s.site.id, (await findPerson(s.store, s.site.id, { by: 'user', id: ada.user }))!.id);
    expect(forgotten).toEqual({ profileId: s.adaProfile, visitors: 2, events: 8, sessions: 2, calls: 0 });

    expect(tracesOf(s.path, [s.adaProfile, s.phoneProfile], adaStrings)).toEqual([]);
    expect(await findPerson(s.store, s.site.id, { by: 'visitor', id: ada.phone })).toBeUndefined();
    expect(await exportOf(s, s.benProfile)).toEqual(benBefore);
    expect(benBefore.events).toHaveLength(3);
  });

  it('keeps group, segment and active-people sizes right without the person', async () => {
    const s = await twoPeople();
    const today = dayOf(s.now);
    const sizes = async () => Object.values(await s.store.rollups.groupSizes(s.site.id, today)).reduce((a, b) => a + b, 0);
    const buyers = (await s.store.segments.list(s.site.id))[0]!.id;
    expect([await sizes(), (await s.store.segments.sizes(s.site.id, today)).get(buyers)]).toEqual([2, 2]);
    const activeBefore = await s.store.rollups.activePeople({ siteId: s.site.id, from: dayOf(start), to: today });
    expect(activeBefore).toBe(2);

    await forgetPerson({ store: s.store, writer: s.writer, now: () => s.now }, s.site.id, s.adaProfile);

    expect([await sizes(), (await s.store.segments.sizes(s.site.id, today)).get(buyers), await s.store.segments.size(s.site.id, buyers)]).toEqual([1, 1, 1]);
    expect(await s.store.rollups.activePeople({ siteId: s.site.id, from: dayOf(start), to: today })).toBe(1);
    // The returns rollup is exactly what the remaining active days give, as if built anew.
    const db = new Database(s.path, { readonly: true });
    const rebuilt = db
      .prepare(
        `SELECT day, prev_day, count(*) AS people FROM (SELECT day, coalesce(lag(day) OVER (PARTITION BY profile_id ORDER BY day), -1) AS prev_day FROM daily_people)
         GROUP BY day, prev_day ORDER BY day, prev_day`,
      )
      .all();
    expect(db.prepare('SELECT day, prev_day, people FROM daily_returns WHERE people != 0 ORDER BY day, prev_day').all()).toEqual(rebuilt);
    db.close();
  });

  it('is finished by running it again when cut short, the person visible until then', async () => {
    const s = await twoPeople();
    // As if the process stopped after the first chunks: some events gone, the profile still there.
    await s.writer.run('forgetEvents', { siteId: s.site.id, visitorId: ada.laptop, limit: 2 });
    expect((await findPerson(s.store, s.site.id, { by: 'user', id: ada.user }))?.id).toBe(s.adaProfile);
    const forgotten = await forgetPerson({ store: s.store, writer: s.writer, now: () => s.now }, s.site.id, s.adaProfile);
    expect(forgotten?.events).toBe(6);
    expect(tracesOf(s.path, [s.adaProfile], [ada.laptop, ada.phone, ada.user])).toEqual([]);
    expect(await forgetPerson({ store: s.store, writer: s.writer, now: () => s.now }, s.site.id, s.adaProfile)).toBeUndefined();
  });
});

describe('exporting a person', () => {
  it('holds exactly their events from every browser, with their identities, traits, sessions and histories', async () => {
    const s = await twoPeople();
    const db = new Database(s.path, { readonly: true });
    const theirs = db
      .prepare<[string, string], { id: Buffer }>("SELECT id FROM events WHERE visitor_id IN (?, ?)")
      .all(ada.laptop, ada.phone)
      .map((r) => r.id.toString('hex'))
      .sort();
    db.close();
    const data = await exportOf(s, s.adaProfile);
    expect(data.events.map((e: { id: string }) => e.id.replaceAll('-', '')).sort()).toEqual(theirs);
    expect(theirs).toHaveLength(8);
    expect(data.events.every((e: { visitor_id: string }) => [ada.laptop, ada.phone].includes(e.visitor_id))).toBe(true);
    expect(data.identities).toEqual({ userId: ada.user, visitorIds: [ada.laptop, ada.phone].sort() });
    expect(data.traits).toMatchObject({ email: ada.mail, nickname: ada.secret });
    expect(data.sessions).toHaveLength(2);
    expect(data.segments.current.map((m: { name: string }) => m.name)).toEqual(['Buyers']);
    expect(data.segments.history.length).toBeGreaterThan(0);
    expect(data.scoreHistory.length).toBeGreaterThan(0);
    expect(data.groupHistory.length).toBeGreaterThan(0);
    expect(data.funnels).toEqual([expect.objectContaining({ name: 'Checkout', step: 2 })]);
    expect(data.events.find((e: { name: string; visitor_id: string }) => e.name === 'product_view' && e.visitor_id === ada.laptop).props).toEqual({ note: ada.secret, category: 'books' });
  });
});
