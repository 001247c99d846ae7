// Deterministic generated data for the benchmarks.

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence, in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A capitalised made-up word of two or three syllables. */
export function pseudoWord(r: () => number, syllables: readonly string[]): string {
  const n = 2 + Math.floor(r() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += syllables[Math.floor(r() * syllables.length)];
  return w[0].toUpperCase() + w.slice(1);
}
