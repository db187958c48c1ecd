import { describe, expect, it } from 'vitest';
import { formOf, readSegmentForm, rowsRule } from './segment-form.js';
import type { Rule } from '../model/rule.js';

const post = (fields: Record<string, string | string[]>) => readSegmentForm({ name: 'S', source: 'rows', ...fields });

describe('segment form', () => {
  it('writes each kind of row as the rule schema takes it', () => {
    const { rules, error } = post({
      match: 'any',
      'cond.0.kind': 'event', 'cond.0.event': 'product_view', 'cond.0.cmp': 'eq', 'cond.0.n': '2', 'cond.0.days': '7',
      'cond.0.prop': 'category', 'cond.0.propOp': 'eq', 'cond.0.propValue': 'Shoes',
      'cond.1.kind': 'sum', 'cond.1.event': 'purchase', 'cond.1.sum': 'value', 'cond.1.cmp': 'gte', 'cond.1.n': '100', 'cond.1.days': '30',
      'cond.2.kind': 'score', 'cond.2.cmp': 'lte', 'cond.2.n': '5', 'cond.2.not': 'on',
      'cond.3.kind': 'group', 'cond.3.groups': ['new', 'active'],
      'cond.4.kind': 'trait', 'cond.4.trait': 'plan', 'cond.4.traitOp': 'in', 'cond.4.value': 'pro, 3',
      'cond.5.kind': 'country', 'cond.5.value': 'DE, FR',
      'cond.6.kind': 'device', 'cond.6.devices': 'phone',
      'cond.7.kind': 'lastSeen', 'cond.7.seen': 'older', 'cond.7.days': '30',
      'cond.8.kind': '',
    });
    expect(error).toBeUndefined();
    expect(rules).toEqual({
      any: [
        { event: 'product_view', where: [{ prop: 'category', op: 'eq', value: 'Shoes' }], withinDays: 7, count: { gte: 2, lte: 2 } },
        { event: 'purchase', withinDays: 30, sum: 'value', range: { gte: 100 } },
        { not: { score: { lte: 5 } } },
        { lifecycle: ['new', 'active'] },
        { trait: 'plan', in: ['pro', 3] },
        { country: ['DE', 'FR'] },
        { device: ['phone'] },
        { lastSeen: { olderThanDays: 30 } },
      ],
    });
    // The saved rule fills the same rows back in, so editing it in the form changes nothing.
    const form = formOf('S', rules!);
    expect(form.jsonOnly).toBe(false);
    expect(rowsRule(form.match, form.rows)).toEqual(rules);
  });

  it('names the row and field a bad rule comes from', () => {
    const { error, rules } = post({ 'cond.0.kind': 'score', 'cond.1.kind': 'event', 'cond.1.event': 'x', 'cond.1.n': '1', 'cond.1.days': '500', 'cond.0.n': '3' });
    expect(rules).toBeUndefined();
    expect(error).toMatchObject({ row: 1, field: 'days', message: expect.stringContaining('Condition 2, days — rules.all[1].withinDays:') });
    expect(post({ 'cond.0.kind': 'device' }).error).toMatchObject({ row: 0, field: 'devices' });
    expect(post({ 'cond.0.kind': 'score', 'cond.0.n': 'lots' }).error?.message).toContain('rules.all[0].score.gte: Invalid input: expected number');
    expect(post({}).error?.message).toBe('conditions: add at least one condition');
    expect(readSegmentForm({ source: 'json', name: 'S', json: '{"any":[{"nope":1}]}' }).error?.message).toBe('rules.any[0].nope: Unrecognized key: "nope"');
  });

  it('leaves rules the rows cannot show to the JSON box', () => {
    const nested: Rule = { all: [{ lifecycle: ['new'] }, { any: [{ country: ['DE'] }, { city: ['Paris'] }] }] };
    expect(formOf('S', nested)).toMatchObject({ jsonOnly: true, rows: [], json: JSON.stringify(nested, null, 2) });
    const bare: Rule = { score: { gte: 1, lte: 9 } };
    expect(formOf('S', bare).jsonOnly).toBe(true);
    expect(formOf('S', { trait: 'age', range: { gte: 18 } })).toMatchObject({ jsonOnly: false, rows: [{ kind: 'trait', traitOp: 'gte', value: '18' }] });
    // A share the percentage field cannot write back exactly, and a share between two bounds.
    expect(formOf('S', { communityShare: { type: 'brand', range: { gte: 0.1234567890123456 } } }).jsonOnly).toBe(true);
    expect(formOf('S', { communityShare: { type: 'brand', range: { gte: 0.2, lte: 0.8 } } }).jsonOnly).toBe(true);
  });
});

describe('segment form: who they are, communities and clusters', () => {
  const whoRules: Rule = {
    all: [
      { ageBand: ['18_24', '25_34'] },
      { gender: ['female'] },
      { not: { education: ['school'] } },
      { dominantCommunity: ['business', 'brand'] },
      { circleCommunity: ['interest_group'] },
      { communityShare: { type: 'brand', range: { gte: 0.07 } } },
      { not: { communityShare: { type: 'event', range: { gte: 0.25, lte: 0.25 } } } },
      { cluster: [2, 11] },
    ],
  };

  it('writes each new kind of row, negated or not, as the rule schema takes it', () => {
    const { rules, error } = post({
      'cond.0.kind': 'ageBand', 'cond.0.ageBands': ['18_24', '25_34'],
      'cond.1.kind': 'gender', 'cond.1.genders': 'female',
      'cond.2.kind': 'education', 'cond.2.educations': 'school', 'cond.2.not': 'on',
      'cond.3.kind': 'dominantCommunity', 'cond.3.communities': ['business', 'brand'],
      'cond.4.kind': 'circleCommunity', 'cond.4.communities': 'interest_group',
      'cond.5.kind': 'communityShare', 'cond.5.shareType': 'brand', 'cond.5.cmp': 'gte', 'cond.5.share': '7%',
      'cond.6.kind': 'communityShare', 'cond.6.shareType': 'event', 'cond.6.cmp': 'eq', 'cond.6.share': '25', 'cond.6.not': 'on',
      'cond.7.kind': 'cluster', 'cond.7.clusters': ['2', '11'],
      // Fields of other kinds posted along (hidden ones still post) are ignored.
      'cond.7.genders': 'male', 'cond.7.share': '900',
    });
    expect(error).toBeUndefined();
    expect(rules).toEqual(whoRules);
  });

  it('fills a saved rule of these kinds back into rows that write it again', () => {
    const form = formOf('S', whoRules);
    expect(form.jsonOnly).toBe(false);
    expect(form.rows.map((row) => row.kind)).toEqual(['ageBand', 'gender', 'education', 'dominantCommunity', 'circleCommunity', 'communityShare', 'communityShare', 'cluster']);
    expect(form.rows[2]).toMatchObject({ not: 'on', educations: ['school'] });
    expect(form.rows[5]).toMatchObject({ shareType: 'brand', cmp: 'gte', share: '7' });
    expect(form.rows[6]).toMatchObject({ not: 'on', shareType: 'event', cmp: 'eq', share: '25' });
    expect(form.rows[7]).toMatchObject({ clusters: ['2', '11'] });
    expect(rowsRule(form.match, form.rows)).toEqual(whoRules);
    // A single bare condition comes back as one row too.
    expect(formOf('S', { cluster: [3] })).toMatchObject({ jsonOnly: false, match: 'all', rows: [{ kind: 'cluster', clusters: ['3'] }] });
  });

  it('names the row and field of a bad value', () => {
    const second = (fields: Record<string, string | string[]>) => post({ 'cond.0.kind': 'gender', 'cond.0.genders': 'male', ...fields }).error;
    expect(second({ 'cond.1.kind': 'communityShare', 'cond.1.shareType': 'brand', 'cond.1.share': '150' })).toEqual({
      row: 1, field: 'share', message: 'Condition 2, share (%) — must be a percentage from 0 to 100',
    });
    expect(second({ 'cond.1.kind': 'communityShare', 'cond.1.shareType': 'brand', 'cond.1.share': 'half' })).toMatchObject({ row: 1, field: 'share' });
    expect(second({ 'cond.1.kind': 'communityShare', 'cond.1.shareType': 'brand', 'cond.1.share': '' })).toMatchObject({ row: 1, field: 'share' });
    expect(second({ 'cond.1.kind': 'communityShare', 'cond.1.shareType': 'cult', 'cond.1.share': '50' })).toMatchObject({
      row: 1, field: 'shareType', message: expect.stringMatching(/^Condition 2, community type — rules\.all\[1\]\.communityShare\.type: /),
    });
    // Choices a hand-made post adds, or none ticked.
    expect(second({ 'cond.1.kind': 'gender', 'cond.1.genders': 'robot' })).toMatchObject({
      row: 1, field: 'genders', message: expect.stringMatching(/^Condition 2, genders — rules\.all\[1\]\.gender\[0\]: /),
    });
    expect(second({ 'cond.1.kind': 'ageBand', 'cond.1.ageBands': '12_14', 'cond.1.not': 'on' })).toMatchObject({ row: 1, field: 'ageBands' });
    expect(second({ 'cond.1.kind': 'education' })).toMatchObject({ row: 1, field: 'educations' });
    expect(second({ 'cond.1.kind': 'circleCommunity', 'cond.1.communities': 'cult' })).toMatchObject({ row: 1, field: 'communities' });
    expect(second({ 'cond.1.kind': 'cluster', 'cond.1.clusters': ['2', '0'] })).toMatchObject({
      row: 1, field: 'clusters', message: expect.stringContaining('Condition 2, clusters — rules.all[1].cluster[1]:'),
    });
    expect(second({ 'cond.1.kind': 'cluster', 'cond.1.clusters': 'two' })).toMatchObject({ row: 1, field: 'clusters' });
  });
});
