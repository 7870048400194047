/**
 * Deterministic randomness without dependencies. Scenarios use two kinds: a sequential
 * generator for building things once (ids, names), and stateless noise keyed by integers
 * for values that must be a pure function of time (`noise(seed, slot)` is the same number
 * whenever it is asked).
 */

/** A generator of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for test data. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, for turning keys and names into seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A seed for a named part of something seeded, so parts do not share their streams. */
export function deriveSeed(seed: number, label: string): number {
  return mix(seed ^ hashString(label));
}

/**
 * Stateless noise in [0, 1) for a seed and up to two integers (a slot index, a day, a
 * channel). Indices beyond 32 bits are folded in, so millisecond-sized keys stay distinct.
 */
export function noise(seed: number, a: number, b = 0): number {
  let h = mix(seed ^ Math.imul(fold(a), 0x9e3779b1));
  h = mix(h ^ Math.imul(fold(b), 0x85ebca6b));
  return h / 4_294_967_296;
}

export function between(random: number, min: number, max: number): number {
  return min + random * (max - min);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick needs at least one item');
  return item;
}

function fold(value: number): number {
  const whole = Math.floor(value);
  return (whole ^ Math.floor(whole / 4_294_967_296)) >>> 0;
}

/** murmur3's finaliser: every input bit affects every output bit. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
