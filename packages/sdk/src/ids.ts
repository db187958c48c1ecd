// Identifiers: UUIDv7, time-ordered so the collector's unique index stays fast, random bits from crypto.getRandomValues.

let lastMs = -1;
let counter = 0;

/** A UUIDv7 for the time `now`; ids made within one millisecond still sort in the order they were made. */
export function uuidv7(now: number): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  // The 12 bits of rand_a count within a millisecond (RFC 9562, method 1), seeded at random below
  // 2048 so the count rarely overflows; a clock that steps back reuses the last millisecond.
  if (now > lastMs) {
    lastMs = now;
    counter = random[0]! << 3;
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = 0;
  }
  let hex = lastMs.toString(16).padStart(12, '0') + (0x7000 | counter).toString(16);
  random[2] = (random[2]! & 0x3f) | 0x80;
  for (let i = 2; i < 10; i++) hex += (random[i]! | 256).toString(16).slice(1);
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
