// Phone numbers as pages write them: found in text by their digits, compared by the last ten, rewritten in the page's own formatting.

/** A number's digits: '+7 (495) 123-45-67' → '74951234567'. */
export const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * A number as text writes it: digits, each group separated by at most three of space, dot, dash,
 * brackets (`+7 (495) 123-45-67`, `8 495 123 45 67`, `(111) 222-3333`, `111.222.3333`). The run
 * is taken whole and must not touch a letter or digit, so a longer run of digits or an id like
 * `A12345678901` is never read as a shorter number. Group 1 is what precedes the number.
 */
const writtenNumber = /(^|[^\w+])(\+?\d(?:[\s().\-\u2010-\u2013]{0,3}\d)+)(?!\w)/g;

/**
 * Whether digits written on a page are the number `e164`. Numbers are compared by their national
 * significant number, taken as the last ten digits, so `8 495…`, `+7 495…` and `495…` are one
 * number; what comes before those ten may only be nothing, the country code or a trunk prefix (8, 0).
 */
export function sameNumber(digits: string, e164: string): boolean {
  const own = digitsOf(e164);
  const prefix = digits.slice(0, -10);
  return digits.length >= 10 && digits.slice(-10) == own.slice(-10) && ['', own.slice(0, -10), '8', '0'].includes(prefix);
}

/**
 * `e164` written as `template` writes a number: its last ten digits replace the template's, one by
 * one, and everything else (prefix, spaces, brackets, dashes) stays. A template holding fewer than
 * ten digits shows no format to follow, so the number is given in E.164.
 */
export function formatLike(template: string, e164: string): string {
  const next = digitsOf(e164).slice(-10);
  let kept = digitsOf(template).length - 10;
  let at = 0;
  return kept < 0 ? e164 : template.replace(/\d/g, (digit) => (kept-- > 0 ? digit : next[at++]!));
}

/** `text` with each number written in it that `ours` takes (by its digits) replaced by `e164`, written the same way. */
export const replaceNumbers = (text: string, ours: (digits: string) => boolean, e164: string) =>
  text.replace(writtenNumber, (all, before: string, written: string) => (ours(digitsOf(written)) ? before + formatLike(written, e164) : all));
