import { describe, expect, test } from 'vitest';
import { uuidv7 } from './ids';

const format = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timeOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('uuidv7', () => {
  test('is a lowercase UUID of version 7 and variant 10, with its time in the first 48 bits', () => {
    const now = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
    const id = uuidv7(now);
    expect(id).toMatch(format);
    expect(timeOf(id)).toBe(now);
  });

  test('sorts in the order ids were made, within one millisecond and across them', () => {
    const start = Date.UTC(2031, 5, 6);
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) ids.push(uuidv7(start + Math.floor(i / 1000)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(format);
  });

  test('stays ordered when the clock steps back, and when a millisecond runs out of counter', () => {
    const start = Date.UTC(2032, 0, 1);
    const ids = [uuidv7(start), uuidv7(start - 5000)];
    for (let i = 0; i < 5000; i++) ids.push(uuidv7(start));
    expect([...ids].sort()).toEqual(ids);
    // 5,000 ids cannot fit one millisecond's 12-bit counter: time moved on by a millisecond.
    expect(timeOf(ids.at(-1)!)).toBeGreaterThan(start);
  });

  test('spends its random bits on rand_b: two ids in one millisecond differ past the counter', () => {
    const now = Date.UTC(2033, 0, 1);
    const a = uuidv7(now);
    const b = uuidv7(now);
    expect(a.slice(19)).not.toBe(b.slice(19));
  });
});
