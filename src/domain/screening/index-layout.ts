// The columns of a screening index, written by index-builder.ts and read by
// screening-index.ts. Memory matters (ten million names must fit in a
// process), so everything per entry lives in typed arrays: about 60 bytes per
// name, text included.

import { CatalogKind, ScreeningOverride } from '../enums';
import type { FuzzyWords } from './fuzzy';
import type { HashTable } from './hash-table';
import type { LyricShingles } from './lyrics';
import type { Hash64 } from './word-hash';
import type { PromptVocabulary } from './descriptors';
import type { WordFrequency } from './word-frequency';

export const KINDS: readonly CatalogKind[] = Object.values(CatalogKind);
export const KIND_CODE = new Map<string, number>(KINDS.map((kind, code) => [kind, code]));
export const OVERRIDES: readonly ScreeningOverride[] = [ScreeningOverride.AUTO, ScreeningOverride.ALWAYS, ScreeningOverride.NEVER];
export const OVERRIDE_CODE = new Map<string, number>(OVERRIDES.map((o, code) => [o, code]));
/** End of a chain of entries. */
export const NONE = -1;

/** The per-entry columns of an index. */
export interface Entries {
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
export interface Names {
  table: HashTable;
  firstEntry: Int32Array;
  maxWords: number;
  /**
   * Bit set of the names (by nameBit of the phrase hash): a word sequence whose bit is clear is no name, so the
   * table (random reads of tens of megabytes at a million names) is read only for the few whose bit is set.
   */
  nameFilter: Uint32Array;
  nameFilterMask: number;
  /** Bit set: some longer name starts with this word sequence, so keep extending it. */
  prefixes: Uint32Array;
  prefixMask: number;
  /** Related names of name n: relatedNames[relatedStart[n] .. relatedStart[n + 1]). */
  relatedStart: Int32Array;
  relatedNames: Int32Array;
  /** Deletions of the distinctive words, for names misspelt by one edit. */
  fuzzy: FuzzyWords;
  /**
   * Bit set of the words of names of LONG_NAME_WORDS words or more (by prefixBit of the word hash): a
   * misspelling that is a common word stands only in such a name, so its other readings need no probing.
   */
  longNameWords: Uint32Array;
  longNameWordMask: number;
}

/** Everything an index holds. */
export interface IndexParts {
  entries: Entries;
  names: Names;
  lyrics: LyricShingles;
  frequency: WordFrequency;
  vocabulary: PromptVocabulary;
}

/** Bit of a phrase hash in the prefix filter. */
export function prefixBit(hash: Hash64, mask: number): number {
  return (hash.lo ^ Math.imul(hash.hi, 0x2545f491)) & mask;
}

/** Bit of a phrase hash in the name filter: mixed apart from prefixBit and from the table's slot. */
export function nameBit(hash: Hash64, mask: number): number {
  return (hash.hi ^ Math.imul(hash.lo, 0x9e3779b1) ^ (hash.lo >>> 15)) & mask;
}

/** Whether a phrase (by its hash) may be a name; false only when it is not. */
export function mayBeName(names: Pick<Names, 'nameFilter' | 'nameFilterMask'>, phrase: Hash64): boolean {
  const bit = nameBit(phrase, names.nameFilterMask);
  return (names.nameFilter[bit >>> 5] & (1 << (bit & 31))) !== 0;
}

/** Whether a word (by its hash) may be a word of a name of LONG_NAME_WORDS words or more; false only when it is not. */
export function inLongName(names: Pick<Names, 'longNameWords' | 'longNameWordMask'>, word: Hash64): boolean {
  const bit = prefixBit(word, names.longNameWordMask);
  return (names.longNameWords[bit >>> 5] & (1 << (bit & 31))) !== 0;
}
