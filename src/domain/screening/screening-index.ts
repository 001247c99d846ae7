// Prompt screening against the protected catalog (policy 10(c) "Prohibited
// Inputs"). Built once from the catalog, then screens each prompt without
// looping over entries: every word sequence of the prompt is hashed (64 bits)
// and probed in one open-addressing table of catalog names; lyrics go through
// a map of n-word shingles. Each name found is then judged (verdict.ts): a
// reference BLOCKs, an ambiguous mention is reported for REVIEW, common words
// used as words are not reported. Pure: no persistence, no I/O.
//
// The columns are laid out in index-layout.ts and filled by index-builder.ts;
// prompt-features.ts measures the prompt, lyrics.ts finds lyric quotes.

import { CatalogKind, MatchVerdict, ScreeningOverride } from '../enums';
import { CATALOG_CLAUSE } from './catalog-clauses';
import { ABSENT } from './hash-table';
import type { PromptVocabulary } from './descriptors';
import { CatalogEntryFact, CatalogRelation, IndexPartsBuilder, ScreeningIndexOptions } from './index-builder';
import { Entries, IndexParts, KINDS, Names, NONE, OVERRIDES, prefixBit } from './index-layout';
import { lyricBytes, lyricQuotes, LyricShingles } from './lyrics';
import { isCueWord, measureSpan, promptContext, PromptContext, PromptWords, splitPrompt, usedAsDescriptor } from './prompt-features';
import { blankFeatures, decideVerdict, MatchFeatures, VERY_COMMON_FROM } from './verdict';
import { EMPTY_PHRASE, extendPhrase, Hash64, hashWord } from './word-hash';
import type { WordFrequency } from './word-frequency';

// The index's inputs, importable from here with the index that takes them.
export type { CatalogEntryFact, CatalogRelation, ScreeningIndexOptions };

/** One place in the input that refers to a catalog entry, with the verdict and why. */
export interface ScreeningMatch {
  entryId: string;
  kind: CatalogKind;
  clause: string;
  /** UTF-16 offset into the original input. */
  start: number;
  /** UTF-16 offset into the original input, exclusive. */
  end: number;
  verdict: MatchVerdict;
  /** The cues that decided the verdict. */
  evidence: string[];
  /** The catalog entry's text as stored. */
  entryText: string;
}

/** Outcome of screening one input; `allowed` iff no match is BLOCK. */
export interface ScreeningResult {
  allowed: boolean;
  matches: ScreeningMatch[];
}

function compareMatches(a: ScreeningMatch, b: ScreeningMatch): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

const decoder = new TextDecoder();

/**
 * An immutable, in-memory index of the protected catalog.
 *
 * Names (every kind but LYRICS) match as whole normalized word sequences and
 * are judged by their evidence; a LYRICS entry matches where the input quotes
 * at least `lyricsMinWords` words of it in order, 85% of them or more (one
 * word in eight changed, dropped or added still counts), and always blocks.
 */
export class ScreeningIndex {
  /** Number of entries indexed (empty names and too-short lyrics are skipped). */
  readonly size: number;

  private readonly entries: Entries;
  private readonly names: Names;
  private readonly lyrics: LyricShingles;
  private readonly frequency: WordFrequency;
  private readonly vocabulary: PromptVocabulary;

  private constructor(parts: IndexParts) {
    this.entries = parts.entries;
    this.names = parts.names;
    this.lyrics = parts.lyrics;
    this.frequency = parts.frequency;
    this.vocabulary = parts.vocabulary;
    this.size = this.entries.flags.length;
  }

  /**
   * Builds the index; the catalog is read once and not retained.
   *
   * @param entries - Catalog entries; entries whose text normalizes to nothing
   *   are skipped, and so are lyrics shorter than `lyricsMinWords` words.
   * @param options - See {@link ScreeningIndexOptions}.
   * @returns A reusable index; {@link ScreeningIndex.screen} is safe to call concurrently.
   * @throws RangeError on an invalid `lyricsMinWords`, an unknown kind or override.
   */
  static build(entries: Iterable<CatalogEntryFact>, options?: ScreeningIndexOptions): ScreeningIndex {
    const builder = new ScreeningIndexBuilder(options);
    for (const entry of entries) builder.add(entry);
    return builder.finish(options?.relations);
  }

  /** @internal Used by {@link ScreeningIndexBuilder.finish}. */
  static fromParts(parts: IndexParts): ScreeningIndex {
    return new ScreeningIndex(parts);
  }

  /** Bytes held by the index's typed arrays. */
  get bytes(): number {
    const e = this.entries;
    const n = this.names;
    return (
      (e.numericIds?.byteLength ?? 0) +
      e.flags.byteLength +
      e.nextSameName.byteLength +
      e.textPool.byteLength +
      e.textStart.byteLength +
      n.table.bytes +
      n.firstEntry.byteLength +
      n.prefixes.byteLength +
      n.relatedStart.byteLength +
      n.relatedNames.byteLength +
      lyricBytes(this.lyrics)
    );
  }

  /**
   * Screens one input against the catalog.
   *
   * @param text - The input as the user gave it.
   * @returns Every reported match (BLOCK or REVIEW), overlapping ones included,
   *   sorted by start, end, then entryId; offsets are UTF-16 code units into
   *   `text`, end exclusive. `allowed` is false exactly when a match is BLOCK.
   */
  screen(text: string): ScreeningResult {
    const prompt = splitPrompt(text);
    const matches: ScreeningMatch[] = [];
    if (prompt.words.length > 0) {
      if (this.names.firstEntry.length > 0) this.screenNames(prompt, matches);
      if (this.lyrics.shingles.size > 0) this.screenLyrics(prompt, matches);
    }
    matches.sort(compareMatches);
    return { allowed: !matches.some((m) => m.verdict === MatchVerdict.BLOCK), matches };
  }

  private screenNames(prompt: PromptWords, out: ScreeningMatch[]): void {
    const { table, maxWords, prefixes, prefixMask } = this.names;
    const { words } = prompt;
    const count = words.length;
    const wordHi = new Uint32Array(count);
    const wordLo = new Uint32Array(count);
    const wordHash: Hash64 = { hi: 0, lo: 0 };
    for (let w = 0; w < count; w++) {
      hashWord(words[w], wordHash);
      wordHi[w] = wordHash.hi;
      wordLo[w] = wordHash.lo;
    }
    // Every word sequence up to the longest name, stopping as soon as no longer name starts with it.
    // Found names as triples (name, first word, word count) in one flat array: no object per candidate.
    const found: number[] = [];
    const phrase: Hash64 = { hi: 0, lo: 0 };
    for (let first = 0; first < count; first++) {
      phrase.hi = EMPTY_PHRASE.hi;
      phrase.lo = EMPTY_PHRASE.lo;
      for (let length = 1; length <= maxWords && first + length <= count; length++) {
        wordHash.hi = wordHi[first + length - 1];
        wordHash.lo = wordLo[first + length - 1];
        extendPhrase(phrase, wordHash, phrase);
        const name = table.get(phrase);
        if (name !== ABSENT) found.push(name, first, length);
        const bit = prefixBit(phrase, prefixMask);
        if ((prefixes[bit >>> 5] & (1 << (bit & 31))) === 0) break;
      }
    }
    if (found.length === 0) return;

    const context = promptContext(prompt, this.frequency, this.vocabulary);
    const namesFound = new Set<number>();
    for (let f = 0; f < found.length; f += 3) namesFound.add(found[f]);
    const widest = widestNames(found, count);
    // One features object, refilled per candidate: a 2 KB prompt has hundreds of candidates.
    const features: MatchFeatures = blankFeatures();
    for (let f = 0; f < found.length; f += 3) {
      const name = found[f];
      const first = found[f + 1];
      const length = found[f + 2];
      const last = first + length - 1;
      // A longer catalog name wins over one inside it: "Vampire Weekend" is not "Vampire".
      if (insideLonger(widest, first, last)) continue;
      const start = context.wordStart[first];
      const end = context.wordEnd[last];
      measureSpan(context, first, last, features);
      features.longerName ||= extendedByName(context, widest, first, last);
      features.pairedBy = pairedBy(context, widest, first, last);
      features.related = this.relatedFound(name, namesFound);
      for (let e = this.names.firstEntry[name]; e !== NONE; e = this.entries.nextSameName[e]) {
        features.override = OVERRIDES[this.entries.flags[e] >>> 4];
        features.kind = KINDS[this.entries.flags[e] & 0x0f];
        const { verdict, evidence } = decideVerdict(features);
        if (verdict !== null) out.push(this.match(e, start, end, verdict, evidence));
      }
    }
  }

  private relatedFound(name: number, namesFound: ReadonlySet<number>): string | null {
    const { relatedStart, relatedNames } = this.names;
    for (let r = relatedStart[name]; r < relatedStart[name + 1]; r++) {
      if (namesFound.has(relatedNames[r])) return this.textOf(this.names.firstEntry[relatedNames[r]]);
    }
    return null;
  }

  private textOf(entry: number): string {
    const { textPool, textStart } = this.entries;
    return decoder.decode(textPool.subarray(textStart[entry], textStart[entry + 1]));
  }

  private match(entry: number, start: number, end: number, verdict: MatchVerdict, evidence: string[]): ScreeningMatch {
    const kind = KINDS[this.entries.flags[entry] & 0x0f];
    const entryId = this.entries.numericIds !== null ? String(this.entries.numericIds[entry]) : this.entries.stringIds![entry];
    return { entryId, kind, clause: CATALOG_CLAUSE[kind], start, end, verdict, evidence, entryText: this.textOf(entry) };
  }

  /** Every quote of a lyric, exact or slightly edited, blocks, whatever the entry's override says unless it is NEVER. */
  private screenLyrics(prompt: PromptWords, out: ScreeningMatch[]): void {
    for (const { entry, first, last, matched, window } of lyricQuotes(this.lyrics, prompt.words)) {
      if (OVERRIDES[this.entries.flags[entry] >>> 4] === ScreeningOverride.NEVER) continue;
      const evidence = [
        matched === window ? `${matched} consecutive words of the lyric` : `lyrics, ${matched} of ${window} words in order`,
      ];
      out.push(this.match(entry, prompt.wordStart[first], prompt.wordEnd[last], MatchVerdict.BLOCK, evidence));
    }
  }
}

/** Per word, the first and last word of the widest catalog name over it (-1: none). */
function widestNames(found: readonly number[], count: number): { from: Int32Array; to: Int32Array } {
  const from = new Int32Array(count).fill(-1);
  const to = new Int32Array(count).fill(-1);
  for (let f = 0; f < found.length; f += 3) {
    const first = found[f + 1];
    const last = first + found[f + 2] - 1;
    for (let w = first; w <= last; w++) {
      if (from[w] === -1 || last - first > to[w] - from[w]) {
        from[w] = first;
        to[w] = last;
      }
    }
  }
  return { from, to };
}

/** Words first..last lie strictly inside a longer catalog name found in the prompt. */
function insideLonger(widest: { from: Int32Array; to: Int32Array }, first: number, last: number): boolean {
  for (let w = first; w <= last; w++) {
    const a = widest.from[w];
    const b = widest.to[w];
    if (a <= first && b >= last && b - a > last - first) return true;
  }
  return false;
}

/** Another catalog name, not a descriptor, right across "by" or " - " from words first..last ("fever by peggy lee"). */
function pairedBy(context: PromptContext, widest: { from: Int32Array; to: Int32Array }, first: number, last: number): boolean {
  const { words, text, wordStart, wordEnd } = context;
  // In a list of three or more tags " - " only separates tags; "TITLE - ARTIST" is a list of two.
  const dashPairs = !context.tagList || context.segments <= 2;
  const dash = (from: number, to: number | undefined) => dashPairs && dashAfter(text, from, to);
  const after = last + 1 < words.length && words[last + 1] === 'by' ? last + 2 : dash(wordEnd[last], wordStart[last + 1]) ? last + 1 : -1;
  if (after !== -1 && after < words.length && widest.from[after] === after && !usedAsDescriptor(context, after, widest.to[after]))
    return true;
  const before =
    first > 0 && words[first - 1] === 'by' ? first - 2 : first > 0 && dash(wordEnd[first - 1], wordStart[first]) ? first - 1 : -1;
  return before >= 0 && widest.to[before] === before && !usedAsDescriptor(context, widest.from[before], before);
}

/** " - " between two words: how a title and its artist are often written. */
function dashAfter(text: string, from: number, to: number | undefined): boolean {
  return to !== undefined && /^ [-–—] $/.test(text.slice(from, to));
}

/**
 * A capitalised name whose capitalised neighbour is no catalog name and no
 * cue makes a longer name the catalog lacks: "Liam Gallagher" is not the
 * entry "Gallagher", "Joy Division" not "Joy". Only where case says something;
 * a capital opening a sentence counts only on a first name ("Liam").
 */
function extendedByName(context: PromptContext, widest: { from: Int32Array }, first: number, last: number): boolean {
  if (context.casingSilent || !context.capital[first]) return false;
  const { words, text, wordStart, wordEnd, sentenceInitial } = context;
  const namePart = (w: number) =>
    widest.from[w] === -1 &&
    context.capital[w] &&
    !context.usuallyCapital[w] &&
    !context.allCapitals[w] &&
    context.zipf[w] < VERY_COMMON_FROM &&
    !isCueWord(words[w]) &&
    (!sentenceInitial[w] || context.vocabulary.isFirstName(words[w]));
  const spaced = (from: number, to: number) => /^ +$/.test(text.slice(from, to));
  const before = first - 1;
  if (before >= 0 && namePart(before) && spaced(wordEnd[before], wordStart[first])) return true;
  const after = last + 1;
  return after < words.length && namePart(after) && spaced(wordEnd[last], wordStart[after]);
}

/**
 * Builds a {@link ScreeningIndex} one entry at a time, so a catalog streamed
 * from the database is never held whole: add every entry, then finish. The
 * work is {@link IndexPartsBuilder}'s; this seals its columns into an index.
 */
export class ScreeningIndexBuilder {
  private readonly parts: IndexPartsBuilder;

  /**
   * @param options - See {@link ScreeningIndexOptions}; `expectedEntries` sizes the table up front.
   * @throws RangeError on an invalid `lyricsMinWords`.
   */
  constructor(options?: ScreeningIndexOptions & { expectedEntries?: number }) {
    this.parts = new IndexPartsBuilder(options);
  }

  /**
   * Adds one entry; one whose text normalizes to nothing is skipped, and so is
   * a lyric shorter than `lyricsMinWords` words, since no prompt could match it.
   *
   * @throws RangeError on an unknown kind or override.
   */
  add(entry: CatalogEntryFact): void {
    this.parts.add(entry);
  }

  /**
   * Seals the index; the builder is spent.
   *
   * @param relations - Relations between catalog texts (default: the options' relations).
   */
  finish(relations?: Iterable<CatalogRelation>): ScreeningIndex {
    return ScreeningIndex.fromParts(this.parts.finish(relations));
  }
}
