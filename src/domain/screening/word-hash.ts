// 64-bit hashes of normalized word sequences, as two 32-bit halves so they
// live in typed arrays without BigInt. A phrase hash extends word by word, so
// screening hashes every word sequence of a prompt in one pass. Pure.

/** A 64-bit hash as two unsigned 32-bit halves. */
export interface Hash64 {
  hi: number;
  lo: number;
}

const SEED_HI = 0x9e3779b9;
const SEED_LO = 0x85ebca6b;

/** Hashes one word (two independent FNV-1a style lanes over its UTF-16 code units). */
export function hashWord(word: string, out: Hash64): Hash64 {
  return hashWordAt(word, 0, word.length, out);
}

/** Hashes `text.slice(from, to)` without making the slice. */
export function hashWordAt(text: string, from: number, to: number, out: Hash64): Hash64 {
  let hi = 0x811c9dc5 ^ SEED_HI;
  let lo = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    hi = Math.imul(hi ^ c, 0x01000193);
    lo = Math.imul(lo ^ c, 0x5bd1e995);
    lo ^= lo >>> 15;
  }
  out.hi = fmix(hi) >>> 0;
  out.lo = fmix(lo ^ (to - from)) >>> 0;
  return out;
}

/** Hash of the phrase `prev` followed by a word whose hash is `word`; start from {@link EMPTY_PHRASE}. */
export function extendPhrase(prev: Hash64, word: Hash64, out: Hash64): Hash64 {
  const hi = fmix((Math.imul(prev.hi, 0x27d4eb2f) ^ word.hi) + SEED_LO);
  const lo = fmix((Math.imul(prev.lo, 0x165667b1) ^ word.lo) + SEED_HI);
  out.hi = hi >>> 0;
  // Zero is the empty-slot marker of the tables: never produce hi = lo = 0.
  out.lo = (lo | (hi === 0 ? 1 : 0)) >>> 0;
  return out;
}

export const EMPTY_PHRASE: Readonly<Hash64> = { hi: 0x1b873593, lo: 0xcc9e2d51 };

/** Hash of a whole normalized phrase ("w1 w2 …"). */
export function hashPhrase(normalized: string): Hash64 {
  const out: Hash64 = { hi: EMPTY_PHRASE.hi, lo: EMPTY_PHRASE.lo };
  const word: Hash64 = { hi: 0, lo: 0 };
  let from = 0;
  for (;;) {
    const at = normalized.indexOf(' ', from);
    extendPhrase(out, hashWord(at === -1 ? normalized.slice(from) : normalized.slice(from, at), word), out);
    if (at === -1) return out;
    from = at + 1;
  }
}

/** murmur3's finalizer: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
