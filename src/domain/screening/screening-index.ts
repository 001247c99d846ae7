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
import { CatalogEntryFact, CatalogRelation, IndexPartsBuilder, ScreeningIndexOptions } from './index-builder';
import { Entries, IndexParts, KINDS, Names, NONE, OVERRIDES, prefixBit } from './index-layout';
import { lyricBytes, lyricQuotes, LyricShingles } from './lyrics';
import { measureSpan, promptContext, PromptWords, splitPrompt } from './prompt-features';
import { Casing, decideVerdict, MatchFeatures } from './verdict';
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

  private constructor(parts: IndexParts) {
    this.entries = parts.entries;
    this.names = parts.names;
    this.lyrics = parts.lyrics;
    this.frequency = parts.frequency;
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

    const context = promptContext(prompt, this.frequency);
    const namesFound = new Set<number>();
    for (let f = 0; f < found.length; f += 3) namesFound.add(found[f]);
    // One features object, refilled per candidate: a 2 KB prompt has hundreds of candidates.
    const features: MatchFeatures = {
      words: 0,
      rarestZipf: 0,
      commonestZipf: 0,
      quoted: false,
      cueBefore: null,
      cueAfter: null,
      casing: Casing.LOWER,
      related: null,
      override: ScreeningOverride.AUTO,
    };
    for (let f = 0; f < found.length; f += 3) {
      const name = found[f];
      const first = found[f + 1];
      const length = found[f + 2];
      const last = first + length - 1;
      const start = context.wordStart[first];
      const end = context.wordEnd[last];
      measureSpan(context, first, last, features);
      features.related = this.relatedFound(name, namesFound);
      for (let e = this.names.firstEntry[name]; e !== NONE; e = this.entries.nextSameName[e]) {
        features.override = OVERRIDES[this.entries.flags[e] >>> 4];
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
