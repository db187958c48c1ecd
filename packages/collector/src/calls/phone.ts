// Phone numbers: a site's own numbers checked and kept as E.164, and callers' numbers reduced to a key that matches however telephony wrote them.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { createHmac } from 'node:crypto';

/**
 * The number in E.164 (`+74951234567`), or null when it is not a possible number of its country.
 * Only international input is taken: a site's numbers are configured once, and "8 495…" or
 * "(495)…" alone do not say which country they are in.
 */
export function e164(input: string): string | null {
  if (!input.trim().startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(input);
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * A caller's number as a key: E.164 when telephony sent it so, otherwise its digits, with a
 * Russian trunk 8 read as +7 (telephony in Russia often sends 8XXXXXXXXXX for the same line).
 */
export function callerKey(input: string): string {
  const international = input.trim().startsWith('+') ? e164(input) : null;
  if (international) return international;
  const digits = input.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) return `+7${digits.slice(1)}`;
  if (digits.length === 11 && digits.startsWith('7')) return `+${digits}`;
  return digits.length > 0 ? digits : input.trim().toLowerCase();
}

/** A caller's number kept so that two calls of one caller match but the number cannot be read back. */
export const callerHash = (salt: Buffer, input: string): Buffer => createHmac('sha256', salt).update(callerKey(input)).digest();

/** The last two digits of a caller's number: all that is kept in clear of it by default. */
export const callerTail = (input: string): string => input.replace(/\D/g, '').slice(-2);

/** A caller as the stats page shows a number not kept in clear. */
export const maskedCaller = (tail: string): string => (tail === '' ? 'hidden' : `••• ${tail}`);
