// How common a word is in ordinary language, from a word-frequency list (data,
// not a hand-made list). Values are Zipf values: log10 of occurrences per
// billion words; "the" is about 7.5, "tempo" 3.2, a word absent from the list 0.
// Pure: the caller loads the list (see src/services/catalog/word-frequencies.ts).

import { normalizeText } from './normalize';

/** One row of a frequency list: a word and how often it occurred in the corpus. */
export interface WordCount {
  word: string;
  count: number;
}

const NUMBER_ZIPF = 5;
/** Numbers, ordinals, decades and units ("120", "2nd", "80s", "120bpm"), not names that open with a digit ("2pac"). */
const NUMBER = /^[0-9]+(?:s|st|nd|rd|th|bpm|k|hz|khz|am|pm|x)?$/;

export class WordFrequency {
  private constructor(
    private readonly zipfOf: ReadonlyMap<string, number>,
    /** Words whose usual written form starts with a capital ("I", "Mr"). */
    private readonly capitalised: ReadonlySet<string>,
  ) {}

  /**
   * @param rows - Word counts of one corpus, any order; words are normalized
   *   like prompts, and a word listed twice keeps its larger count.
   * @param corpusWords - Total words of the corpus (default: the sum of the counts).
   */
  static fromCounts(rows: readonly WordCount[], corpusWords?: number): WordFrequency {
    const total = corpusWords ?? rows.reduce((sum, row) => sum + row.count, 0);
    const zipf = new Map<string, number>();
    const capitalised = new Set<string>();
    for (const { word, count } of rows) {
      const normalized = normalizeText(word);
      if (normalized === '' || normalized.includes(' ') || count <= 0) continue;
      const value = Math.log10((count / total) * 1e9);
      if ((zipf.get(normalized) ?? -Infinity) < value) {
        zipf.set(normalized, value);
        if (word[0] !== word[0].toLowerCase()) capitalised.add(normalized);
        else capitalised.delete(normalized);
      }
    }
    return new WordFrequency(zipf, capitalised);
  }

  /** A list that knows no word: every name counts as rare. */
  static empty(): WordFrequency {
    return new WordFrequency(new Map(), new Set());
  }

  /** Whether the list's form of the word starts with a capital: its capital then says little. */
  usuallyCapitalised(word: string): boolean {
    return this.capitalised.has(word);
  }

  /** Zipf value of a normalized word; numbers count as common words ("80s", "120 bpm"), unknown words as 0. */
  zipf(word: string): number {
    const known = this.zipfOf.get(word);
    if (known !== undefined) return known;
    return NUMBER.test(word) ? NUMBER_ZIPF : 0;
  }
}
