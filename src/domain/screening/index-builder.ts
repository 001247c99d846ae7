// Builds the columns of a screening index (index-layout.ts) from catalog
// entries, streamed one at a time so a catalog read from the database is
// never held whole. Pure: no persistence, no I/O.

import { CatalogKind, ScreeningOverride } from '../enums';
import { PromptVocabulary } from './descriptors';
import { FuzzyWordsBuilder, LONG_NAME_WORDS } from './fuzzy';
import { Growable } from './growable';
import { ABSENT, HashTable } from './hash-table';
import { IndexParts, KIND_CODE, nameBit, NONE, OVERRIDE_CODE, prefixBit } from './index-layout';
import { DEFAULT_LYRICS_MIN_WORDS, LyricShinglesBuilder } from './lyrics';
import { normalizeText } from './normalize';
import { EMPTY_PHRASE, extendPhrase, Hash64, hashPhrase, hashWordAt } from './word-hash';
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

/** Options for {@link ScreeningIndex.build}. */
export interface ScreeningIndexOptions {
  /** Lyric words a prompt must quote, 85% of them in order, to match a LYRICS entry (default 8). */
  lyricsMinWords?: number;
  /** How common words are in ordinary language; without it every name counts as rare (blocks on sight). */
  wordFrequency?: WordFrequency;
  /** Relations between catalog texts (a title and its artist): naming both is evidence for each. */
  relations?: Iterable<CatalogRelation>;
  /** Descriptors and first names; without it no name is read as a descriptor or a first name. */
  vocabulary?: PromptVocabulary;
}

/** Ids that are decimal integers below 2^32 (the database's bigint ids in practice) are kept as numbers: 4 bytes instead of a string. */
const NUMERIC_ID = /^(0|[1-9]\d{0,9})$/;
const MAX_NUMERIC_ID = 0xffffffff;

const encoder = new TextEncoder();

/** Fills the columns of an index one entry at a time: add every entry, then finish. */
export class IndexPartsBuilder {
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
  private readonly nameHashes = new Growable(Uint32Array);
  /** Word bits of the names of LONG_NAME_WORDS words or more, and the current name's. */
  private readonly longNameWordHashes = new Growable(Uint32Array);
  private readonly nameWordBits: number[] = [];
  private maxWords = 0;
  private readonly lyrics: LyricShinglesBuilder;
  private readonly fuzzy: FuzzyWordsBuilder;
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
    this.fuzzy = new FuzzyWordsBuilder(options?.wordFrequency ?? WordFrequency.empty());
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
      const wordBits = this.nameWordBits;
      wordBits.length = 0;
      for (let from = 0; ;) {
        const at = normalized.indexOf(' ', from);
        if (count > 0) this.prefixHashes.push(prefixBit(hash, 0xffffffff) >>> 0);
        const to = at === -1 ? normalized.length : at;
        extendPhrase(hash, hashWordAt(normalized, from, to, word), hash);
        wordBits.push(prefixBit(word, 0xffffffff) >>> 0);
        this.fuzzy.add(normalized, from, to, word, at !== -1 || count > 0);
        count++;
        if (at === -1) break;
        from = at + 1;
      }
      if (count >= LONG_NAME_WORDS) for (const bits of wordBits) this.longNameWordHashes.push(bits);
      if (count > this.maxWords) this.maxWords = count;
      let name = this.table.get(hash);
      if (name === ABSENT) {
        name = this.firstEntry.length;
        this.table.set(hash, name);
        this.nameHashes.push(nameBit(hash, 0xffffffff) >>> 0);
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
   * Seals the columns; the builder is spent.
   *
   * @param relations - Relations between catalog texts (default: the options' relations).
   */
  finish(relations: Iterable<CatalogRelation> | undefined = this.options?.relations): IndexParts {
    // Eight bits per prefix: about one false "keep going" in nine.
    const { bits: prefixes, mask: prefixMask } = bitSet(this.prefixHashes);
    const { bits: longNameWords, mask: longNameWordMask } = bitSet(this.longNameWordHashes);
    const { bits: nameFilter, mask: nameFilterMask } = bitSet(this.nameHashes);
    const nameFirst = this.firstEntry.seal();
    const related = buildRelations(relations, this.table, nameFirst.length);
    return {
      entries: {
        numericIds: this.numericIds?.seal() ?? null,
        stringIds: this.stringIds,
        flags: this.flags.seal(),
        nextSameName: this.nextSameName.seal(),
        textPool: this.textPool.seal(),
        textStart: this.textStart.seal(),
      },
      names: {
        table: this.table,
        firstEntry: nameFirst,
        maxWords: this.maxWords,
        nameFilter,
        nameFilterMask,
        prefixes,
        prefixMask,
        ...related,
        fuzzy: this.fuzzy.finish(),
        longNameWords,
        longNameWordMask,
      },
      lyrics: this.lyrics.finish(),
      frequency: this.options?.wordFrequency ?? WordFrequency.empty(),
      vocabulary: this.options?.vocabulary ?? PromptVocabulary.empty(),
    };
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

/** A bit set of eight bits per hash (about one false "present" in nine); the hashes are spent. */
function bitSet(hashes: Growable<Uint32Array>): { bits: Uint32Array; mask: number } {
  let size = 64;
  while (size < hashes.length * 8) size *= 2;
  const bits = new Uint32Array(size / 32);
  const mask = size - 1;
  for (let i = 0; i < hashes.length; i++) {
    const bit = hashes.get(i) & mask;
    bits[bit >>> 5] |= 1 << (bit & 31);
  }
  hashes.seal();
  return { bits, mask };
}
