// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { digitsOf, formatLike, replaceNumbers, sameNumber } from './phone';

const published = '+74951234567';
const leased = '+74957654321';
/** The text with the published number, however written, shown as the leased one. */
const swap = (text: string, own = published, next = leased) => replaceNumbers(text, (digits) => sameNumber(digits, own), next);

describe('formatLike', () => {
  test.each([
    ['+7 (495) 123-45-67', '+74957654321', '+7 (495) 765-43-21'],
    ['8 495 123 45 67', '+74957654321', '8 495 765 43 21'],
    ['+1 111-222-3333', '+11114445555', '+1 111-444-5555'],
    ['(111) 222-3333', '+11114445555', '(111) 444-5555'],
    ['111.222.3333', '+11114445555', '111.444.5555'],
    ['+74951234567', '+74957654321', '+74957654321'],
  ])('writes the number as %s is written', (template, number, written) => {
    expect(formatLike(template, number)).toBe(written);
  });

  test('gives the number in E.164 where the template shows no whole number', () => {
    expect(formatLike('Call us', leased)).toBe(leased);
    expect(formatLike('123-45-67', leased)).toBe(leased);
  });
});

describe('sameNumber', () => {
  test('8 and +7 (or nothing) before the same ten digits are one number', () => {
    for (const written of ['+7 (495) 123-45-67', '8 495 123 45 67', '(495) 123-45-67', '7-495-123-45-67']) {
      expect(sameNumber(digitsOf(written), published)).toBe(true);
    }
  });

  test('another number, a longer run or a stranger prefix is not the number', () => {
    expect(sameNumber(digitsOf('8 495 123 45 68'), published)).toBe(false);
    expect(sameNumber('849512345671', published)).toBe(false);
    expect(sameNumber('184951234567', published)).toBe(false);
    expect(sameNumber('51234567', published)).toBe(false);
  });

  test('reads a tel: link by its digits', () => {
    expect(sameNumber(digitsOf('tel:+7-495-123-45-67'), published)).toBe(true);
    expect(sameNumber(digitsOf('tel:84951234567'), published)).toBe(true);
    expect(sameNumber(digitsOf('tel:+74957000001'), published)).toBe(false);
  });
});

describe('replaceNumbers', () => {
  test('swaps the number in each formatting, digit by digit, leaving the text around it', () => {
    expect(swap('Call +7 (495) 123-45-67 today')).toBe('Call +7 (495) 765-43-21 today');
    expect(swap('Звоните: 8 495 123 45 67.')).toBe('Звоните: 8 495 765 43 21.');
    expect(swap('(111) 222-3333 or 111.222.3333', '+11112223333', '+19998887777')).toBe('(999) 888-7777 or 999.888.7777');
    expect(swap('+1 111-222-3333', '+11112223333', '+19998887777')).toBe('+1 999-888-7777');
  });

  test('leaves other numbers alone: different digits, a longer run, a number inside an id or a word', () => {
    const untouched = ['8 495 123 45 68', 'Order 849512345671 shipped', 'SKU A84951234567', '84951234567x', '+7 495 123 45 67 89'];
    for (const text of untouched) expect(swap(text)).toBe(text);
  });

  test('swaps every occurrence, and only whole ones', () => {
    expect(swap('8 495 123 45 67, +7 495 123-45-67; 2024-01-15')).toBe('8 495 765 43 21, +7 495 765-43-21; 2024-01-15');
  });
});
