// Lyrics match where a prompt quotes enough consecutive words of them, not as
// names: each lyric is indexed as its n-word shingles, and a prompt's shingles
// are looked up once each and chained into runs. Pure: no I/O.

import { Growable } from './growable';
import { ABSENT, HashTable } from './hash-table';
import { EMPTY_PHRASE, extendPhrase, Hash64, hashWord } from './word-hash';

export const DEFAULT_LYRICS_MIN_WORDS = 8;

/** The lyrics of a catalog as a shingle map. */
export interface LyricShingles {
  minWords: number;
  /** 64-bit hash of a shingle (n consecutive words) → most recent posting; postings chain through nextPosting. */
  shingles: HashTable;
  /** Postings are numbered consecutively through each lyric: posting q+1 is the next shingle of the same lyric when both belong to one entry. */
  postingEntry: Int32Array;
  nextPosting: Int32Array;
}

/** Words `first`..`last` of a prompt quote the lyric of `entry`. */
export interface LyricQuote {
  entry: number;
  first: number;
  last: number;
}

/** Hash of every run of n consecutive words, in order; none when there are fewer than n words. */
export function shingleHashes(words: string[], n: number): Hash64[] {
  const count = words.length - n + 1;
  if (count <= 0) return [];
  const wordHashes = words.map((w) => hashWord(w, { hi: 0, lo: 0 }));
  const out: Hash64[] = new Array(count);
  for (let w = 0; w < count; w++) {
    const h: Hash64 = { hi: EMPTY_PHRASE.hi, lo: EMPTY_PHRASE.lo };
    for (let k = 0; k < n; k++) extendPhrase(h, wordHashes[w + k], h);
    out[w] = h;
  }
  return out;
}

/** Collects lyric shingles entry by entry; postings of one lyric stay consecutive. */
export class LyricShinglesBuilder {
  private readonly shingles = new HashTable(1024);
  private readonly postingEntry = new Growable(Int32Array);
  private readonly nextPosting = new Growable(Int32Array);

  /** @param minWords - Shingle length: the fewest consecutive words a quote must have (a positive integer). */
  constructor(private readonly minWords: number) {}

  /**
   * Indexes one lyric as entry `entry`.
   *
   * @param normalized - The lyric's normalized text (words separated by one space).
   * @returns false, indexing nothing, when the lyric is shorter than `minWords` words: no prompt could quote it.
   */
  add(entry: number, normalized: string): boolean {
    const hashes = shingleHashes(normalized.split(' '), this.minWords);
    if (hashes.length === 0) return false;
    for (const shingle of hashes) {
      this.postingEntry.push(entry);
      this.nextPosting.push(this.shingles.get(shingle));
      this.shingles.set(shingle, this.postingEntry.length - 1);
    }
    return true;
  }

  /** Seals the map; the builder is spent. */
  finish(): LyricShingles {
    return {
      minWords: this.minWords,
      shingles: this.shingles,
      postingEntry: this.postingEntry.seal(),
      nextPosting: this.nextPosting.seal(),
    };
  }
}

/**
 * Finds maximal runs of consecutive shingles that are also consecutive in one
 * lyric, one shingle lookup per prompt word. A run of r shingles quotes
 * r + n - 1 words.
 *
 * @param words - The prompt's normalized words.
 * @returns One quote per stretch of the prompt and entry, by entry then first word.
 */
export function lyricQuotes(lyrics: LyricShingles, words: string[]): LyricQuote[] {
  const { minWords: n, shingles, postingEntry, nextPosting } = lyrics;
  const hashes = shingleHashes(words, n);
  const shingleCount = hashes.length;
  if (shingleCount <= 0) return [];
  const runs: { entry: number; first: number; last: number }[] = [];
  // Posting → first input shingle of the run it currently extends.
  let open = new Map<number, number>();
  for (let w = 0; w <= shingleCount; w++) {
    const current = new Map<number, number>();
    if (w < shingleCount) {
      for (let q = shingles.get(hashes[w]); q !== ABSENT; q = nextPosting[q]) {
        const continues = q > 0 && postingEntry[q - 1] === postingEntry[q] && open.has(q - 1);
        current.set(q, continues ? open.get(q - 1)! : w);
      }
    }
    for (const [q, first] of open) {
      if (q + 1 >= postingEntry.length || !current.has(q + 1) || postingEntry[q + 1] !== postingEntry[q]) {
        runs.push({ entry: postingEntry[q], first, last: w - 1 });
      }
    }
    open = current;
  }

  // A repeated passage (a chorus) yields one run per occurrence in the lyric;
  // report a stretch of the input once per entry, so drop runs contained in another.
  runs.sort((a, b) => a.entry - b.entry || a.first - b.first || b.last - a.last);
  const quotes: LyricQuote[] = [];
  let entry = -1;
  let reach = -1;
  for (const run of runs) {
    if (run.entry !== entry) {
      entry = run.entry;
      reach = -1;
    }
    if (run.last <= reach) continue;
    reach = run.last;
    quotes.push({ entry: run.entry, first: run.first, last: run.last + n - 1 });
  }
  return quotes;
}
