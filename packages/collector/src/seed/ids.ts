// UUIDv7 ids as the SDK makes them, with the random bits drawn from the seeded stream so a seed gives the same ids.
import type { Random } from './random.js';

// Every event needs one: byte by byte from a table is several times faster than toString(16) and padding.
const byte = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const word = (r: Random) => Math.floor(r() * 4_294_967_296);

/** 48 bits of the time in ms (so inserts stay at the right edge of the id index), version 7, variant 10, 74 random bits. */
export function uuidv7(ms: number, r: Random): string {
  const high = Math.floor(ms / 4_294_967_296) & 0xffff;
  const low = ms >>> 0;
  const a = word(r);
  const b = word(r);
  const c = word(r);
  return (
    byte[high >>> 8]! + byte[high & 255]! + byte[low >>> 24]! + byte[(low >>> 16) & 255]! + '-' +
    byte[(low >>> 8) & 255]! + byte[low & 255]! + '-7' +
    byte[a >>> 28]!.slice(1) + byte[(a >>> 20) & 255]! + '-' +
    byte[0x80 | ((a >>> 8) & 0x3f)]! + byte[a & 255]! + '-' +
    byte[b >>> 24]! + byte[(b >>> 16) & 255]! + byte[(b >>> 8) & 255]! + byte[b & 255]! + byte[c >>> 24]! + byte[(c >>> 16) & 255]!
  );
}
