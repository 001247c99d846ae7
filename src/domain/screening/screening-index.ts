// Prompt screening against the protected catalog (policy 10(c) "Prohibited
// Inputs"). Built once from the catalog, then screens each prompt without
// looping over entries: names go through one Aho–Corasick automaton, lyrics
// through a hash map of n-word shingles. Pure: no persistence, no I/O.
//
// Memory matters (the catalog may hold a million entries), so per-entry data
// lives in parallel arrays and typed arrays rather than one object per entry.

import AhoCorasick from 'modern-ahocorasick';
import { CatalogKind } from '../enums';
import { CATALOG_CLAUSE } from './catalog-clauses';
import { normalizeForMatching, normalizeText } from './normalize';

/** One catalog entry as the screening engine needs it. */
export interface CatalogEntryFact {
  id: string;
  kind: CatalogKind;
  text: string;
}

/** One place in the input that refers to a catalog entry. */
export interface ScreeningMatch {
  entryId: string;
  kind: CatalogKind;
  clause: string;
  /** UTF-16 offset into the original input. */
  start: number;
  /** UTF-16 offset into the original input, exclusive. */
  end: number;
}

/** Outcome of screening one input; `allowed` iff there is no match. */
export interface ScreeningResult {
  allowed: boolean;
  matches: ScreeningMatch[];
}

/** Options for {@link ScreeningIndex.build}. */
export interface ScreeningIndexOptions {
  /** Consecutive lyric words a prompt must quote to match a LYRICS entry (default 8). */
  lyricsMinWords?: number;
}

const DEFAULT_LYRICS_MIN_WORDS = 8;
const KINDS: readonly CatalogKind[] = Object.values(CatalogKind);
const KIND_CODE = new Map<string, number>(KINDS.map((kind, code) => [kind, code]));
const NONE = -1;

/** Start offsets (in the normalized string) of each word, and their ends. */
function wordBounds(normalized: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  if (normalized === '') return { starts, ends };
  starts.push(0);
  for (let at = normalized.indexOf(' '); at !== -1; at = normalized.indexOf(' ', at + 1)) {
    ends.push(at);
    starts.push(at + 1);
  }
  ends.push(normalized.length);
  return { starts, ends };
}

function compareMatches(a: ScreeningMatch, b: ScreeningMatch): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

/**
 * An immutable, in-memory index of the protected catalog.
 *
 * Names (every kind but LYRICS) match as whole normalized words; a LYRICS
 * entry matches where the input quotes at least `lyricsMinWords` consecutive
 * words of it.
 */
export class ScreeningIndex {
  /** Number of entries indexed (empty names and too-short lyrics are skipped). */
  readonly size: number;

  private constructor(
    private readonly ids: readonly string[],
    private readonly kinds: Uint8Array,
    /** Patterns are " <normalized name> ": the sentinel spaces enforce whole words. */
    private readonly names: AhoCorasick<undefined> | undefined,
    /** Per name pattern, the first entry with that text; entries chain through nextSameName. */
    private readonly firstEntryOfName: Int32Array,
    private readonly nextSameName: Int32Array,
    private readonly lyricsMinWords: number,
    /** Shingle ("w1 w2 … wn") → most recent posting; postings chain through nextPosting. */
    private readonly shingles: Map<string, number>,
    /**
     * Postings are numbered consecutively through each lyric, so posting q+1
     * is the next shingle of the same lyric whenever both belong to one entry.
     */
    private readonly postingEntry: Int32Array,
    private readonly nextPosting: Int32Array,
  ) {
    this.size = ids.length;
  }

  /**
   * Builds the index; the catalog is read once and not retained.
   *
   * @param entries - Catalog entries; entries whose text normalizes to nothing
   *   are skipped, and so are lyrics shorter than `lyricsMinWords` words, since
   *   no prompt could ever match them.
   * @param options - `lyricsMinWords`: positive integer, default 8.
   * @returns A reusable index; {@link ScreeningIndex.screen} is safe to call concurrently.
   * @throws RangeError on an invalid `lyricsMinWords` or an unknown kind.
   */
  static build(entries: Iterable<CatalogEntryFact>, options?: ScreeningIndexOptions): ScreeningIndex {
    const lyricsMinWords = options?.lyricsMinWords ?? DEFAULT_LYRICS_MIN_WORDS;
    if (!Number.isSafeInteger(lyricsMinWords) || lyricsMinWords < 1) {
      throw new RangeError(`lyricsMinWords must be a positive integer, got ${lyricsMinWords}`);
    }
    const lyricsCode = KIND_CODE.get(CatalogKind.LYRICS);
    const ids: string[] = [];
    const kinds: number[] = [];
    // Duplicate texts share one automaton pattern and chain their entries.
    const patternOfName = new Map<string, number>();
    const patterns: string[] = [];
    const firstEntryOfName: number[] = [];
    const nextSameName: number[] = [];
    const shingles = new Map<string, number>();
    const postingEntry: number[] = [];
    const nextPosting: number[] = [];

    for (const entry of entries) {
      const code = KIND_CODE.get(entry.kind);
      if (code === undefined) throw new RangeError(`Unknown catalog kind: ${String(entry.kind)}`);
      const normalized = normalizeText(entry.text);
      if (normalized === '') continue;
      const index = ids.length;
      if (code === lyricsCode) {
        const words = wordBounds(normalized);
        const shingleCount = words.starts.length - lyricsMinWords + 1;
        if (shingleCount <= 0) continue;
        for (let w = 0; w < shingleCount; w++) {
          const shingle = normalized.slice(words.starts[w], words.ends[w + lyricsMinWords - 1]);
          postingEntry.push(index);
          nextPosting.push(shingles.get(shingle) ?? NONE);
          shingles.set(shingle, postingEntry.length - 1);
        }
        nextSameName.push(NONE);
      } else {
        let pattern = patternOfName.get(normalized);
        if (pattern === undefined) {
          pattern = patterns.length;
          patternOfName.set(normalized, pattern);
          patterns.push(` ${normalized} `);
          firstEntryOfName.push(NONE);
        }
        nextSameName.push(firstEntryOfName[pattern]);
        firstEntryOfName[pattern] = index;
      }
      ids.push(entry.id);
      kinds.push(code);
    }

    return new ScreeningIndex(
      ids,
      Uint8Array.from(kinds),
      patterns.length > 0 ? new AhoCorasick<undefined>(patterns) : undefined,
      Int32Array.from(firstEntryOfName),
      Int32Array.from(nextSameName),
      lyricsMinWords,
      shingles,
      Int32Array.from(postingEntry),
      Int32Array.from(nextPosting),
    );
  }

  /**
   * Screens one input against the catalog.
   *
   * @param text - The input as the user gave it.
   * @returns Every match, overlapping ones included, sorted by start, end,
   *   then entryId; offsets are UTF-16 code units into `text`, end exclusive.
   */
  screen(text: string): ScreeningResult {
    const { normalized, starts, ends } = normalizeForMatching(text);
    const matches: ScreeningMatch[] = [];
    if (normalized !== '') {
      if (this.names) {
        for (const hit of this.names.search(` ${normalized} `)) {
          // The padded hit [s, e) covers normalized [s, e - 2); drop the sentinels.
          const start = starts[hit.start];
          const end = ends[hit.end - 3];
          for (let e = this.firstEntryOfName[hit.patternIndex]; e !== NONE; e = this.nextSameName[e]) {
            matches.push(this.match(e, start, end));
          }
        }
      }
      if (this.shingles.size > 0) this.screenLyrics(normalized, starts, ends, matches);
    }
    matches.sort(compareMatches);
    return { allowed: matches.length === 0, matches };
  }

  private match(entry: number, start: number, end: number): ScreeningMatch {
    const kind = KINDS[this.kinds[entry]];
    return { entryId: this.ids[entry], kind, clause: CATALOG_CLAUSE[kind], start, end };
  }

  /**
   * Finds maximal runs of consecutive shingles that are also consecutive in one
   * lyric, one shingle lookup per input word. A run of r shingles quotes
   * r + n - 1 words.
   */
  private screenLyrics(normalized: string, starts: number[], ends: number[], out: ScreeningMatch[]): void {
    const n = this.lyricsMinWords;
    const words = wordBounds(normalized);
    const shingleCount = words.starts.length - n + 1;
    if (shingleCount <= 0) return;
    const runs: { entry: number; first: number; last: number }[] = [];
    // Posting → first input shingle of the run it currently extends.
    let open = new Map<number, number>();
    for (let w = 0; w <= shingleCount; w++) {
      const current = new Map<number, number>();
      if (w < shingleCount) {
        const shingle = normalized.slice(words.starts[w], words.ends[w + n - 1]);
        for (let q = this.shingles.get(shingle) ?? NONE; q !== NONE; q = this.nextPosting[q]) {
          const continues = q > 0 && this.postingEntry[q - 1] === this.postingEntry[q] && open.has(q - 1);
          current.set(q, continues ? open.get(q - 1)! : w);
        }
      }
      for (const [q, first] of open) {
        if (!current.has(q + 1) || this.postingEntry[q + 1] !== this.postingEntry[q]) {
          runs.push({ entry: this.postingEntry[q], first, last: w - 1 });
        }
      }
      open = current;
    }

    // A repeated passage (a chorus) yields one run per occurrence in the lyric;
    // report a stretch of the input once per entry, so drop runs contained in another.
    runs.sort((a, b) => a.entry - b.entry || a.first - b.first || b.last - a.last);
    let entry = NONE;
    let reach = -1;
    for (const run of runs) {
      if (run.entry !== entry) {
        entry = run.entry;
        reach = -1;
      }
      if (run.last <= reach) continue;
      reach = run.last;
      const start = starts[words.starts[run.first]];
      const end = ends[words.ends[run.last + n - 1] - 1];
      out.push(this.match(run.entry, start, end));
    }
  }
}
