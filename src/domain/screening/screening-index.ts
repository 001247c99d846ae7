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
import { Entries, IndexParts, inLongName, KINDS, mayBeName, Names, NONE, OVERRIDES, prefixBit } from './index-layout';
import { lyricBytes, lyricQuotes, LyricShingles } from './lyrics';
import { LRUCache } from 'lru-cache';
import {
  cutShort,
  detached,
  editAtEnd,
  fuzzyAlone,
  fuzzyBytes,
  fuzzyEligible,
  FUZZY_PROMPT_BELOW_ZIPF,
  FUZZY_PROMPT_IN_PHRASE_BELOW_ZIPF,
  GRAMMAR_ANCHORED_MIN_LETTERS,
  LONG_NAME_WORDS,
  SHORT_FUZZY_NEIGHBOUR_ZIPF,
  uniqueMisspelling,
} from './fuzzy';
import {
  isCueWord,
  measureSpan,
  NameSpan,
  possessiveAfter,
  promptContext,
  PromptContext,
  PromptWords,
  splitPrompt,
  usedAsDescriptor,
} from './prompt-features';
import { promptReadings, Reading, ReadingKind, readingOffsets } from './prompt-readings';
import { blankFeatures, decideVerdict, MatchFeatures, VERY_COMMON_FROM } from './verdict';
import { EMPTY_PHRASE, extendPhrase, Hash64, hashWord, hashWordAt } from './word-hash';
import type { WordFrequency } from './word-frequency';

// The index's inputs, importable from here with the index that takes them.
export type { CatalogEntryFact, CatalogRelation, ScreeningIndexOptions };

/** A token this long or longer may be a name written as one word. */
const MIN_JOINED_LETTERS = 4;
/** Longer tokens are not cut into names: cutting costs the square of the length, and no name is that long run together. */
const MAX_JOINED_LETTERS = 64;
/** A joined token shorter than this splits only at capitals ("AnaLux", not "analux"). */
const MIN_UNCASED_JOINED_LETTERS = 8;

function isCapital(text: string, at: number): boolean {
  const ch = text[at];
  return ch !== undefined && ch !== ch.toLowerCase();
}

/** A word this common is a word, not names run together ("somewhere", "everybody"). */
const JOINED_BELOW_ZIPF = 3;

/** One word of a disguised name and where it is written. */
interface Part {
  word: string;
  start: number;
  end: number;
  /** A misspelling read as this word: what was written and its Zipf value. */
  writtenZipf?: number;
  written?: string;
}

/** A name found through a reading: over prompt words first..last, as the words of `parts`. */
interface DisguisedFind {
  name: number;
  first: number;
  last: number;
  parts: Part[];
  kind: ReadingKind;
}

function kindOf(parts: readonly Part[]): ReadingKind {
  return parts.some((p) => p.writtenZipf !== undefined) ? ReadingKind.SPELLED : ReadingKind.WRITTEN;
}

/**
 * The prompt as it would read with the name written plainly: every word of
 * the prompt, the name's own words where the disguise stands, so cues, tags
 * and case are judged as for a plain name. Built only for disguised finds,
 * which are few.
 */
function asWritten(
  context: PromptContext,
  d: DisguisedFind,
  frequency: WordFrequency,
  vocabulary: PromptVocabulary | undefined,
  isName: NameSpan,
): PromptContext {
  const words = context.words.slice(0, d.first);
  const wordStart = context.wordStart.slice(0, d.first);
  const wordEnd = context.wordEnd.slice(0, d.first);
  for (const part of d.parts) {
    words.push(part.word);
    wordStart.push(part.start);
    wordEnd.push(part.end);
  }
  for (let w = d.last + 1; w < context.words.length; w++) {
    words.push(context.words[w]);
    wordStart.push(context.wordStart[w]);
    wordEnd.push(context.wordEnd[w]);
  }
  // The names found on the literal words, moved to where they stand among the written ones, and the disguised name itself.
  const end = d.first + d.parts.length - 1;
  const shift = d.parts.length - (d.last - d.first + 1);
  const isNameHere: NameSpan = (a, b) =>
    (a === d.first && b === end) || (b < d.first && isName(a, b)) || (a > end && isName(a - shift, b - shift));
  const local = promptContext({ text: context.text, words, wordStart, wordEnd }, frequency, vocabulary, undefined, isNameHere);
  local.cased = context.cased;
  return local;
}

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
  /** "word written" -> whether that misspelling names that word alone (see oneWordMisspelling). */
  private uniqueMisspellings: LRUCache<string, boolean> | null = null;

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
      n.nameFilter.byteLength +
      n.prefixes.byteLength +
      n.longNameWords.byteLength +
      n.relatedStart.byteLength +
      n.relatedNames.byteLength +
      fuzzyBytes(n.fuzzy) +
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
    const { table, maxWords } = this.names;
    const { words } = prompt;
    const count = words.length;
    // Each word's frequency is read at most once, and only for the words that need it.
    const zipfs = new Float64Array(count).fill(NaN);
    const zipfOf = (w: number): number => {
      let z = zipfs[w];
      if (z !== z) z = zipfs[w] = this.frequency.zipf(words[w]);
      return z;
    };
    const probeWord: Hash64 = { hi: 0, lo: 0 };
    const readings = promptReadings(prompt, zipfOf, this.names.fuzzy, (word) => inLongName(this.names, hashWord(word, probeWord)));
    // Edges of the word lattice: edge w < count is word w itself, edge count + r is reading r.
    const edges = count + readings.length;
    const edgeHi = new Uint32Array(edges);
    const edgeLo = new Uint32Array(edges);
    const edgeEnd = new Int32Array(edges);
    const wordHash: Hash64 = { hi: 0, lo: 0 };
    for (let e = 0; e < edges; e++) {
      hashWord(e < count ? words[e] : readings[e - count].word, wordHash);
      edgeHi[e] = wordHash.hi;
      edgeLo[e] = wordHash.lo;
      edgeEnd[e] = e < count ? e + 1 : readings[e - count].last + 1;
    }
    const readingsAt: (number[] | undefined)[] = new Array(count);
    for (let r = 0; r < readings.length; r++) (readingsAt[readings[r].first] ??= []).push(count + r);

    // Every word sequence up to the longest name, stopping as soon as no longer name starts with it.
    // Found names on literal words as triples (name, first word, word count) in one flat array: no object per candidate.
    const found: number[] = [];
    const disguised: DisguisedFind[] = [];
    // The lattice path being probed: its edges and the phrase hash after each, so probing allocates nothing.
    const path: number[] = [];
    const depthHi = new Uint32Array(maxWords + 1);
    const depthLo = new Uint32Array(maxWords + 1);
    const phrase: Hash64 = { hi: 0, lo: 0 };
    const probe = (first: number, at: number, viaReading: boolean): void => {
      const depth = path.length;
      const next = readingsAt[at];
      const choices = next === undefined ? 0 : next.length;
      for (let k = -1; k < choices; k++) {
        const e = k < 0 ? at : next![k];
        const reading = viaReading || e >= count;
        phrase.hi = depthHi[depth];
        phrase.lo = depthLo[depth];
        wordHash.hi = edgeHi[e];
        wordHash.lo = edgeLo[e];
        extendPhrase(phrase, wordHash, phrase);
        depthHi[depth + 1] = phrase.hi;
        depthLo[depth + 1] = phrase.lo;
        path.push(e);
        const name = mayBeName(this.names, phrase) ? table.get(phrase) : ABSENT;
        if (name !== ABSENT) {
          if (!reading) found.push(name, first, path.length);
          else {
            const parts = this.partsOf(path, prompt, readings);
            disguised.push({ name, first, last: edgeEnd[e] - 1, parts, kind: kindOf(parts) });
          }
        }
        if (path.length < maxWords && edgeEnd[e] < count && this.mayExtend(phrase)) probe(first, edgeEnd[e], reading);
        path.pop();
      }
    };
    depthHi[0] = EMPTY_PHRASE.hi;
    depthLo[0] = EMPTY_PHRASE.lo;
    for (let first = 0; first < count; first++) probe(first, first, false);
    // A name written as one word ("RickyNelson", "rickynelson", a run of spaced letters): split the token.
    for (let e = 0; e < edges; e++) {
      const word = e < count ? words[e] : readings[e - count].word;
      if (
        word.length < MIN_JOINED_LETTERS ||
        word.length > MAX_JOINED_LETTERS ||
        (e >= count && readings[e - count].kind === ReadingKind.SPELLED)
      )
        continue;
      if (e < count && zipfOf(e) >= JOINED_BELOW_ZIPF) continue;
      this.splitJoined(word, e, prompt, readings, disguised);
    }
    if (found.length === 0 && disguised.length === 0) return;

    const widest = widestNames(found, count);
    const isName: NameSpan = (a, b) => widest.from[a] === a && widest.to[a] === b;
    const context = promptContext(prompt, this.frequency, this.vocabulary, zipfOf, isName);
    const namesFound = new Set<number>();
    for (let f = 0; f < found.length; f += 3) namesFound.add(found[f]);
    for (const d of disguised) namesFound.add(d.name);
    // One features object, refilled per candidate: a 2 KB prompt has hundreds of candidates.
    const features: MatchFeatures = blankFeatures();
    const literalSpans = new Set<string>();
    for (let f = 0; f < found.length; f += 3) {
      const name = found[f];
      const first = found[f + 1];
      const length = found[f + 2];
      const last = first + length - 1;
      // A longer catalog name wins over one inside it: "Vampire Weekend" is not "Vampire".
      if (insideLonger(widest, first, last)) continue;
      const start = context.wordStart[first];
      const end = context.wordEnd[last];
      literalSpans.add(`${name} ${start} ${end}`);
      measureSpan(context, first, last, features);
      features.longerName ||= extendedByName(context, widest, first, last);
      features.pairedBy = pairedBy(context, widest, first, last);
      features.related = this.relatedFound(name, namesFound);
      this.judge(name, start, end, features, null, out);
    }
    for (const d of disguised) {
      const start = context.wordStart[d.first];
      const end = context.wordEnd[d.last];
      const key = `${d.name} ${start} ${end}`;
      // The literal words already named it here, or another reading did.
      if (literalSpans.has(key) || (d.kind === ReadingKind.SPELLED && !this.fuzzyAllowed(d) && !this.confirmedByRelation(d, namesFound)))
        continue;
      literalSpans.add(key);
      // A place is a place as written: "San Bernardino" is no misspelt "San Bernadino", "New Caledonia" no "Caldonia".
      const writtenPlace = this.vocabulary.insidePlace(context.words, d.first, d.last);
      if (d.kind === ReadingKind.SPELLED && (writtenPlace || this.surname(context, d))) continue;
      // Judged as if the name were written plainly in the same place: a disguise earns no points of its own.
      const local = asWritten(context, d, this.frequency, this.vocabulary, isName);
      measureSpan(local, d.first, d.first + d.parts.length - 1, features);
      features.pairedBy = false; // measured for plain names only
      features.place = writtenPlace;
      features.related = this.relatedFound(d.name, namesFound);
      const written = prompt.text.slice(start, end);
      this.judge(d.name, start, end, features, d.kind === ReadingKind.SPELLED ? `spelled "${written}"` : `written "${written}"`, out);
    }
  }

  private judge(name: number, start: number, end: number, features: MatchFeatures, disguise: string | null, out: ScreeningMatch[]): void {
    for (let e = this.names.firstEntry[name]; e !== NONE; e = this.entries.nextSameName[e]) {
      features.override = OVERRIDES[this.entries.flags[e] >>> 4];
      features.kind = KINDS[this.entries.flags[e] & 0x0f];
      const { verdict, evidence } = decideVerdict(features);
      if (verdict === null) continue;
      out.push(this.match(e, start, end, verdict, disguise === null ? evidence : [...evidence, disguise]));
    }
  }

  /** One misspelt word per name; a one-word name only when that word alone is distinctive (FUZZY_RULE). */
  private fuzzyAllowed(d: DisguisedFind): boolean {
    const spelled = d.parts.filter((p) => p.writtenZipf !== undefined);
    if (spelled.length !== 1) return false;
    const [part] = spelled;
    const written = part.written!;
    // Anchored by another word of the name that is not grammar ("Jack Scot").
    const anchored = d.parts.some((p) => p !== part && this.frequency.zipf(p.word) < VERY_COMMON_FROM);
    // In a long name the exact words name it, whatever the misspelling (LONG_NAME_WORDS): three words with one that
    // is not grammar ("A Hear In New York"), one more of grammar alone ("It's Only The Good Ties").
    if (d.parts.length >= (anchored ? LONG_NAME_WORDS : LONG_NAME_WORDS + 1)) return true;
    if (part.writtenZipf! >= FUZZY_PROMPT_IN_PHRASE_BELOW_ZIPF) return false;
    const nonWord = part.writtenZipf! < FUZZY_PROMPT_BELOW_ZIPF;
    if (d.parts.length === 1) return nonWord && this.oneWordMisspelling(part.word, written);
    // With only grammar around it, a misspelling that is no word nor first name nor descriptor, of a name word of
    // 6 letters or more ("The Beatels", not "for eloise" nor "the tempo"), of a shorter one with a letter dropped
    // ("The Kiks": GRAMMAR_ANCHORED_MIN_LETTERS) or of any word of a name of three words or more ("Am I Wrog").
    if (!anchored) {
      const longEnough =
        part.word.length >= GRAMMAR_ANCHORED_MIN_LETTERS || written.length < part.word.length || d.parts.length >= LONG_NAME_WORDS;
      return nonWord && longEnough && !this.personOrDescriptor(written);
    }
    // A misspelling that is itself a word is not the name's word with an "s" more or less.
    return nonWord || (written !== `${part.word}s` && part.word !== `${written}s`);
  }

  /**
   * A misspelling the rules leave unread, confirmed by the name's own title or
   * artist named in the prompt too, written or read ("Happ by Surfac", "Jinle
   * Bell Rock by Bobby Helm"): a chance misspelling seldom stands by the work
   * it would name. Never a word too common to be a misspelling.
   */
  private confirmedByRelation(d: DisguisedFind, namesFound: ReadonlySet<number>): boolean {
    const spelled = d.parts.filter((p) => p.writtenZipf !== undefined);
    if (spelled.length !== 1 || spelled[0].writtenZipf! >= FUZZY_PROMPT_IN_PHRASE_BELOW_ZIPF) return false;
    const { relatedStart, relatedNames } = this.names;
    for (let r = relatedStart[d.name]; r < relatedStart[d.name + 1]; r++) {
      if (relatedNames[r] !== d.name && namesFound.has(relatedNames[r])) return true;
    }
    return false;
  }

  /**
   * A one-word name read from a misspelling: never from a first name or a
   * descriptor word ("Rosalia", "electronica", "synth"), nor through an ending
   * unless the name is only cut short into no word ("Girlstow"); unless
   * FUZZY_RULE reads it alone (10 letters or more, below Zipf 4.5), only when
   * the written form is one edit from that name alone.
   */
  private oneWordMisspelling(word: string, written: string): boolean {
    if (this.personOrDescriptor(written)) return false;
    const zipf = (w: string) => this.frequency.zipf(w);
    if (!fuzzyEligible(word, zipf(word))) return false;
    if (editAtEnd(word, written) && !cutShort(word, written, zipf)) return false;
    if (fuzzyAlone(word, zipf(word))) return true;
    // Hundreds of probes of the frequency list per word: each (name word, misspelling) is worked out once per index.
    const key = `${word} ${written}`;
    const memo = (this.uniqueMisspellings ??= new LRUCache<string, boolean>({ max: 20_000 }));
    let unique = memo.get(key);
    if (unique === undefined) {
      unique = uniqueMisspelling(this.names.fuzzy, written, word, zipf, SHORT_FUZZY_NEIGHBOUR_ZIPF);
      // A common word of 10 letters or more gets here too: the key must not be a view of the prompt.
      memo.set(detached(key), unique);
    }
    return unique;
  }

  /** One word right after a first name, as written: a person's surname ("Floy Erdman"), not a misspelt "Redman". */
  private surname(context: PromptContext, d: DisguisedFind): boolean {
    return d.first === d.last && d.first > 0 && this.vocabulary.isFirstName(context.words[d.first - 1]);
  }

  /** A written form that is a first name or a descriptor word is that, not a misspelt name ("Rosalia", "synth"). */
  private personOrDescriptor(written: string): boolean {
    const v = this.vocabulary;
    return v.isFirstName(written) || v.isDescriptorWord(written) || v.startsDescriptor(written);
  }

  private mayExtend(phrase: Hash64): boolean {
    const bit = prefixBit(phrase, this.names.prefixMask);
    return (this.names.prefixes[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }

  /** The words a lattice path stands for, each with where it starts in the original text. */
  private partsOf(path: readonly number[], prompt: PromptWords, readings: readonly Reading[]): Part[] {
    const count = prompt.words.length;
    return path.map((e) =>
      e < count
        ? { word: prompt.words[e], start: prompt.wordStart[e], end: prompt.wordEnd[e] }
        : {
            word: readings[e - count].word,
            start: prompt.wordStart[readings[e - count].first],
            end: prompt.wordEnd[readings[e - count].last],
            writtenZipf: readings[e - count].kind === ReadingKind.SPELLED ? readings[e - count].writtenZipf : undefined,
            written: prompt.words[readings[e - count].first],
          },
    );
  }

  /**
   * Finds names of two or more words written as one token, by cutting it into
   * words; a cut goes on only while some name starts with the words so far
   * (the prefix filter), so a token costs a few probes.
   */
  private splitJoined(word: string, edge: number, prompt: PromptWords, readings: readonly Reading[], out: DisguisedFind[]): void {
    const count = prompt.words.length;
    const reading = edge < count ? null : readings[edge - count];
    const first = reading === null ? edge : reading.first;
    const last = reading === null ? edge : reading.last;
    const tokenStart = prompt.wordStart[first];
    const tokenEnd = prompt.wordEnd[last];
    // Where each letter was written, worked out only once a name is found.
    let offsets: number[] | null | undefined;
    const offset = (k: number): number => {
      if (offsets === undefined) {
        offsets = reading === null ? (tokenEnd - tokenStart === word.length ? null : []) : readingOffsets(prompt, first, last, word);
      }
      if (offsets === null) return tokenStart + k;
      return offsets.length === word.length ? offsets[k] : tokenStart;
    };
    const cuts: number[] = [0];
    const wordHash: Hash64 = { hi: 0, lo: 0 };
    const maxWords = this.names.maxWords;
    const cut = (from: number, hi: number, lo: number): void => {
      // One per level, not per cut: a long token tries every cut (most of what splitting allocated).
      const phrase: Hash64 = { hi, lo };
      for (let to = from + 1; to <= word.length; to++) {
        phrase.hi = hi;
        phrase.lo = lo;
        extendPhrase(phrase, hashWordAt(word, from, to, wordHash), phrase);
        if (to === word.length) {
          if (cuts.length < 2) return;
          // A short lower-case token ("analux") is as likely a word or a handle: it needs the capitals of the words it joins.
          if (
            reading === null &&
            word.length < MIN_UNCASED_JOINED_LETTERS &&
            !cuts.every((c) => c === 0 || isCapital(prompt.text, offset(c)))
          )
            return;
          const name = mayBeName(this.names, phrase) ? this.names.table.get(phrase) : ABSENT;
          if (name === ABSENT) return;
          const bounds = [...cuts, word.length];
          const parts = cuts.map((c, i) => ({
            word: word.slice(c, bounds[i + 1]),
            start: offset(c),
            end: bounds[i + 1] === word.length ? tokenEnd : offset(bounds[i + 1]),
          }));
          out.push({ name, first, last, parts, kind: ReadingKind.WRITTEN });
          return;
        }
        if (cuts.length >= maxWords || !this.mayExtend(phrase)) continue;
        cuts.push(to);
        cut(to, phrase.hi, phrase.lo);
        cuts.pop();
      }
    };
    cut(0, EMPTY_PHRASE.hi, EMPTY_PHRASE.lo);
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
  // "ARTIST's TITLE" pairs them as "TITLE by ARTIST" does; after grammar "'s" is "is" ("Feel It's a synth pop song").
  const possessive = (w: number) => context.zipf[w] < VERY_COMMON_FROM && possessiveAfter(context, w);
  const after =
    last + 1 < words.length && words[last + 1] === 'by'
      ? last + 2
      : possessive(last)
        ? last + 2
        : dash(wordEnd[last], wordStart[last + 1])
          ? last + 1
          : -1;
  if (after !== -1 && after < words.length && widest.from[after] === after && !usedAsDescriptor(context, after, widest.to[after]))
    return true;
  const before =
    first > 0 && words[first - 1] === 'by'
      ? first - 2
      : first > 1 && possessive(first - 2)
        ? first - 2
        : first > 0 && dash(wordEnd[first - 1], wordStart[first])
          ? first - 1
          : -1;
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
