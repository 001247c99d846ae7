// Seeded randomness for the screening evaluation: every generated prompt comes
// from a generator seeded by a hash of what it is about (the form and the
// names), so one prompt never depends on the order or number of the others and
// the same data always yields the same prompts.

import { rng } from './generated-names';

/** The evaluation's fixed seed; changing it changes every generated prompt and the split. */
export const EVAL_SEED = 0x5c0e10c;

export type Random = () => number;

/** 32-bit hash of a string (cyrb53's mixing, low half), seeded. */
export function hash32(text: string, seed = EVAL_SEED): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** A generator seeded by what is being generated, e.g. randomFor('form', 'tags', title). */
export function randomFor(...parts: string[]): Random {
  return rng(hash32(parts.join('\u0000')));
}

export function pick<T>(r: Random, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** An integer in [min, max]. */
export function between(r: Random, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

/** `n` different items (fewer if there are not that many). */
export function pickDistinct<T>(r: Random, xs: readonly T[], n: number): T[] {
  const chosen = new Set<number>();
  const limit = Math.min(n, xs.length);
  while (chosen.size < limit) chosen.add(Math.floor(r() * xs.length));
  return [...chosen].map((i) => xs[i]);
}

/**
 * Comparison key of a name, independent of the screener's own normalization
 * (the ruler must not move with the thing it measures): compatibility folding,
 * no accents, lower case, runs of anything but letters and digits as one space.
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
