// Other readings of a prompt's words, for disguised names: leetspeak read as
// letters ("N3l5on", "Ke$ha"), a name cut by a hyphen, dot or underscore
// ("Nel-son", "N.e.l.s.o.n"), spaced letters ("N e l s o n") and misspellings
// one edit from a distinctive catalog word ("Neslon"). Each reading is one
// more token over a run of the prompt's words; the literal words stay, so
// "2pac" and "blink 182" still match as written. Names written as one word
// ("RickyNelson") are found by splitting a token while probing (see
// screening-index.ts), which needs no extra key per name. Pure.

import { fuzzyCandidates, FuzzyWords, FUZZY_MIN_LETTERS_IN_PHRASE, FUZZY_PROMPT_IN_PHRASE_BELOW_ZIPF } from './fuzzy';
import type { PromptWords } from './prompt-features';

export enum ReadingKind {
  /** Letters read from digits and symbols, or a word cut by punctuation or spaces rejoined: the same name, written to evade. */
  WRITTEN = 'WRITTEN',
  /** One edit from a catalog word. */
  SPELLED = 'SPELLED',
}

/** A reading of prompt words `first`..`last` as one word. */
export interface Reading {
  first: number;
  last: number;
  word: string;
  kind: ReadingKind;
  /** For a misspelling: the Zipf value of the word as written. */
  writtenZipf: number;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
/** One character between two words that joins them back: "Nel-son", "N.e.l.s.o.n", "Ke$ha", "R@ndy". */
const JOINERS = new Set(['-', '.', '_', '·', '‧', '‐', '‑', '–', '@', '$', "'", '’']);
const SPACES = /^[ \t\u00a0]{1,3}$/;
/** Rejoined runs are cut at this many words: a name is rarely longer. */
const MAX_CHAIN = 16;
const MIN_SPACED_LETTERS = 3;
/** A longer run of single letters is not a name spelled out ("x x x …" filling a prompt). */
const MAX_SPACED_LETTERS = 64;
const DIGIT = /[0-9]/;
const NUMBER_WITH_SUFFIX = /^[0-9]+[a-z]{1,3}$/;
const LETTER = /\p{L}/u;

/**
 * Every reading of the prompt other than its literal words.
 *
 * @param inLongName - Whether a catalog word may be a word of a name of LONG_NAME_WORDS words or more: a
 *   common word read as a misspelling stands only there, so its other readings are not offered.
 */
export function promptReadings(
  prompt: PromptWords,
  zipf: (w: number) => number,
  fuzzy: FuzzyWords,
  inLongName: (word: string) => boolean = () => true,
): Reading[] {
  const out: Reading[] = [];
  const { words, text, wordStart, wordEnd } = prompt;
  const count = words.length;
  const gap = (w: number) => (wordStart[w + 1] - wordEnd[w] === 1 ? text[wordEnd[w]] : text.slice(wordEnd[w], wordStart[w + 1]));

  // Words cut by one joining character: every run of two or more, as one word (and read as leet if it mixes digits and letters).
  for (let first = 0; first < count;) {
    let last = first;
    while (last + 1 < count && last - first + 1 < MAX_CHAIN && JOINERS.has(gap(last))) last++;
    for (let a = first; a < last; a++) {
      let word = words[a];
      for (let b = a + 1; b <= last; b++) {
        word += (LEET[gap(b - 1)] ?? '') + words[b];
        out.push({ first: a, last: b, word, kind: ReadingKind.WRITTEN, writtenZipf: 0 });
        for (const reading of leetReadings(word)) out.push({ first: a, last: b, word: reading, kind: ReadingKind.WRITTEN, writtenZipf: 0 });
      }
    }
    first = last + 1;
  }

  // Single words mixing digits and letters: "N3l50n", "Ad3le".
  for (let w = 0; w < count; w++) {
    for (const reading of leetReadings(words[w])) out.push({ first: w, last: w, word: reading, kind: ReadingKind.WRITTEN, writtenZipf: 0 });
  }

  // Spaced letters: single letters one space apart form a word; two spaces or more end it ("R i c k y  N e l s o n").
  for (let first = 0; first < count;) {
    if (!isLetter(words[first])) {
      first++;
      continue;
    }
    let last = first;
    while (last + 1 < count && isLetter(words[last + 1]) && SPACES.test(gap(last))) last++;
    if (last - first + 1 >= MIN_SPACED_LETTERS) {
      let runStart = first;
      const runs: Array<[number, number]> = [];
      for (let w = first; w <= last; w++) {
        if (w === last || gap(w).length > 1) {
          runs.push([runStart, w]);
          runStart = w + 1;
        }
      }
      for (const [a, b] of runs) if (b > a && b - a < MAX_SPACED_LETTERS) out.push(spelledOut(prompt, a, b));
      // The whole block as one word too, for a name whose words were spaced alike.
      if (runs.length > 1 && last - first < MAX_SPACED_LETTERS) out.push(spelledOut(prompt, first, last));
    }
    first = last + 1;
  }

  // Misspellings: any word one edit from a distinctive catalog word; how common the written word is decides later
  // which names it may stand in ("Hear" only inside a long name: "A Hear In New York").
  if (fuzzy.slots.length > 0) {
    for (let w = 0; w < count; w++) {
      const word = words[w];
      if (word.length < FUZZY_MIN_LETTERS_IN_PHRASE - 1 || !LETTER.test(word[0])) continue;
      const writtenZipf = zipf(w);
      const common = writtenZipf >= FUZZY_PROMPT_IN_PHRASE_BELOW_ZIPF;
      for (const candidate of fuzzyCandidates(fuzzy, word)) {
        if (common && !inLongName(candidate)) continue;
        out.push({ first: w, last: w, word: candidate, kind: ReadingKind.SPELLED, writtenZipf });
      }
    }
  }
  return out;
}

function isLetter(word: string): boolean {
  return word.length === 1 && LETTER.test(word);
}

function spelledOut(prompt: PromptWords, first: number, last: number): Reading {
  let word = '';
  for (let w = first; w <= last; w++) word += prompt.words[w];
  return { first, last, word, kind: ReadingKind.WRITTEN, writtenZipf: 0 };
}

const WRITTEN_CHAR = /[\p{L}\p{N}@$]/u;

/**
 * Where each code unit of a reading was written, when the reading keeps one
 * unit per written letter, digit or leet symbol ("N.e.l", "Ke$ha"); else null.
 */
export function readingOffsets(prompt: PromptWords, first: number, last: number, word: string): number[] | null {
  const offsets: number[] = [];
  const { text } = prompt;
  for (let i = prompt.wordStart[first]; i < prompt.wordEnd[last]; i++) if (WRITTEN_CHAR.test(text[i])) offsets.push(i);
  return offsets.length === word.length ? offsets : null;
}

/** The letters a token that mixes digits (or @ $) and letters stands for; "1" may be an i or an l. */
export function leetReadings(word: string): string[] {
  // A number with a short suffix is a number: "50s", "2nd", "808s", "4k".
  if (!DIGIT.test(word) || !LETTER.test(word) || NUMBER_WITH_SUFFIX.test(word)) return [];
  let asI = '';
  let asL = '';
  for (const ch of word) {
    const letter = LEET[ch];
    asI += letter ?? ch;
    asL += ch === '1' ? 'l' : (letter ?? ch);
  }
  const out = asI !== word ? [asI] : [];
  if (asL !== asI) out.push(asL);
  return out;
}
