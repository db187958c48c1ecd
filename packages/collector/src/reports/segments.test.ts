import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { wireEvent } from '../testing/events.js';

const password = 'correct horse battery';
const hostileName = '<img src=x onerror=alert(1)>';
const hostileEmail = '=HYPERLINK("x")';
let collector: TestCollector;
let cookie: string;
let csrf: string;

const views = (visitor: string, n: number, extra: Record<string, unknown>[] = []) =>
  collector.post({
    site: 'test',
    events: [
      ...Array.from({ length: n }, () => wireEvent({ type: 'track', name: 'product_view', visitor_id: visitor, session_id: `s-${visitor}`, props: { category: 'Shoes', brand: 'Acme' } })),
      ...extra,
    ],
  });

async function page(path: string) {
  const response = await fetch(`${collector.url}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
async function post(path: string, fields: Record<string, string>, withCsrf = true) {
  const response = await fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers: { cookie, origin: collector.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), ...fields }),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}
// The test's own store is another collector's view: on PostgreSQL it hears of the server's changes by
// a notice that may come a moment late, and a transaction's start reads the version to catch up at once.
const segments = async () => {
  await collector.store.transaction(() => undefined);
  return collector.store.segments.list((await collector.store.sites.byKey('test'))!.id);
};
const profileOf = async (visitor: string) => (await collector.store.profiles.ofVisitor((await collector.store.sites.byKey('test'))!.id, visitor))!;
const eventRow = { 'cond.0.kind': 'event', 'cond.0.event': 'product_view', 'cond.0.cmp': 'gte', 'cond.0.n': '2', 'cond.0.days': '7' };

beforeAll(async () => {
  collector = await startTestCollector(undefined, { adminPassword: password });
  await views('ana', 3);
  await views('ben', 1);
  await views('cy', 2, [wireEvent({ type: 'identify', visitor_id: 'cy', session_id: 's-cy', user_id: 'cy-1', traits: { email: hostileEmail, name: hostileName } })]);
  const login = await fetch(`${collector.url}/stats/login`, {
    method: 'POST',
    headers: { origin: collector.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password }),
    redirect: 'manual',
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  csrf = /name="_csrf" value="([^"]+)"/.exec((await page('/stats/segments/new')).text)![1]!;
});
afterAll(async () => {
  await collector?.close();
});

describe('segments pages', () => {
  it('saves the rule a form writes, shows it as JSON and lists exactly the matching members', async () => {
    const preview = await post('/stats/segments/new', { name: 'Keen viewers', match: 'all', ...eventRow, source: 'preview' });
    expect(preview.status).toBe(200);
    expect(await segments()).toEqual([]);
    expect(preview.text).toContain('&quot;withinDays&quot;: 7');

    const saved = await post('/stats/segments/new', { name: 'Keen viewers', match: 'all', ...eventRow, 'cond.1.kind': '', source: 'rows' });
    expect(saved.status).toBe(303);
    const [segment] = await segments();
    expect(segment).toMatchObject({ name: 'Keen viewers', rules: { all: [{ event: 'product_view', withinDays: 7, count: { gte: 2 } }] } });
    expect(saved.location).toBe(`/stats/segments/${segment!.id}?site=test&range=7d&notice=saved`);

    const members = await page(`/stats/segments/${segment!.id}?site=test`);
    expect(members.status).toBe(200);
    expect(members.text).toContain('&quot;event&quot;: &quot;product_view&quot;');
    const linked = [...members.text.matchAll(/href="\/stats\/leads\/(\d+)\?/g)].map((m) => Number(m[1]));
    expect(linked).toEqual([(await profileOf('ana')).id, (await profileOf('cy')).id].sort((a, b) => a - b));
    expect(members.text).toContain('cy-1');

    const list = await page('/stats/segments?site=test');
    expect(list.text).toContain('Keen viewers');
    expect(list.text).toMatch(/<td class="num">2<\/td>/);

    // The edit form fills its rows back from the saved rule, and saving it again changes nothing but the threshold.
    const edit = await page(`/stats/segments/${segment!.id}/edit?site=test`);
    expect(edit.text).toContain('name="cond.0.event" value="product_view"');
    const edited = await post(`/stats/segments/${segment!.id}/edit`, { name: 'Keen viewers', match: 'all', ...eventRow, 'cond.0.n': '3', source: 'rows' });
    expect(edited.status).toBe(303);
    expect((await segments())[0]!.rules).toEqual({ all: [{ event: 'product_view', withinDays: 7, count: { gte: 3 } }] });
    expect((await collector.store.segments.members(segment!.siteId, segment!.id, 0, 10)).map((m) => m.profileId)).toEqual([(await profileOf('ana')).id]);
  });

  it('refuses a bad rule with a 400 naming the field and stores nothing', async () => {
    const before = JSON.stringify(await segments());
    const badDays = await post('/stats/segments/new', { name: 'Bad', ...eventRow, 'cond.0.days': '0', source: 'rows' });
    expect(badDays.status).toBe(400);
    expect(badDays.text).toContain('Condition 1, days — rules.all[0].withinDays: Too small');
    const badJson = await post('/stats/segments/new', { name: 'Bad', json: '{"all":[{"device":["tv"]}]}', source: 'json' });
    expect(badJson.status).toBe(400);
    expect(badJson.text).toContain('rules.all[0].device[0]: Invalid option');
    const notJson = await post('/stats/segments/new', { name: 'Bad', json: '{all', source: 'json' });
    expect(notJson.status).toBe(400);
    expect(notJson.text).toContain('rules: not valid JSON');
    const noName = await post('/stats/segments/new', { name: ' ', ...eventRow, source: 'rows' });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('name: give the segment a name');
    const duplicate = await post('/stats/segments/new', { name: 'Keen viewers', ...eventRow, source: 'rows' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.text).toContain('name: a segment');
    const forged = await post('/stats/segments/new', { name: 'Forged', ...eventRow }, false);
    expect(forged.status).toBe(403);
    expect(JSON.stringify(await segments())).toBe(before);
  });

  it('exports the members as a safe CSV', async () => {
    const saved = await post('/stats/segments/new', { name: 'Viewers, all', ...eventRow, 'cond.0.n': '1', source: 'rows' });
    const id = Number(/segments\/(\d+)/.exec(saved.location!)![1]);
    const csv = await page(`/stats/segments/${id}/members.csv?site=test`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="viewers-all-${id}-members.csv"`);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('profile_id,user_id,score,group,since,country,city,device,email,name');
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toBe('');
    const cyId = (await profileOf('cy')).id;
    const cy = lines.find((line) => line.startsWith(`${cyId},`))!;
    expect(cy).toMatch(/^\d+,cy-1,[\d.]+,new,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,,,desktop,"'=HYPERLINK\(""x""\)",<img src=x onerror=alert\(1\)>$/);
  });

  it('turns a preset on, tunes it, and refuses bad parameters naming them', async () => {
    const on = await post('/stats/segments/presets/high_interest', { 'p.brand': 'Acme', 'p.minViews': '2', 'p.minAddsToCart': '', 'p.withinDays': '' });
    expect(on.status).toBe(303);
    const preset = (await segments()).find((s) => s.name === 'High Interest: Acme')!;
    expect(preset.rules).toMatchObject({ any: [{ event: 'product_view', withinDays: 14, count: { gte: 2 } }, { count: { gte: 1 } }] });
    expect(await collector.store.segments.size(preset.siteId, preset.id)).toBe(2);
    const list = await page('/stats/segments?site=test');
    expect(list.text).toContain('High Interest: Acme');
    const bad = await post('/stats/segments/presets/high_interest', { segment: String(preset.id), 'p.brand': 'Acme', 'p.minViews': '0' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('High Interest: minViews: Too small');
    const neither = await post('/stats/segments/presets/high_interest', { 'p.minViews': '2' });
    expect(neither.status).toBe(400);
    expect(neither.text).toContain('High Interest: needs a category or a brand');
    const tuned = await post('/stats/segments/presets/high_interest', { segment: String(preset.id), 'p.brand': 'Acme', 'p.minViews': '3' });
    expect(tuned.status).toBe(303);
    expect(await collector.store.segments.size(preset.siteId, preset.id)).toBe(1);
    expect((await post('/stats/segments/presets/astrology', {})).status).toBe(404);
  });

  it('pages through members 50 at a time', async () => {
    for (let batch = 0; batch < 3; batch++) {
      const people = Array.from({ length: 40 }, (_, i) => `p-${batch}-${String(i).padStart(2, '0')}`);
      await collector.post({
        site: 'test',
        events: people.map((visitor) => wireEvent({ type: 'track', name: 'signup', visitor_id: visitor, session_id: `s-${visitor}` })),
      });
    }
    const saved = await post('/stats/segments/new', { name: 'Signed up', 'cond.0.kind': 'event', 'cond.0.event': 'signup', 'cond.0.n': '1', 'cond.0.days': '1', source: 'rows' });
    const here = saved.location!.split('?')[0]!;
    const rowsOf = (html: string) => [...html.matchAll(/href="\/stats\/leads\/(\d+)\?/g)].map((m) => Number(m[1]));
    const first = await page(`${here}?site=test`);
    const seen = rowsOf(first.text);
    expect(seen).toHaveLength(50);
    expect(first.text).toContain('1–50 of 120');
    let next = /href="([^"]+)">Next page/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    while (next) {
      const more = await page(next);
      seen.push(...rowsOf(more.text));
      next = /href="([^"]+)">Next page/.exec(more.text)?.[1]?.replaceAll('&amp;', '&');
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect((await page(`${here}?site=test&after=-1`)).status).toBe(400);
  });

  it('deletes a segment only after confirmation', async () => {
    const target = (await segments()).find((s) => s.name === 'Signed up')!;
    const confirm = await page(`/stats/segments/${target.id}/delete?site=test`);
    expect(confirm.text).toContain('120 members');
    const unconfirmed = await post(`/stats/segments/${target.id}/delete`, {});
    expect(unconfirmed.status).toBe(303);
    expect((await segments()).some((s) => s.id === target.id)).toBe(true);
    const deleted = await post(`/stats/segments/${target.id}/delete`, { confirm: 'yes' });
    expect(deleted.location).toBe('/stats/segments?site=test&range=7d&notice=deleted');
    expect((await segments()).some((s) => s.id === target.id)).toBe(false);
    expect((await page(`/stats/segments/${target.id}?site=test`)).status).toBe(404);
  });
});
