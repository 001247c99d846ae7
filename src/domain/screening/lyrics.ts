// Lyrics match where a prompt quotes enough of them in order, not as names,
// and tolerate the small edits that defeat an exact filter: a word changed,
// dropped, inserted or misspelt now and then. Each lyric is indexed as short
// seed shingles (a few consecutive words) and its word hashes; a prompt's
// seeds are looked up once each, every hit is extended into an in-order
// alignment with small gaps, and a stretch of it is a quote when it spans at
// least `minWords` words of the lyric and matches at least 85% of its words.
// Pure: no I/O.

import { Growable } from './growable';
import { ABSENT, HashTable } from './hash-table';
import { EMPTY_PHRASE, extendPhrase, Hash64, hashWord } from './word-hash';

export const DEFAULT_LYRICS_MIN_WORDS = 8;

/**
 * Words per seed shingle. Four: one edit in eight words always leaves four
 * consecutive words intact, and four-word phrases are far rarer across
 * lyrics than three-word ones ("i love you"), so fewer false seeds to extend.
 */
export const LYRIC_SEED_WORDS = 4;

/** A window matches when matched / window ≥ 17/20 (85%): 7 of 8, 13 of 15, 14 of 16 pass; 6 of 8, 11 of 13 do not. */
const SHARE_NUMERATOR = 17;
const SHARE_DENOMINATOR = 20;
const MATCHED_WEIGHT = SHARE_DENOMINATOR - SHARE_NUMERATOR;
const UNMATCHED_WEIGHT = SHARE_NUMERATOR;

/** Most words skipped at once, in the prompt or the lyric, between two matched words. */
const MAX_SKIP = 3;

/** How far an alignment's score may fall below its best before it stops: one step's skip, but not two in a row. */
const MAX_DROP = MAX_SKIP * UNMATCHED_WEIGHT;

/**
 * A seed found at more lyric places than this is common ("the night is
 * young"): a prompt never walks its postings, which would cost a probe per
 * place. Those places are found by their `minWords`-word shingle instead, so
 * an exact quote is always found; an edited one needs a rarer seed.
 */
export const MAX_SEED_POSTINGS = 16;

/** Value of a common seed in the seed table. */
const COMMON = -2;

/** The lyrics of a catalog: every lyric's words back to back, and a map of their seed shingles. */
export interface LyricShingles {
  /** The fewest lyric words a quote may span. */
  minWords: number;
  /** Words per seed shingle (at most `minWords`). */
  seedWords: number;
  /** 64-bit hash of a seed shingle → its last posting (the lyric word it starts at), earlier ones chain through nextPosting; or COMMON. */
  shingles: HashTable;
  /** For the places of common seeds only: hash of the `minWords` words from there → last such place, chained the same way. */
  longShingles: HashTable;
  /** Per lyric word: the entry it belongs to (one lyric's words are consecutive). */
  wordEntry: Int32Array;
  /** Per lyric word: the low half of its hash, to compare with prompt words. */
  wordHash: Uint32Array;
  /** Per lyric word: the previous posting of the seed (or, at a common seed, of the long shingle) starting there, or ABSENT. */
  nextPosting: Int32Array;
}

/** Words `first`..`last` of a prompt quote the lyric of `entry`: `matched` of a `window` of words agree, in order. */
export interface LyricQuote {
  entry: number;
  first: number;
  last: number;
  matched: number;
  /** Matched words plus the words changed, dropped or inserted between them; equal to `matched` for an exact quote. */
  window: number;
}

/** Bytes held by the lyric map's arrays. */
export function lyricBytes(lyrics: LyricShingles): number {
  const { shingles, longShingles, wordEntry, wordHash, nextPosting } = lyrics;
  return shingles.bytes + longShingles.bytes + wordEntry.byteLength + wordHash.byteLength + nextPosting.byteLength;
}

/** Hash of the `n` words of `hashes` from `from` on. */
function seedHash(hashes: readonly Hash64[], from: number, n: number, out: Hash64): Hash64 {
  out.hi = EMPTY_PHRASE.hi;
  out.lo = EMPTY_PHRASE.lo;
  for (let k = 0; k < n; k++) extendPhrase(out, hashes[from + k], out);
  return out;
}

/** Collects lyrics entry by entry; the words of one lyric stay consecutive. */
export class LyricShinglesBuilder {
  private readonly shingles = new HashTable(1024);
  private readonly wordEntry = new Growable(Int32Array);
  private readonly wordHash = new Growable(Uint32Array);
  private readonly nextPosting = new Growable(Int32Array);
  // Only while building: the seed hash at each place (0, 0 where none starts), its chain length, the words' high hash halves.
  private readonly seedHi = new Growable(Uint32Array);
  private readonly seedLo = new Growable(Uint32Array);
  private readonly chainLength = new Growable(Int32Array);
  private readonly wordHi = new Growable(Uint32Array);
  private readonly seedWords: number;

  /** @param minWords - The fewest lyric words a quote may span (a positive integer). */
  constructor(private readonly minWords: number) {
    this.seedWords = Math.min(LYRIC_SEED_WORDS, minWords);
  }

  /**
   * Indexes one lyric as entry `entry`.
   *
   * @param normalized - The lyric's normalized text (words separated by one space).
   * @returns false, indexing nothing, when the lyric is shorter than `minWords` words: no prompt could quote it.
   */
  add(entry: number, normalized: string): boolean {
    const words = normalized.split(' ');
    if (words.length < this.minWords) return false;
    const hashes = words.map((w) => hashWord(w, { hi: 0, lo: 0 }));
    const base = this.wordEntry.length;
    for (const h of hashes) {
      this.wordEntry.push(entry);
      this.wordHash.push(h.lo);
      this.wordHi.push(h.hi);
      this.nextPosting.push(ABSENT);
      this.seedHi.push(0);
      this.seedLo.push(0);
      this.chainLength.push(0);
    }
    const seed: Hash64 = { hi: 0, lo: 0 };
    for (let w = 0; w + this.seedWords <= words.length; w++) {
      seedHash(hashes, w, this.seedWords, seed);
      const previous = this.shingles.get(seed);
      this.nextPosting.set(base + w, previous);
      this.chainLength.set(base + w, previous === ABSENT ? 1 : this.chainLength.get(previous) + 1);
      this.seedHi.set(base + w, seed.hi);
      this.seedLo.set(base + w, seed.lo);
      this.shingles.set(seed, base + w);
    }
    return true;
  }

  /** Seals the map; the builder is spent. */
  finish(): LyricShingles {
    const longShingles = new HashTable(16);
    // With seeds as long as the quotes there is no longer shingle to fall back on: every chain is walked.
    if (this.minWords > this.seedWords) this.indexCommonSeeds(longShingles);
    this.seedHi.seal();
    this.seedLo.seal();
    this.chainLength.seal();
    this.wordHi.seal();
    return {
      minWords: this.minWords,
      seedWords: this.seedWords,
      shingles: this.shingles,
      longShingles,
      wordEntry: this.wordEntry.seal(),
      wordHash: this.wordHash.seal(),
      nextPosting: this.nextPosting.seal(),
    };
  }

  /** Marks common seeds and chains their places by the `minWords` words from there instead. */
  private indexCommonSeeds(longShingles: HashTable): void {
    const { shingles, seedHi, seedLo, chainLength, wordHi, wordHash, wordEntry, nextPosting, minWords } = this;
    const places = wordEntry.length;
    const seed: Hash64 = { hi: 0, lo: 0 };
    const word: Hash64 = { hi: 0, lo: 0 };
    for (let q = 0; q < places; q++) {
      seed.hi = seedHi.get(q);
      seed.lo = seedLo.get(q);
      if (seed.hi === 0 && seed.lo === 0) continue;
      const head = shingles.get(seed);
      if (head !== COMMON) {
        if (chainLength.get(head) <= MAX_SEED_POSTINGS) continue;
        shingles.set(seed, COMMON);
      }
      nextPosting.set(q, ABSENT);
      const last = q + minWords - 1;
      if (last >= places || wordEntry.get(last) !== wordEntry.get(q)) continue;
      seed.hi = EMPTY_PHRASE.hi;
      seed.lo = EMPTY_PHRASE.lo;
      for (let k = q; k <= last; k++) {
        word.hi = wordHi.get(k);
        word.lo = wordHash.get(k);
        extendPhrase(seed, word, seed);
      }
      nextPosting.set(q, longShingles.get(seed));
      longShingles.set(seed, q);
    }
  }
}

/** Skips (prompt, lyric) to the next matched pair as flat pairs, cheapest first: fewest words passed over, then a change before a drop or insert. */
const STEPS: Int8Array = (() => {
  const steps: [number, number][] = [];
  for (let x = 0; x <= MAX_SKIP; x++) for (let y = 0; y <= MAX_SKIP; y++) steps.push([x, y]);
  steps.sort((a, b) => Math.max(...a) - Math.max(...b) || Math.abs(a[0] - a[1]) - Math.abs(b[0] - b[1]));
  return Int8Array.from(steps.flat());
})();

/**
 * Extends exact seeds into in-order alignments with small gaps, greedily in
 * both directions inside the seed's lyric. A step prefers a pair whose next
 * words agree too, so a lone "the" does not pull the alignment aside. One per
 * prompt: the pairs of the last alignment are in `p` and `l`, reused.
 */
class Aligner {
  /** Matched pairs in order: prompt word positions and lyric word positions. */
  readonly p: number[] = [];
  readonly l: number[] = [];
  // Scratch for cutting the alignment into quotes; plain arrays, reused, so a prompt allocates next to nothing.
  readonly unmatched: number[] = [];
  readonly score: number[] = [];
  readonly best: number[] = [];
  private entry = 0;
  private nextI = 0;
  private nextJ = 0;

  constructor(
    private readonly lyrics: LyricShingles,
    private readonly prompt: Uint32Array,
  ) {}

  align(seedPrompt: number, seedLyric: number, seedWords: number): void {
    const { p, l } = this;
    p.length = 0;
    l.length = 0;
    this.entry = this.lyrics.wordEntry[seedLyric];
    this.extend(seedPrompt, seedLyric, -1);
    p.reverse();
    l.reverse();
    for (let k = 0; k < seedWords; k++) {
      p.push(seedPrompt + k);
      l.push(seedLyric + k);
    }
    this.extend(seedPrompt + seedWords - 1, seedLyric + seedWords - 1, 1);
  }

  /**
   * Appends matched pairs beyond (i, j) until the score (+3 per matched word,
   * −17 per unmatched one) falls {@link MAX_DROP} below its best: scattered
   * common words ("the", "a") then stop the alignment instead of dragging it
   * through unrelated text.
   */
  private extend(i: number, j: number, dir: 1 | -1): void {
    let score = 0;
    let best = 0;
    while (this.step(i, j, dir)) {
      const skipped = Math.max(Math.abs(this.nextI - i), Math.abs(this.nextJ - j)) - 1;
      score += MATCHED_WEIGHT - UNMATCHED_WEIGHT * skipped;
      if (score < best - MAX_DROP) return;
      if (score > best) best = score;
      i = this.nextI;
      j = this.nextJ;
      this.p.push(i);
      this.l.push(j);
    }
  }

  private agree(i: number, j: number): boolean {
    const { wordEntry, wordHash } = this.lyrics;
    return (
      i >= 0 && i < this.prompt.length && j >= 0 && j < wordEntry.length && wordEntry[j] === this.entry && this.prompt[i] === wordHash[j]
    );
  }

  /** Finds the next matched pair after (i, j) in direction `dir` into nextI, nextJ. */
  private step(i: number, j: number, dir: 1 | -1): boolean {
    let found = false;
    for (let s = 0; s < STEPS.length; s += 2) {
      const ni = i + dir * (1 + STEPS[s]);
      const nj = j + dir * (1 + STEPS[s + 1]);
      if (!this.agree(ni, nj)) continue;
      if (s === 0 || this.agree(ni + dir, nj + dir)) {
        this.nextI = ni;
        this.nextJ = nj;
        return true;
      }
      if (!found) {
        found = true;
        this.nextI = ni;
        this.nextJ = nj;
      }
    }
    return found;
  }
}

/** A set of (lyric word, prompt word) pairs in two typed arrays, open addressing: no boxed keys. */
class PairSet {
  private lyric = new Int32Array(64).fill(-1);
  private prompt = new Int32Array(64);
  private size = 0;

  has(q: number, w: number): boolean {
    const mask = this.lyric.length - 1;
    for (let slot = PairSet.slot(q, w, mask); ; slot = (slot + 1) & mask) {
      if (this.lyric[slot] === -1) return false;
      if (this.lyric[slot] === q && this.prompt[slot] === w) return true;
    }
  }

  add(q: number, w: number): void {
    if ((this.size + 1) * 2 > this.lyric.length) this.grow();
    const mask = this.lyric.length - 1;
    for (let slot = PairSet.slot(q, w, mask); ; slot = (slot + 1) & mask) {
      if (this.lyric[slot] === -1) {
        this.lyric[slot] = q;
        this.prompt[slot] = w;
        this.size++;
        return;
      }
      if (this.lyric[slot] === q && this.prompt[slot] === w) return;
    }
  }

  private static slot(q: number, w: number, mask: number): number {
    return ((Math.imul(q, 0x9e3779b1) ^ Math.imul(w, 0x85ebca6b)) >>> 7) & mask;
  }

  private grow(): void {
    const { lyric, prompt } = this;
    this.lyric = new Int32Array(lyric.length * 2).fill(-1);
    this.prompt = new Int32Array(lyric.length * 2);
    this.size = 0;
    for (let i = 0; i < lyric.length; i++) if (lyric[i] !== -1) this.add(lyric[i], prompt[i]);
  }
}

/**
 * Cuts an alignment into quotes: from the earliest pair, the farthest pair
 * such that matched words are ≥ 85% of the window between them (matched words
 * plus, per gap, the larger of the words skipped in the prompt and in the
 * lyric), kept when it spans at least `minWords` words of the lyric: seven
 * lyric words with one word added in the prompt are not a quote, as seven
 * exact words are not. With weights +3 per matched and −17 per unmatched word
 * a stretch passes when its score is ≥ 0; prefix scores and their suffix
 * maxima find the farthest end by binary search.
 */
function cutQuotes(aligner: Aligner, entry: number, minWords: number, out: LyricQuote[]): void {
  const { p, l, unmatched, score, best } = aligner;
  const n = p.length;
  if (n * SHARE_DENOMINATOR < minWords * SHARE_NUMERATOR || l[n - 1] - l[0] + 1 < minWords) return;
  unmatched[0] = 0;
  score[0] = 0;
  for (let t = 1; t < n; t++) {
    unmatched[t] = unmatched[t - 1] + Math.max(p[t] - p[t - 1] - 1, l[t] - l[t - 1] - 1);
    score[t] = MATCHED_WEIGHT * t - UNMATCHED_WEIGHT * unmatched[t];
  }
  while (best.length < n) best.push(0);
  best[n - 1] = score[n - 1];
  for (let t = n - 2; t >= 0; t--) best[t] = Math.max(score[t], best[t + 1]);
  for (let a = 0; a < n;) {
    // Stretch a..b scores score[b] − score[a] + MATCHED_WEIGHT.
    const target = score[a] - MATCHED_WEIGHT;
    let lo = a;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (best[mid] >= target) lo = mid;
      else hi = mid - 1;
    }
    const matched = lo - a + 1;
    const window = matched + unmatched[lo] - unmatched[a];
    if (l[lo] - l[a] + 1 >= minWords) {
      out.push({ entry, first: p[a], last: p[lo], matched, window });
      a = lo + 1;
    } else {
      a++;
    }
  }
}

/**
 * Finds the prompt's quotes of lyrics, exact or slightly edited. Each seed
 * shingle of the prompt is one hash probe (two for a common seed), walking at
 * most {@link MAX_SEED_POSTINGS} places of a seed; each hit not already inside
 * an alignment is extended once.
 *
 * @param words - The prompt's normalized words.
 * @returns One quote per stretch of the prompt and entry (a stretch inside another of the same entry is dropped), by entry then first word.
 */
export function lyricQuotes(lyrics: LyricShingles, words: string[]): LyricQuote[] {
  const { minWords, seedWords, shingles, longShingles, nextPosting, wordEntry, wordHash } = lyrics;
  const count = words.length;
  if (count < seedWords || shingles.size === 0) return [];
  const hashes = words.map((w) => hashWord(w, { hi: 0, lo: 0 }));
  const low = Uint32Array.from(hashes, (h) => h.lo);
  const aligner = new Aligner(lyrics, low);
  const aligned = new PairSet();
  const found: LyricQuote[] = [];
  const seed: Hash64 = { hi: 0, lo: 0 };
  for (let w = 0; w + seedWords <= count; w++) {
    seedHash(hashes, w, seedWords, seed);
    let first = shingles.get(seed);
    let length = seedWords;
    if (first === COMMON) {
      if (w + minWords > count) continue;
      first = longShingles.get(seedHash(hashes, w, minWords, seed));
      length = minWords;
    }
    for (let q = first; q !== ABSENT; q = nextPosting[q]) {
      if (aligned.has(q, w)) continue;
      // A hash collision would align words that differ.
      let same = wordEntry[q + length - 1] === wordEntry[q];
      for (let k = 0; k < length && same; k++) same = low[w + k] === wordHash[q + k];
      if (!same) continue;
      aligner.align(w, q, length);
      const { p, l } = aligner;
      cutQuotes(aligner, wordEntry[q], minWords, found);
      // Seeds on this alignment would only find it again.
      for (let t = 0; t < p.length; t++) aligned.add(l[t], p[t]);
    }
  }

  // A repeated passage (a chorus) aligns once per occurrence in the lyric;
  // report a stretch of the input once per entry, so drop quotes contained in another.
  found.sort((a, b) => a.entry - b.entry || a.first - b.first || b.last - a.last || b.matched - a.matched);
  const quotes: LyricQuote[] = [];
  let entry = -1;
  let reach = -1;
  for (const quote of found) {
    if (quote.entry !== entry) {
      entry = quote.entry;
      reach = -1;
    }
    if (quote.last <= reach) continue;
    reach = quote.last;
    quotes.push(quote);
  }
  return quotes;
}
