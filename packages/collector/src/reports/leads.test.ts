import { beforeAll, describe, expect, it } from 'vitest';
import { blankProfile, day, scoringSetup, start } from '../testing/scoring.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { sweepDue } from '../engine/settle-pass.js';
import { addSite } from '../sites/sites.js';
import { cursorOf, leadsOf, leadsQueryOf, type Leads, type LeadsQuery } from './leads.js';
import { personOf } from './person.js';

const now = start + 40 * day;
let s: Awaited<ReturnType<typeof scoringSetup>>;
let buyers: number;
let otherSiteProfile: number;

const list = async (query: LeadsQuery = {}) => {
  const leads = await leadsOf(s.store, s.site.id, query, now, defaultProfileRules);
  if ('problem' in leads) throw new Error(leads.problem);
  return leads;
};
const people = (leads: Leads) => leads.rows.map((row) => [row.name.title, row.score, row.lifecycle]);

beforeAll(async () => {
  s = await scoringSetup();
  await s.define('purchase', { points: 20 });
  await s.define('review', { points: 3 });
  await s.define('product_view', { points: 2 });
  // Forty days before now: a buyer who never came back (passive, score halved five times).
  await s.send(start, { name: 'page', visitor: 'old' }, { name: 'purchase', visitor: 'old', props: { value: 10 } });
  // Two weeks apart: active. The first point halved twice is below half a point, so gone: 1 point.
  await s.send(now - 14 * day, { name: 'page', visitor: 'dan' });
  await s.send(now - 2 * 3600_000, { name: 'page', visitor: 'cy' }, { name: 'comment', visitor: 'cy', props: { text: 'Where is my order?' } });
  await s.send(
    now - 3600_000,
    { name: 'page', visitor: 'ann' },
    { name: 'identify', visitor: 'ann', user: 'u-ann', traits: { name: 'Ann Buyer', email: 'ann@example.com' } },
    { name: 'purchase', visitor: 'ann', props: { value: 99 } },
    { name: 'review', visitor: 'ann', props: { product_id: 'p7', rating: 1, text: 'Broke after a day' } },
  );
  await s.send(now, { name: 'page', visitor: 'ben' }, { name: 'product_view', visitor: 'ben' }, { name: 'product_view', visitor: 'ben' });
  // cy's comment is older than their latest three events, yet still their latest writing.
  await s.send(now, ...Array.from({ length: 5 }, () => ({ name: 'page', visitor: 'cy' })));
  await s.send(now, { name: 'page', visitor: 'dan' });
  await s.store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, now));
  buyers = (await s.segment('Buyers', { event: 'purchase', withinDays: 90, count: { gte: 1 } }, now)).id;

  const other = await addSite(s.store, ['other.example'], start, 'other');
  otherSiteProfile = await s.store.transaction(async (tx) => {
    const profile = await blankProfile(tx, other.id, now);
    tx.profiles.create(profile, 'zed');
    return profile.id;
  });
});

describe('the leads list', () => {
  it('ranks people by the score their points imply, naming them by trait or anonymous number', async () => {
    const leads = await list();
    expect(people(leads)).toEqual([
      ['Ann Buyer', 24, 'new'],
      ['Anonymous #' + (await s.profile('cy')).id, 6, 'new'],
      ['Anonymous #' + (await s.profile('ben')).id, 5, 'new'],
      ['Anonymous #' + (await s.profile('dan')).id, 1, 'active'],
      ['Anonymous #' + (await s.profile('old')).id, 0.66, 'passive'],
    ]);
    expect(leads.rows[0]!.name.detail).toBe('ann@example.com');
    expect(leads.next).toBeNull();
    expect(leads.groups).toEqual({ new: 3, active: 1, passive: 1 });
  });

  it("shows each person's latest events and the text and rating of what they wrote", async () => {
    const [ann, cy, ben] = (await list()).rows;
    expect(ann!.recent.map((e) => e.name)).toEqual(['review', 'purchase', 'identify']);
    expect(ann!.writing).toMatchObject({ event: 'review', text: 'Broke after a day', rating: 1, productId: 'p7' });
    expect(cy!.recent.map((e) => e.name)).toEqual(['page', 'page', 'page']);
    expect(cy!.writing).toMatchObject({ event: 'comment', text: 'Where is my order?', rating: null });
    expect(cy!.writings).toBe(1);
    expect(ben!.writing).toBeNull();
    expect(ann!.segments).toEqual(['Buyers']);
  });

  it('filters by group and by segment, in score order', async () => {
    expect(people(await list({ group: 'new' })).map((p) => p[0])).toEqual(['Ann Buyer', `Anonymous #${(await s.profile('cy')).id}`, `Anonymous #${(await s.profile('ben')).id}`]);
    expect(people(await list({ group: 'passive' }))).toEqual([[`Anonymous #${(await s.profile('old')).id}`, 0.66, 'passive']]);
    expect(people(await list({ segment: buyers })).map((p) => p[0])).toEqual(['Ann Buyer', `Anonymous #${(await s.profile('old')).id}`]);
    expect(people(await list({ segment: buyers, group: 'new' })).map((p) => p[0])).toEqual(['Ann Buyer']);
    expect((await list({ group: 'active', segment: buyers })).rows).toEqual([]);
  });

  it('reads a segment the same way whether it walks the ranking or sorts the members', async () => {
    const read = async (walk: boolean, lifecycle: 'new' | null) =>
      (await s.store.profiles.leads({ siteId: s.site.id, lifecycle, segmentId: buyers, after: null, limit: 10, walk })).map((p) => p.id);
    expect(await read(true, null)).toEqual([(await s.profile('ann')).id, (await s.profile('old')).id]);
    expect(await read(false, null)).toEqual(await read(true, null));
    expect(await read(false, 'new')).toEqual([(await s.profile('ann')).id]);
    expect(await read(true, 'new')).toEqual([(await s.profile('ann')).id]);
  });

  it('pages by a cursor of score and id', async () => {
    const page = (after: string | undefined, lifecycle: 'new' | null = null) => {
      const asked = leadsQueryOf(after === undefined ? {} : { after });
      if ('problem' in asked) throw new Error(asked.problem);
      return s.store.profiles.leads({ siteId: s.site.id, lifecycle, segmentId: null, after: asked.query.after ?? null, limit: 2, walk: false });
    };
    const first = await page(undefined);
    expect(first.map((p) => p.id)).toEqual([(await s.profile('ann')).id, (await s.profile('cy')).id]);
    const second = await page(cursorOf(first[1]!));
    expect(second.map((p) => p.id)).toEqual([(await s.profile('ben')).id, (await s.profile('dan')).id]);
    expect((await page(cursorOf(second[1]!))).map((p) => p.id)).toEqual([(await s.profile('old')).id]);
  });

  it('names the field of a bad filter', async () => {
    expect(leadsQueryOf({ group: 'vip' })).toMatchObject({ problem: expect.stringMatching(/^group: /) });
    expect(leadsQueryOf({ segment: 'all' })).toMatchObject({ problem: expect.stringMatching(/^segment: /) });
    expect(leadsQueryOf({ after: '<script>' })).toMatchObject({ problem: expect.stringMatching(/^after: /) });
    expect(leadsQueryOf({ group: '', segment: '' })).toEqual({ query: {} });
    expect(await leadsOf(s.store, s.site.id, { segment: 9999 }, now, defaultProfileRules)).toEqual({ problem: 'segment: no segment 9999 on this site' });
  });
});

describe('the profile page', () => {
  it('shows a person with their sessions, points, history and traits', async () => {
    const ann = (await personOf(s.store, s.site.id, (await s.profile('ann')).id, now, defaultProfileRules))!;
    expect(ann).toMatchObject({ score: 24, lifecycle: 'new', userId: 'u-ann', visitors: 1, device: 'desktop', browser: 'Chrome', os: 'Linux' });
    expect(ann.traits).toEqual([
      { key: 'name', value: 'Ann Buyer' },
      { key: 'email', value: 'ann@example.com' },
    ]);
    expect(ann.sessions).toHaveLength(1);
    expect(ann.sessions[0]!.session).toMatchObject({ landingPage: '/', events: 4 });
    expect(ann.sessions[0]!.events.map((e) => [e.name, e.points])).toEqual([
      ['page', 1],
      ['identify', 0],
      ['purchase', 20],
      ['review', 3],
    ]);
    expect(ann.sessions[0]!.events[3]!.writing).toMatchObject({ text: 'Broke after a day', rating: 1 });
    const annDay = Math.floor((now - 3600_000) / day);
    expect(ann.scoreHistory).toEqual([
      { day: annDay - 1, score: 0 },
      { day: annDay, score: 24 },
    ]);
    expect(ann.memberships.map((m) => m.name)).toEqual(['Buyers']);
    expect(ann.segmentHistory).toEqual([{ name: 'Buyers', at: now, entered: true }]);
  });

  it('shows how a score faded and the group changed', async () => {
    const old = (await personOf(s.store, s.site.id, (await s.profile('old')).id, now, defaultProfileRules))!;
    expect(old.scoreHistory.map((h) => h.score)).toEqual([0, 21, 0.66]);
    expect(old.groupHistory.map((c) => [c.from, c.to])).toEqual([['new', 'passive']]);
  });

  it('finds no person for an unknown id or a profile of another site', async () => {
    expect(await personOf(s.store, s.site.id, 987_654, now, defaultProfileRules)).toBeUndefined();
    expect(await personOf(s.store, s.site.id, otherSiteProfile, now, defaultProfileRules)).toBeUndefined();
    expect(await s.store.profiles.find((await s.store.sites.byKey('other'))!.id, otherSiteProfile)).toBeDefined();
  });
});
