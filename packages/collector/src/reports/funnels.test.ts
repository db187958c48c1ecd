import { describe, expect, it } from 'vitest';
import { addSite } from '../sites/sites.js';
import { dayOf } from '../days.js';
import { parseFunnelForm, readFunnelForm } from '../funnels/form.js';
import { timeBucket } from '../funnels/advance.js';
import { rangeOf } from './range.js';
import { funnelReport } from './funnels.js';
import { funnelSchema } from '../model/funnel.js';
import { testStore } from '../testing/backend.js';

const now = Date.UTC(2026, 0, 20, 12);

describe('funnel form', () => {
  it('reads steps in order, leaves blank rows out and types condition values', () => {
    const form = readFunnelForm({
      name: ' Buyers ',
      windowMinutes: '1440',
      'steps[0].event': 'product_view',
      'steps[0].prop': ['category', ''],
      'steps[0].op': ['in', 'eq'],
      'steps[0].value': ['shoes, 7', ''],
      'steps[2].event': 'purchase',
      'steps[2].prop': ['value', 'paid'],
      'steps[2].op': ['gte', 'eq'],
      'steps[2].value': ['10.5', 'true'],
      'steps[1].event': '',
      'steps[1].prop': '',
      'steps[1].op': 'eq',
      'steps[1].value': '',
    });
    expect(parseFunnelForm(form)).toEqual({
      definition: {
        name: 'Buyers',
        windowMinutes: 1440,
        steps: [
          { event: 'product_view', where: [{ prop: 'category', op: 'in', value: ['shoes', 7] }] },
          { event: 'purchase', where: [{ prop: 'value', op: 'gte', value: 10.5 }, { prop: 'paid', op: 'eq', value: true }] },
        ],
      },
    });
  });

  it('names the field that is wrong as the form shows it', () => {
    const problem = (body: Record<string, string>) => parseFunnelForm(readFunnelForm({ name: 'F', windowMinutes: '30', ...body }));
    expect(problem({ 'steps[0].event': 'a' })).toMatchObject({ field: 'steps', message: 'Steps: needs at least 2 steps' });
    expect(problem({ 'steps[0].event': 'a', 'steps[1].prop': 'x', 'steps[1].value': '1' })).toMatchObject({
      field: 'steps[1].event',
      message: 'Step 2 › event name: needs an event name',
    });
    expect(problem({ 'steps[0].event': 'a', 'steps[1].event': 'b', 'steps[1].value': '1' })).toMatchObject({ field: 'steps[1].where[0].prop' });
    expect(problem({ 'steps[0].event': 'a', 'steps[1].event': 'b', 'steps[1].prop': 'x', 'steps[1].op': 'like', 'steps[1].value': '1' })).toMatchObject({
      field: 'steps[1].where[0].op',
    });
    expect(problem({ name: '', 'steps[0].event': 'a', 'steps[1].event': 'b' })).toMatchObject({ message: 'Name: needs a name' });
  });
});

describe('funnel report', () => {
  it('turns the daily counts of the range into steps, rates, breakdowns and a median', async () => {
    const store = await testStore();
    const site = await addSite(store, ['shop.example'], now, 'shop');
    const definition = funnelSchema.parse({ name: 'F', windowMinutes: 60, steps: [{ event: 'a' }, { event: 'b' }, { event: 'c' }] });
    const funnel = await store.funnels.insert(site.id, definition, now);
    store.funnels.finish(site.id, funnel.id);
    const today = dayOf(now);
    const add = (day: number, step: number, source: string, device: string, times = 1) => {
      for (let i = 0; i < times; i++) store.funnels.addStep(site.id, funnel.id, day, step, source, device);
    };
    add(today, 1, 'ads', 'phone', 6);
    add(today, 2, 'ads', 'phone', 3);
    add(today, 3, 'ads', 'phone', 1);
    add(today - 1, 1, 'mail', 'desktop', 2);
    add(today - 1, 2, 'mail', 'desktop', 2);
    add(today - 1, 3, 'mail', 'desktop', 2);
    for (let i = 0; i < 17; i++) add(today, 1, `site${i}.example`, 'tablet');
    // Before the range: the previous period.
    add(today - 10, 1, 'ads', 'phone', 4);
    add(today - 10, 3, 'ads', 'phone', 1);
    for (const minutes of [1, 2, 20]) store.funnels.addTime(site.id, funnel.id, today, timeBucket(minutes * 60_000));
    const { range } = rangeOf({ range: '7d' }, now) as { range: Parameters<typeof funnelReport>[2] };
    const report = await funnelReport(store, (await store.funnels.find(site.id, funnel.id))!, range, now);
    expect(report.computing).toBeNull();
    expect(report.steps.map((s) => [s.event, s.people, s.fromFirst, s.fromPrevious, s.droppedOff])).toEqual([
      ['a', 25, 1, null, 20],
      ['b', 5, 0.2, 0.2, 2],
      ['c', 3, 0.12, 0.6, null],
    ]);
    expect(report.current).toEqual({ started: 25, completed: 3, conversion: 0.12 });
    expect(report.previous).toEqual({ started: 4, completed: 1, conversion: 0.25 });
    expect(report.medianSeconds! / 120).toBeCloseTo(1, 0);
    expect(report.bySource.slice(0, 3)).toEqual([
      { label: 'ads', started: 6, completed: 1, conversion: 1 / 6 },
      { label: 'mail', started: 2, completed: 2, conversion: 1 },
      { label: 'site0.example', started: 1, completed: 0, conversion: 0 },
    ]);
    expect(report.bySource).toHaveLength(16);
    expect(report.bySource.at(-1)).toEqual({ label: '4 other sources', started: 4, completed: 0, conversion: 0 });
    expect(report.byDevice).toEqual([
      { label: 'desktop', started: 2, completed: 2, conversion: 1 },
      { label: 'tablet', started: 17, completed: 0, conversion: 0 },
      { label: 'phone', started: 6, completed: 1, conversion: 1 / 6 },
    ]);
  });
});
