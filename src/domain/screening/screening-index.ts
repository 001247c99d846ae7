// Prompt screening against the protected catalog (policy 10(c) "Prohibited
// Inputs"). Built once from the catalog, then screens each prompt without
// looping over entries: every word sequence of the prompt is hashed (64 bits)
// and probed in one open-addressing table of catalog names; lyrics go through
// a map of n-word shingles. Each name found is then judged (verdict.ts): a
// reference BLOCKs, an ambiguous mention is reported for REVIEW, common words
// used as words are not reported. Pure: no persistence, no I/O.
//
// Memory matters (ten million names must fit in a process), so everything
// per entry lives in typed arrays: about 60 bytes per name, text included.

import { CatalogKind, MatchVerdict, ScreeningOverride } from '../enums';
import { CATALOG_CLAUSE } from './catalog-clauses';
import { Growable } from './growable';
import { ABSENT, HashTable } from './hash-table';
import { DEFAULT_LYRICS_MIN_WORDS, lyricQuotes, LyricShingles, LyricShinglesBuilder } from './lyrics';
import { normalizeText } from './normalize';
import { measureSpan, promptContext, PromptWords, splitPrompt } from './prompt-features';
import { Casing, decideVerdict, MatchFeatures } from './verdict';
import { EMPTY_PHRASE, extendPhrase, Hash64, hashPhrase, hashWord, hashWordAt } from './word-hash';
import { WordFrequency } from './word-frequency';

/** One catalog entry as the screening engine needs it. */
export interface CatalogEntryFact {
  id: string;
  kind: CatalogKind;
  text: string;
  /** An admin's override: ALWAYS blocks wherever it appears, NEVER is never reported; default AUTO. */
  override?: ScreeningOverride;
}

/** Two catalog texts that name one work, e.g. a song title and its own artist. */
export interface CatalogRelation {
  a: string;
  b: string;
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

/** Options for {@link ScreeningIndex.build}. */
export interface ScreeningIndexOptions {
  /** Consecutive lyric words a prompt must quote to match a LYRICS entry (default 8). */
  lyricsMinWords?: number;
  /** How common words are in ordinary language; without it every name counts as rare (blocks on sight). */
  wordFrequency?: WordFrequency;
  /** Relations between catalog texts (a title and its artist): naming both is evidence for each. */
  relations?: Iterable<CatalogRelation>;
}

const KINDS: readonly CatalogKind[] = Object.values(CatalogKind);
const KIND_CODE = new Map<string, number>(KINDS.map((kind, code) => [kind, code]));
const OVERRIDES: readonly ScreeningOverride[] = [ScreeningOverride.AUTO, ScreeningOverride.ALWAYS, ScreeningOverride.NEVER];
const OVERRIDE_CODE = new Map<string, number>(OVERRIDES.map((o, code) => [o, code]));
const NONE = -1;
/** Ids that are decimal integers below 2^32 (the database's bigint ids in practice) are kept as numbers: 4 bytes instead of a string. */
const NUMERIC_ID = /^(0|[1-9]\d{0,9})$/;
const MAX_NUMERIC_ID = 0xffffffff;

function compareMatches(a: ScreeningMatch, b: ScreeningMatch): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

/** Bit of a phrase hash in the prefix filter. */
function prefixBit(hash: Hash64, mask: number): number {
  return (hash.lo ^ Math.imul(hash.hi, 0x2545f491)) & mask;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The per-entry columns of an index. */
interface Entries {
  /** Decimal ids as numbers, or null once some id is not a decimal below 2^32. */
  numericIds: Uint32Array | null;
  stringIds: string[] | null;
  /** kind code | override code << 4 */
  flags: Uint8Array;
  /** Next entry with the same name (entries of one name form a chain). */
  nextSameName: Int32Array;
  /** UTF-8 texts back to back; entry e is textPool[textStart[e], textStart[e + 1]). */
  textPool: Uint8Array;
  textStart: Uint32Array;
}

/** Names: hash of the normalized words → name number; per name, its first entry and related names. */
interface Names {
  table: HashTable;
  firstEntry: Int32Array;
  maxWords: number;
  /** Bit set: some longer name starts with this word sequence, so keep extending it. */
  prefixes: Uint32Array;
  prefixMask: number;
  /** Related names of name n: relatedNames[relatedStart[n] .. relatedStart[n + 1]). */
  relatedStart: Int32Array;
  relatedNames: Int32Array;
}

/**
 * An immutable, in-memory index of the protected catalog.
 *
 * Names (every kind but LYRICS) match as whole normalized word sequences and
 * are judged by their evidence; a LYRICS entry matches where the input quotes
 * at least `lyricsMinWords` consecutive words of it, and always blocks.
 */
export class ScreeningIndex {
  /** Number of entries indexed (empty names and too-short lyrics are skipped). */
  readonly size: number;

  private constructor(
    private readonly entries: Entries,
    private readonly names: Names,
    private readonly lyrics: LyricShingles,
    private readonly frequency: WordFrequency,
  ) {
    this.size = entries.flags.length;
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
  static fromParts(entries: Entries, names: Names, lyrics: LyricShingles, frequency: WordFrequency): ScreeningIndex {
    return new ScreeningIndex(entries, names, lyrics, frequency);
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
      this.lyrics.shingles.bytes +
      this.lyrics.postingEntry.byteLength +
      this.lyrics.nextPosting.byteLength
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

  /** Every quote of a lyric blocks, whatever the entry's override says unless it is NEVER. */
  private screenLyrics(prompt: PromptWords, out: ScreeningMatch[]): void {
    for (const { entry, first, last } of lyricQuotes(this.lyrics, prompt.words)) {
      if (OVERRIDES[this.entries.flags[entry] >>> 4] === ScreeningOverride.NEVER) continue;
      const evidence = [`${last - first + 1} consecutive words of the lyric`];
      out.push(this.match(entry, prompt.wordStart[first], prompt.wordEnd[last], MatchVerdict.BLOCK, evidence));
    }
  }
}

/**
 * Builds a {@link ScreeningIndex} one entry at a time, so a catalog streamed
 * from the database is never held whole: add every entry, then finish.
 */
export class ScreeningIndexBuilder {
  private readonly lyricsMinWords: number;
  private readonly lyricsCode = KIND_CODE.get(CatalogKind.LYRICS);
  private numericIds: Growable<Uint32Array> | null = new Growable(Uint32Array);
  private stringIds: string[] | null = null;
  private readonly flags = new Growable(Uint8Array);
  private readonly nextSameName = new Growable(Int32Array);
  private readonly textPool = new Growable(Uint8Array, 1 << 16);
  private readonly textStart = new Growable(Uint32Array);
  private readonly table: HashTable;
  private readonly firstEntry = new Growable(Int32Array);
  private readonly prefixHashes = new Growable(Uint32Array);
  private maxWords = 0;
  private readonly lyrics: LyricShinglesBuilder;
  private readonly hash: Hash64 = { hi: 0, lo: 0 };
  private readonly word: Hash64 = { hi: 0, lo: 0 };

  /**
   * @param options - See {@link ScreeningIndexOptions}; `expectedEntries` sizes the table up front.
   * @throws RangeError on an invalid `lyricsMinWords`.
   */
  constructor(private readonly options?: ScreeningIndexOptions & { expectedEntries?: number }) {
    this.lyricsMinWords = options?.lyricsMinWords ?? DEFAULT_LYRICS_MIN_WORDS;
    if (!Number.isSafeInteger(this.lyricsMinWords) || this.lyricsMinWords < 1) {
      throw new RangeError(`lyricsMinWords must be a positive integer, got ${this.lyricsMinWords}`);
    }
    this.lyrics = new LyricShinglesBuilder(this.lyricsMinWords);
    this.table = new HashTable(options?.expectedEntries ?? 1024);
    this.textStart.push(0);
  }

  /**
   * Adds one entry; one whose text normalizes to nothing is skipped, and so is
   * a lyric shorter than `lyricsMinWords` words, since no prompt could match it.
   *
   * @throws RangeError on an unknown kind or override.
   */
  add(entry: CatalogEntryFact): void {
    const code = KIND_CODE.get(entry.kind);
    if (code === undefined) throw new RangeError(`Unknown catalog kind: ${String(entry.kind)}`);
    const override = OVERRIDE_CODE.get(entry.override ?? ScreeningOverride.AUTO);
    if (override === undefined) throw new RangeError(`Unknown screening override: ${String(entry.override)}`);
    const normalized = normalizeText(entry.text);
    if (normalized === '') return;
    const index = this.flags.length;
    if (code === this.lyricsCode) {
      if (!this.lyrics.add(index, normalized)) return;
      this.nextSameName.push(NONE);
    } else {
      const { hash, word } = this;
      hash.hi = EMPTY_PHRASE.hi;
      hash.lo = EMPTY_PHRASE.lo;
      let count = 0;
      for (let from = 0; ;) {
        const at = normalized.indexOf(' ', from);
        if (count > 0) this.prefixHashes.push(prefixBit(hash, 0xffffffff) >>> 0);
        extendPhrase(hash, hashWordAt(normalized, from, at === -1 ? normalized.length : at, word), hash);
        count++;
        if (at === -1) break;
        from = at + 1;
      }
      if (count > this.maxWords) this.maxWords = count;
      let name = this.table.get(hash);
      if (name === ABSENT) {
        name = this.firstEntry.length;
        this.table.set(hash, name);
        this.firstEntry.push(NONE);
      }
      this.nextSameName.push(this.firstEntry.get(name));
      this.firstEntry.set(name, index);
    }
    if (this.numericIds !== null && (!NUMERIC_ID.test(entry.id) || Number(entry.id) > MAX_NUMERIC_ID)) {
      this.stringIds = Array.from(this.numericIds.raw.subarray(0, this.numericIds.length), String);
      this.numericIds = null;
    }
    if (this.numericIds !== null) this.numericIds.push(Number(entry.id));
    else this.stringIds!.push(entry.id);
    this.flags.push(code | (override << 4));
    const pool = this.textPool;
    pool.reserve(pool.length + entry.text.length * 3);
    pool.length += encoder.encodeInto(entry.text, pool.raw.subarray(pool.length)).written;
    if (pool.length > 0xffffffff) throw new RangeError('catalog texts exceed 4 GB');
    this.textStart.push(pool.length);
  }

  /**
   * Seals the index; the builder is spent.
   *
   * @param relations - Relations between catalog texts (default: the options' relations).
   */
  finish(relations: Iterable<CatalogRelation> | undefined = this.options?.relations): ScreeningIndex {
    const { prefixHashes } = this;
    // Eight bits per prefix: about one false "keep going" in nine.
    let bits = 64;
    while (bits < prefixHashes.length * 8) bits *= 2;
    const prefixes = new Uint32Array(bits / 32);
    const prefixMask = bits - 1;
    for (let i = 0; i < prefixHashes.length; i++) {
      const bit = prefixHashes.get(i) & prefixMask;
      prefixes[bit >>> 5] |= 1 << (bit & 31);
    }
    prefixHashes.seal();
    const nameFirst = this.firstEntry.seal();
    const related = buildRelations(relations, this.table, nameFirst.length);
    return ScreeningIndex.fromParts(
      {
        numericIds: this.numericIds?.seal() ?? null,
        stringIds: this.stringIds,
        flags: this.flags.seal(),
        nextSameName: this.nextSameName.seal(),
        textPool: this.textPool.seal(),
        textStart: this.textStart.seal(),
      },
      { table: this.table, firstEntry: nameFirst, maxWords: this.maxWords, prefixes, prefixMask, ...related },
      this.lyrics.finish(),
      this.options?.wordFrequency ?? WordFrequency.empty(),
    );
  }
}

/** Related names as adjacency lists over name numbers (both directions). */
function buildRelations(
  relations: Iterable<CatalogRelation> | undefined,
  table: HashTable,
  nameCount: number,
): { relatedStart: Int32Array; relatedNames: Int32Array } {
  const from = new Growable(Int32Array);
  const to = new Growable(Int32Array);
  if (relations) {
    for (const { a, b } of relations) {
      const na = table.get(hashPhrase(normalizeText(a)));
      const nb = table.get(hashPhrase(normalizeText(b)));
      if (na === ABSENT || nb === ABSENT || na === nb) continue;
      from.push(na);
      to.push(nb);
      from.push(nb);
      to.push(na);
    }
  }
  const relatedStart = new Int32Array(nameCount + 1);
  for (let i = 0; i < from.length; i++) relatedStart[from.get(i) + 1]++;
  for (let n = 0; n < nameCount; n++) relatedStart[n + 1] += relatedStart[n];
  const fill = relatedStart.slice(0, nameCount);
  const relatedNames = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) relatedNames[fill[from.get(i)]++] = to.get(i);
  return { relatedStart, relatedNames };
}
