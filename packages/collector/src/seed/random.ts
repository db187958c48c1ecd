// Seeded random numbers, so that a seed always gives the same traffic (Math.random cannot be seeded).

/** Numbers in [0, 1). */
export type Random = () => number;

// murmur3's finalizer: neighbouring inputs give unrelated outputs.
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * sfc32 keyed by a few whole numbers (the run's seed, a person, a session). Each of its four state
 * words hashes all the keys with its own salt: 128 bits of state keep the streams of a million
 * sessions apart, where one 32-bit seed would give hundreds of them the same stream.
 */
export function random(...keys: number[]): Random {
  const lane = (salt: number) => keys.reduce((h, key) => mix(h ^ mix((key >>> 0) + salt)), salt);
  let a = lane(0x9e3779b9);
  let b = lane(0x7f4a7c15);
  let c = lane(0x3c6ef372);
  let d = lane(0xa54ff53a);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export const chance = (r: Random, p: number) => r() < p;

/** A whole number from min to max, both included. */
export const between = (r: Random, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/** One of the items, each as likely as its weight. */
export function weighted<T>(r: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of items) total += weight;
  let x = r() * total;
  for (const [item, weight] of items) if ((x -= weight) < 0) return item;
  return items[items.length - 1]![0];
}

/** The index of one of the weights, each as likely as its weight: weighted() without building pairs, for loops. */
export function choose(r: Random, weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
  return weights.length - 1;
}

/** Waiting times of events that come at a steady rate: many short, a few long. */
export const exponential = (r: Random, mean: number) => -mean * Math.log(1 - r());

/** How many more times a thing happens when it happens again with probability p each time. */
export function repeats(r: Random, p: number, max: number): number {
  let n = 0;
  while (n < max && r() < p) n++;
  return n;
}
