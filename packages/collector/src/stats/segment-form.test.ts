import { describe, expect, it } from 'vitest';
import type { Rule } from '../segments/rules.js';
import { formOf, readSegmentForm, rowsRule } from './segment-form.js';

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
    // Who-the-person-is conditions have no row yet.
    const who = { all: [{ country: ['NO'] }, { ageBand: ['25_34'] }, { communityShare: { type: 'brand', range: { gte: 0.5 } } }] } as const;
    expect(formOf('S', who as never)).toMatchObject({ jsonOnly: true, rows: [] });
  });
});
