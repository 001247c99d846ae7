// What a prompt itself says about a span of its words, before any catalog
// knowledge: where the words are, how they are written (casing), the cue
// phrases around them, quote marks, how common they are. The index finds the
// spans; these functions measure them for the verdict (verdict.ts). Pure.

import { normalizeForMatching } from './normalize';
import { Casing, CUES_AFTER, MatchFeatures, STRONG_CUES, VERY_COMMON_FROM, WEAK_CUES } from './verdict';
import type { WordFrequency } from './word-frequency';

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '„', '‚', '`', '‹', '›', '「', '」']);

/** Cue phrases as word arrays by their last word, longest first so "in the style of" wins over "style of". */
const CUES_BY_LAST_WORD = new Map<string, string[][]>();
for (const cue of [...STRONG_CUES, ...WEAK_CUES].map((c) => c.split(' ')).sort((a, b) => b.length - a.length)) {
  const last = cue[cue.length - 1];
  CUES_BY_LAST_WORD.set(last, [...(CUES_BY_LAST_WORD.get(last) ?? []), cue]);
}
const CUE_AFTER_SET = new Set(CUES_AFTER);

/** A prompt as normalized words, each with its span in the original text. */
export interface PromptWords {
  text: string;
  words: string[];
  /** Original offsets of each word's first and last code unit (+1). */
  wordStart: number[];
  wordEnd: number[];
}

/** Per-prompt facts the verdict reads. */
export interface PromptContext extends PromptWords {
  cased: boolean;
  capital: boolean[];
  sentenceInitial: boolean[];
  zipf: number[];
  usuallyCapital: boolean[];
  /** The word starts with a letter (not a digit): only then can its case say anything. */
  hasLetter: boolean[];
  allCapitals: boolean[];
}

/** Cuts a prompt into the normalized words that names and lyrics are matched on. */
export function splitPrompt(text: string): PromptWords {
  const { normalized, starts, ends } = normalizeForMatching(text);
  const words: string[] = [];
  const wordStart: number[] = [];
  const wordEnd: number[] = [];
  if (normalized !== '') {
    for (let from = 0; ;) {
      const at = normalized.indexOf(' ', from);
      const to = at === -1 ? normalized.length : at;
      words.push(normalized.slice(from, to));
      wordStart.push(starts[from]);
      wordEnd.push(ends[to - 1]);
      if (at === -1) break;
      from = at + 1;
    }
  }
  return { text, words, wordStart, wordEnd };
}

/** Measures every word of the prompt once; spans are then judged from these arrays. */
export function promptContext(prompt: PromptWords, frequency: WordFrequency): PromptContext {
  const { text, words, wordStart, wordEnd } = prompt;
  const count = words.length;
  const capital: boolean[] = new Array(count);
  const sentenceInitial: boolean[] = new Array(count);
  const zipf: number[] = new Array(count);
  const usuallyCapital: boolean[] = new Array(count);
  const hasLetter: boolean[] = new Array(count);
  const allCapitals: boolean[] = new Array(count);
  let upper = 0;
  let lower = 0;
  for (let w = 0; w < count; w++) {
    const code = text.charCodeAt(wordStart[w]);
    if (code < 0x80) {
      // ASCII fast path: most prompts are plain ASCII.
      capital[w] = code >= 0x41 && code <= 0x5a;
      hasLetter[w] = capital[w] || (code >= 0x61 && code <= 0x7a);
    } else {
      const ch = String.fromCodePoint(text.codePointAt(wordStart[w])!);
      capital[w] = ch !== ch.toLowerCase();
      hasLetter[w] = capital[w] || ch !== ch.toUpperCase();
    }
    if (capital[w]) upper++;
    else if (hasLetter[w]) lower++;
    sentenceInitial[w] = w === 0 || endsSentence(text, wordEnd[w - 1], wordStart[w]);
    zipf[w] = frequency.zipf(words[w]);
    // "I" is capitalised by grammar: its capital says nothing about a name.
    usuallyCapital[w] = zipf[w] >= VERY_COMMON_FROM && frequency.usuallyCapitalised(words[w]);
    if (capital[w] && words[w].length > 1) {
      const written = text.slice(wordStart[w], wordEnd[w]);
      allCapitals[w] = written === written.toUpperCase();
    } else allCapitals[w] = false;
  }
  // Case says something only when the prompt mixes it: all lower case or all capitals says nothing.
  let shouted = 0;
  for (let w = 0; w < count; w++) if (allCapitals[w]) shouted++;
  const cased = lower > 0 && upper > 0 && shouted * 2 < upper + lower;
  return { text, words, wordStart, wordEnd, cased, capital, sentenceInitial, zipf, usuallyCapital, hasLetter, allCapitals };
}

/**
 * Fills in what the prompt says about words `first`..`last`: everything in
 * {@link MatchFeatures} but `related` and `override`, which come from the catalog.
 * The caller passes one object for every span: a 2 KB prompt has hundreds.
 */
export function measureSpan(context: PromptContext, first: number, last: number, out: MatchFeatures): MatchFeatures {
  let rarestZipf = Infinity;
  let commonestZipf = -Infinity;
  for (let w = first; w <= last; w++) {
    rarestZipf = Math.min(rarestZipf, context.zipf[w]);
    commonestZipf = Math.max(commonestZipf, context.zipf[w]);
  }
  out.words = last - first + 1;
  out.rarestZipf = rarestZipf;
  out.commonestZipf = commonestZipf;
  out.quoted = isQuoted(context.text, context.wordStart[first], context.wordEnd[last]);
  out.cueBefore = cueBefore(context, first);
  out.cueAfter = cueAfter(context, last);
  out.casing = casingOf(context, first, last);
  return out;
}

/** A sentence boundary between two words: . ! ? ; : a line break or a bullet. */
export function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a || c === 0x0a || c === 0x0d || c === 0x2022) return true;
  }
  return false;
}

/** Quote marks right before and after the span (punctuation inside the closing quote allowed). */
export function isQuoted(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && text[before] === ' ') before--;
  if (before < 0 || !QUOTES.has(text[before])) return false;
  let after = end;
  while (after < text.length && /[\s!?.,…]/.test(text[after])) after++;
  return after < text.length && QUOTES.has(text[after]);
}

/** The longest cue phrase ending right before word `first` (an article in between is allowed). */
export function cueBefore(context: PromptContext, first: number): string | null {
  const { words, sentenceInitial } = context;
  if (sentenceInitial[first]) return null;
  for (const skip of first > 0 && (words[first - 1] === 'the' || words[first - 1] === 'a') ? [0, 1] : [0]) {
    const end = first - skip;
    const cues = end > 0 ? CUES_BY_LAST_WORD.get(words[end - 1]) : undefined;
    if (cues === undefined) continue;
    for (const cue of cues) {
      const from = end - cue.length;
      if (from < 0) continue;
      let same = true;
      for (let k = 0; k < cue.length && same; k++) same = words[from + k] === cue[k];
      if (same) return cue.join(' ');
    }
  }
  return null;
}

/** The cue word right after word `last` ("style", "cover"), if any. */
export function cueAfter(prompt: PromptWords, last: number): string | null {
  const { words } = prompt;
  return last + 1 < words.length && CUE_AFTER_SET.has(words[last + 1]) ? words[last + 1] : null;
}

/** How the span is written: see {@link Casing}. */
export function casingOf(context: PromptContext, first: number, last: number): Casing {
  if (!context.cased) return Casing.UNCASED;
  const { capital, sentenceInitial, usuallyCapital, hasLetter } = context;
  let capitals = 0;
  let lettered = 0;
  for (let w = first; w <= last; w++) {
    if (!hasLetter[w]) continue;
    lettered++;
    if (capital[w]) capitals++;
  }
  const words = last - first + 1;
  // Digits ("409") or a word capitalised by grammar or habit ("I", "LFO"): case says nothing.
  if (lettered === 0 || (words === 1 && usuallyCapital[first])) return Casing.INITIAL;
  if (capitals === 0) return Casing.LOWER;
  if (words === 1 && context.allCapitals[first]) return Casing.CAPITALS;
  if (lettered >= 3 && capitals === lettered) return Casing.TITLE;
  if (!sentenceInitial[first]) return capital[first] || capitals * 2 >= lettered ? Casing.NAME : Casing.LOWER;
  // Opening a sentence the first capital is grammar; a later capital still marks a name.
  if (words === 1 || capitals === 1) return capital[first] ? Casing.INITIAL : Casing.LOWER;
  return Casing.NAME;
}
