import { describe, expect, it } from 'vitest';
import { eventSchema, limits } from './schema.js';
import { firstIssue } from '../validation.js';
import { wireEvent } from '../testing/events.js';

function problem(event: unknown) {
  const result = eventSchema.safeParse(event);
  return result.success ? null : firstIssue(result.error);
}

describe('eventSchema', () => {
  it('accepts a complete page event', () => {
    expect(problem(wireEvent())).toBeNull();
  });

  it('names the field of each problem', () => {
    expect(problem(wireEvent({ id: 'not-a-uuid' }))?.field).toBe('id');
    expect(problem(wireEvent({ type: 'click' }))?.field).toBe('type');
    expect(problem(wireEvent({ visitor_id: 'has spaces' }))?.field).toBe('visitor_id');
    expect(problem(wireEvent({ url: 'javascript:alert(1)' }))?.field).toBe('context.url');
    expect(problem(wireEvent({ ts: -5 }))?.field).toBe('ts');
    expect(problem(wireEvent({ name: 'x'.repeat(limits.nameLength + 1) }))?.field).toBe('name');
    expect(problem(wireEvent({ name: 'line\nbreak' }))?.message).toMatch(/^name: .*control characters/);
  });

  it('requires a name for track events and a user id for identify events', () => {
    expect(problem(wireEvent({ type: 'track' }))?.field).toBe('name');
    expect(problem(wireEvent({ type: 'track', name: 'add_to_cart' }))).toBeNull();
    expect(problem(wireEvent({ type: 'identify' }))?.field).toBe('user_id');
    expect(problem(wireEvent({ type: 'identify', user_id: 'u1', traits: { plan: 'pro' } }))).toBeNull();
    expect(problem(wireEvent({ type: 'identify', user_id: 'ada@example.com' }))).toBeNull();
    expect(problem(wireEvent({ type: 'identify', user_id: 'tab\there' }))?.field).toBe('user_id');
  });

  it('bounds props with the path of what is out of bounds', () => {
    const deep = { a: { b: { c: { d: { e: 1 } } } } };
    expect(problem(wireEvent({ props: deep }))).toEqual({
      field: 'props.a.b.c.d',
      message: `props.a.b.c.d: nests deeper than ${limits.depth} levels`,
    });
    const items = Array.from({ length: 3 }, () => ({ name: 'ok' }));
    items[2]!.name = 'y'.repeat(limits.stringLength + 1);
    expect(problem(wireEvent({ props: { items } }))?.field).toBe('props.items[2].name');
    const wide = Object.fromEntries(Array.from({ length: limits.objectKeys + 1 }, (_, i) => [`k${i}`, i]));
    expect(problem(wireEvent({ props: wide }))?.field).toBe('props');
    expect(problem(wireEvent({ props: { list: new Array(limits.arrayItems + 1).fill(0) } }))?.field).toBe('props.list');
    expect(problem(wireEvent({ props: { big: 'z'.repeat(1000), more: 'z'.repeat(1000), ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, 'q'.repeat(1000)])) } }))?.message).toMatch(/over the limit/);
    expect(problem(wireEvent({ props: ['not', 'an', 'object'] }))?.field).toBe('props');
    expect(problem(wireEvent({ props: { price: 12.5, tags: ['a'], nested: { ok: true, none: null } } }))).toBeNull();
  });
});
