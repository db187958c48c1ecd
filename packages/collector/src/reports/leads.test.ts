import { beforeAll, describe, expect, it } from 'vitest';
import { blankProfile, day, scoringSetup, start } from '../testing/scoring.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { sweepDue } from '../engine/settle-pass.js';
import { addSite } from '../sites/sites.js';
import { cursorOf, leadsOf, leadsQueryOf, type Leads, type LeadsQuery } from './leads.js';
import { personOf } from './person.js';

const now = start + 40 * day;
let s: ReturnType<typeof scoringSetup>;
let buyers: number;
let otherSiteProfile: number;

const list = (query: LeadsQuery = {}) => {
  const leads = leadsOf(s.store, s.site.id, query, now, defaultProfileRules);
  if ('problem' in leads) throw new Error(leads.problem);
  return leads;
};
const people = (leads: Leads) => leads.rows.map((row) => [row.name.title, row.score, row.lifecycle]);

beforeAll(async () => {
  s = scoringSetup();
  s.define('purchase', { points: 20 });
  s.define('review', { points: 3 });
  s.define('product_view', { points: 2 });
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
  s.store.transaction(() => sweepDue({ store: s.store, rules: defaultProfileRules }, now));
  buyers = (await s.segment('Buyers', { event: 'purchase', withinDays: 90, count: { gte: 1 } }, now)).id;

  const other = addSite(s.store, ['other.example'], start, 'other');
  otherSiteProfile = s.store.transaction(() => {
    const profile = blankProfile(s.store, other.id, now);
    s.store.profiles.create(profile, 'zed');
    return profile.id;
  });
});

describe('the leads list', () => {
  it('ranks people by the score their points imply, naming them by trait or anonymous number', () => {
    const leads = list();
    expect(people(leads)).toEqual([
      ['Ann Buyer', 24, 'new'],
      ['Anonymous #' + s.profile('cy').id, 6, 'new'],
      ['Anonymous #' + s.profile('ben').id, 5, 'new'],
      ['Anonymous #' + s.profile('dan').id, 1, 'active'],
      ['Anonymous #' + s.profile('old').id, 0.66, 'passive'],
    ]);
    expect(leads.rows[0]!.name.detail).toBe('ann@example.com');
    expect(leads.next).toBeNull();
    expect(leads.groups).toEqual({ new: 3, active: 1, passive: 1 });
  });

  it("shows each person's latest events and the text and rating of what they wrote", () => {
    const [ann, cy, ben] = list().rows;
    expect(ann!.recent.map((e) => e.name)).toEqual(['review', 'purchase', 'identify']);
    expect(ann!.writing).toMatchObject({ event: 'review', text: 'Broke after a day', rating: 1, productId: 'p7' });
    expect(cy!.recent.map((e) => e.name)).toEqual(['page', 'page', 'page']);
    expect(cy!.writing).toMatchObject({ event: 'comment', text: 'Where is my order?', rating: null });
    expect(cy!.writings).toBe(1);
    expect(ben!.writing).toBeNull();
    expect(ann!.segments).toEqual(['Buyers']);
  });

  it('filters by group and by segment, in score order', () => {
    expect(people(list({ group: 'new' })).map((p) => p[0])).toEqual(['Ann Buyer', `Anonymous #${s.profile('cy').id}`, `Anonymous #${s.profile('ben').id}`]);
    expect(people(list({ group: 'passive' }))).toEqual([[`Anonymous #${s.profile('old').id}`, 0.66, 'passive']]);
    expect(people(list({ segment: buyers })).map((p) => p[0])).toEqual(['Ann Buyer', `Anonymous #${s.profile('old').id}`]);
    expect(people(list({ segment: buyers, group: 'new' })).map((p) => p[0])).toEqual(['Ann Buyer']);
    expect(list({ group: 'active', segment: buyers }).rows).toEqual([]);
  });

  it('reads a segment the same way whether it walks the ranking or sorts the members', () => {
    const read = (walk: boolean, lifecycle: 'new' | null) =>
      s.store.profiles.leads({ siteId: s.site.id, lifecycle, segmentId: buyers, after: null, limit: 10, walk }).map((p) => p.id);
    expect(read(true, null)).toEqual([s.profile('ann').id, s.profile('old').id]);
    expect(read(false, null)).toEqual(read(true, null));
    expect(read(false, 'new')).toEqual([s.profile('ann').id]);
    expect(read(true, 'new')).toEqual([s.profile('ann').id]);
  });

  it('pages by a cursor of score and id', () => {
    const page = (after: string | undefined, lifecycle: 'new' | null = null) => {
      const asked = leadsQueryOf(after === undefined ? {} : { after });
      if ('problem' in asked) throw new Error(asked.problem);
      return s.store.profiles.leads({ siteId: s.site.id, lifecycle, segmentId: null, after: asked.query.after ?? null, limit: 2, walk: false });
    };
    const first = page(undefined);
    expect(first.map((p) => p.id)).toEqual([s.profile('ann').id, s.profile('cy').id]);
    const second = page(cursorOf(first[1]!));
    expect(second.map((p) => p.id)).toEqual([s.profile('ben').id, s.profile('dan').id]);
    expect(page(cursorOf(second[1]!)).map((p) => p.id)).toEqual([s.profile('old').id]);
  });

  it('names the field of a bad filter', () => {
    expect(leadsQueryOf({ group: 'vip' })).toMatchObject({ problem: expect.stringMatching(/^group: /) });
    expect(leadsQueryOf({ segment: 'all' })).toMatchObject({ problem: expect.stringMatching(/^segment: /) });
    expect(leadsQueryOf({ after: '<script>' })).toMatchObject({ problem: expect.stringMatching(/^after: /) });
    expect(leadsQueryOf({ group: '', segment: '' })).toEqual({ query: {} });
    expect(leadsOf(s.store, s.site.id, { segment: 9999 }, now, defaultProfileRules)).toEqual({ problem: 'segment: no segment 9999 on this site' });
  });
});

describe('the profile page', () => {
  it('shows a person with their sessions, points, history and traits', () => {
    const ann = personOf(s.store, s.site.id, s.profile('ann').id, now, defaultProfileRules)!;
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

  it('shows how a score faded and the group changed', () => {
    const old = personOf(s.store, s.site.id, s.profile('old').id, now, defaultProfileRules)!;
    expect(old.scoreHistory.map((h) => h.score)).toEqual([0, 21, 0.66]);
    expect(old.groupHistory.map((c) => [c.from, c.to])).toEqual([['new', 'passive']]);
  });

  it('finds no person for an unknown id or a profile of another site', () => {
    expect(personOf(s.store, s.site.id, 987_654, now, defaultProfileRules)).toBeUndefined();
    expect(personOf(s.store, s.site.id, otherSiteProfile, now, defaultProfileRules)).toBeUndefined();
    expect(s.store.profiles.find(s.store.sites.byKey('other')!.id, otherSiteProfile)).toBeDefined();
  });
});
