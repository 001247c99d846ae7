// What a prompt itself says about a span of its words, before any catalog
// knowledge: where the words are, how they are written (casing), the cue
// phrases around them, quote marks, how common they are, whether the prompt
// is a list of tags and the span one whole tag, whether the span is used as a
// descriptor ("punk rock style"). The index finds the spans; these functions
// measure them for the verdict (verdict.ts). Pure.

import { PromptVocabulary } from './descriptors';
import { wordSpans } from './normalize';
import {
  Casing,
  CUES_AFTER,
  CUES_AFTER_IN_TAG,
  MatchFeatures,
  NAMING_CUES,
  STRONG_CUES,
  VERY_COMMON_FROM,
  WEAK_CUES,
  WORK_NOUNS,
  WORKS_AFTER,
} from './verdict';
import type { WordFrequency } from './word-frequency';

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '„', '‚', '`', '‹', '›', '「', '」']);

/** Cue phrases as word arrays by their last word, longest first so "in the style of" wins over "style of". */
const CUES_BY_LAST_WORD = new Map<string, string[][]>();
for (const cue of [...STRONG_CUES, ...WEAK_CUES].map((c) => c.split(' ')).sort((a, b) => b.length - a.length)) {
  const last = cue[cue.length - 1];
  CUES_BY_LAST_WORD.set(last, [...(CUES_BY_LAST_WORD.get(last) ?? []), cue]);
}
const CUE_AFTER_SET = new Set(CUES_AFTER);
const NAMING_CUE_SET = new Set(NAMING_CUES);
const WORK_NOUN_SET = new Set(WORK_NOUNS);
const WORK_AFTER_SET = new Set(WORKS_AFTER);
/** Cues after a name that a tag list also holds on their own: "instrumental", "slowed". */
const IN_TAG_ONLY = new Set(CUES_AFTER_IN_TAG);
/** Tags of more words than this are prose: the prompt is then not a tag list. */
export const MAX_TAG_WORDS = 5;
/** How common a descriptor word counts at least: a common word. */
const DESCRIPTOR_ZIPF = 4;
/** A descriptor a word lies in: none. */
const NO_DESCRIPTOR = -1;

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
  /** Case says nothing: the prompt is all lower case or all capitals. */
  casingSilent: boolean;
  /** Every segment (between commas, semicolons, line breaks, " - ") is short: the prompt is a list of tags. */
  tagList: boolean;
  /** Segments in the prompt; a lone short segment is a list of one tag. */
  segments: number;
  /** First and last word of the segment each word is in. */
  segmentFirst: number[];
  segmentLast: number[];
  /** The quoted stretch of a short title each word lies in (first and last word), or -1. */
  quoteFirst: number[];
  quoteLast: number[];
  /** The widest descriptor occurrence each word lies in (first and last word), or -1. */
  descriptorFirst: number[];
  descriptorLast: number[];
  vocabulary: PromptVocabulary;
  frequency: WordFrequency;
}

/** Cuts a prompt into the normalized words that names and lyrics are matched on. */
export function splitPrompt(text: string): PromptWords {
  return { text, ...wordSpans(text) };
}

/** Measures every word of the prompt once; spans are then judged from these arrays. */
export function promptContext(
  prompt: PromptWords,
  frequency: WordFrequency,
  vocabulary: PromptVocabulary = PromptVocabulary.empty(),
  /** Word w's frequency, when the caller has already read it (each lookup is a probe of a large table). */
  zipfOfWord: (w: number) => number = (w) => frequency.zipf(prompt.words[w]),
  /** Whether words first..last are exactly a catalog name: such a segment is a tag whatever its length (see tagsOf). */
  isName: NameSpan = () => false,
): PromptContext {
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
    // Genre spellings are rare in subtitles ("synthwave", "lofi") but ordinary in prompts.
    const wordZipf = zipfOfWord(w);
    zipf[w] = vocabulary.isDescriptorWord(words[w]) ? Math.max(wordZipf, DESCRIPTOR_ZIPF) : wordZipf;
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
  const { segmentFirst, segmentLast, segments, tagList } = tagsOf(prompt, zipf, isName);
  // Each tag opens like a sentence: its first capital is the tag's, not a name's.
  if (tagList && segments > 1) for (let w = 0; w < count; w++) if (segmentFirst[w] === w) sentenceInitial[w] = true;
  const { descriptorFirst, descriptorLast } = descriptorsOf(words, vocabulary);
  const { quoteFirst, quoteLast } = quotedStretches(prompt);
  return {
    text,
    words,
    wordStart,
    wordEnd,
    cased,
    capital,
    sentenceInitial,
    zipf,
    usuallyCapital,
    hasLetter,
    allCapitals,
    casingSilent: !cased,
    tagList,
    segments,
    segmentFirst,
    segmentLast,
    descriptorFirst,
    descriptorLast,
    quoteFirst,
    quoteLast,
    vocabulary,
    frequency,
  };
}

const QUOTE_MARK = /["'“”‘’«»„‚`‹›「」]/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const LETTER_AT = /\p{L}/u;
const APOSTROPHE = /^['’]$/;

/** Word w is followed by a possessive "'s" ("Robyn's"; the prompt splits it into two words). */
export function possessiveAfter(prompt: PromptWords, w: number): boolean {
  const { text, words, wordStart, wordEnd } = prompt;
  return w + 1 < words.length && words[w + 1] === 's' && APOSTROPHE.test(text.slice(wordEnd[w], wordStart[w + 1]));
}
/** Emoji and other symbols (♪ ★ ✨): pictures among words, not letters. */
const PICTOGRAPH = /^[\p{Extended_Pictographic}\p{So}]$/u;
/** Words in a quoted stretch this long or shorter read as one title ("The Belongs Alive"). */
export const MAX_QUOTED_TITLE_WORDS = 6;

/** The word ranges between pairs of quote marks (an apostrophe inside a word, "Fool's", is no quote), titles only. */
export function quotedStretches(prompt: PromptWords): { quoteFirst: number[]; quoteLast: number[] } {
  const { text, words, wordStart, wordEnd } = prompt;
  const quoteFirst: number[] = new Array(words.length).fill(-1);
  const quoteLast: number[] = new Array(words.length).fill(-1);
  const marks: number[] = [];
  QUOTE_MARK.lastIndex = 0;
  for (let m = QUOTE_MARK.exec(text); m !== null; m = QUOTE_MARK.exec(text)) {
    const i = m.index;
    const inWord = i > 0 && i + 1 < text.length && WORD_CHAR.test(text[i - 1]) && WORD_CHAR.test(text[i + 1]);
    if (!inWord) marks.push(i);
  }
  for (let m = 0, w = 0; m + 1 < marks.length; m += 2) {
    while (w < words.length && wordStart[w] < marks[m]) w++;
    let last = w - 1;
    while (last + 1 < words.length && wordEnd[last + 1] <= marks[m + 1]) last++;
    if (last < w || last - w + 1 > MAX_QUOTED_TITLE_WORDS) continue;
    for (let k = w; k <= last; k++) {
      quoteFirst[k] = w;
      quoteLast[k] = last;
    }
  }
  return { quoteFirst, quoteLast };
}

/** The span lies inside a longer quoted title: "Alive" in "The Belongs Alive" names that title, not the entry. */
export function insideLongerQuote(context: PromptContext, first: number, last: number): boolean {
  const a = context.quoteFirst[first];
  return a !== -1 && a === context.quoteFirst[last] && context.quoteLast[first] - a > last - first;
}

/**
 * Whether the text between two words separates tags: , ; | • a line break, a
 * dash between spaces, a hashtag's # ("#synthwave #weeknd") or a pictograph
 * or symbol ("🎸 russ 🔥 dub techno", "♪ lofi ♪"): how tags are written on social media.
 * A # separates only with `hashtags`, in a prompt of two hashtags or more: one
 * alone is a name's ("remix #SELFIE into trance").
 */
export function separatesTags(text: string, from: number, to: number, hashtags = false): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x3b || c === 0x7c || c === 0x0a || c === 0x0d || c === 0x2022) return true;
    if (c === 0x23 && hashtags && i > from && isHashtagAt(text, i)) return true;
    // Only from U+2100 on: the Latin-1 symbols (© ° ®) sit inside words and numbers ("360°").
    if (c >= 0x2100 && PICTOGRAPH.test(String.fromCodePoint(text.codePointAt(i)!))) return true;
    // "rock - 80s": a dash with space on both sides; "lo-fi" has none.
    if ((c === 0x2d || c === 0x2013 || c === 0x2014) && i > from && i + 1 < to && text[i - 1] === ' ' && text[i + 1] === ' ') return true;
  }
  return false;
}

/** A hashtag's # follows a space and opens a word: right after a word it is a sharp ("c# minor"), before digits a number ("Engine Engine #9"). */
function isHashtagAt(text: string, i: number): boolean {
  return (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t') && i + 1 < text.length && LETTER_AT.test(text[i + 1]);
}

/** Whether the prompt holds two hashtags or more: a list of them. */
export function hasHashtags(text: string): boolean {
  let found = 0;
  for (let i = text.indexOf('#'); i !== -1 && found < 2; i = text.indexOf('#', i + 1)) if (isHashtagAt(text, i)) found++;
  return found >= 2;
}

/** Whether words first..last are exactly one catalog name. */
export type NameSpan = (first: number, last: number) => boolean;

/**
 * Cuts the prompt into segments. It is a tag list when every segment is at
 * most MAX_TAG_WORDS words and at most half of them hold a grammar word
 * ("a slow blues, Fever on the radio" is prose cut by a comma). In a list of
 * two or more segments, one that is exactly a catalog name counts as a tag
 * whatever its length and its grammar words ("detroit techno, i can't tell
 * you why, brownstone"): prose cut by commas is seldom exactly a name.
 */
export function tagsOf(
  prompt: PromptWords,
  zipf: readonly number[],
  isName: NameSpan = () => false,
): { segmentFirst: number[]; segmentLast: number[]; segments: number; tagList: boolean } {
  const { text, words, wordStart, wordEnd } = prompt;
  const count = words.length;
  let prose = 0;
  const segmentFirst: number[] = new Array(count);
  const segmentLast: number[] = new Array(count);
  let segments = 0;
  let tagList = count > 0;
  const hashtags = hasHashtags(text);
  for (let first = 0; first < count;) {
    let last = first;
    while (last + 1 < count && !separatesTags(text, wordEnd[last], wordStart[last + 1], hashtags)) last++;
    for (let w = first; w <= last; w++) {
      segmentFirst[w] = first;
      segmentLast[w] = last;
    }
    segments++;
    const named = (first > 0 || last + 1 < count) && isName(first, last);
    if (!named && last - first + 1 > MAX_TAG_WORDS) tagList = false;
    for (let w = first; w <= last && !named; w++) {
      if (zipf[w] < VERY_COMMON_FROM) continue;
      prose++;
      break;
    }
    first = last + 1;
  }
  // Titles in a list hold grammar words ("i thank you"); most tags hold none.
  if (prose * 2 > segments) tagList = false;
  return { segmentFirst, segmentLast, segments, tagList };
}

/** The widest descriptor phrase each word lies in: one hash probe per word. */
export function descriptorsOf(
  words: readonly string[],
  vocabulary: PromptVocabulary,
): { descriptorFirst: number[]; descriptorLast: number[] } {
  const count = words.length;
  const descriptorFirst: number[] = new Array(count).fill(NO_DESCRIPTOR);
  const descriptorLast: number[] = new Array(count).fill(NO_DESCRIPTOR);
  for (let first = 0; first < count && vocabulary.maxDescriptorWords > 0; first++) {
    const last = vocabulary.descriptorEndingAt(words, first);
    if (last === NO_DESCRIPTOR) continue;
    for (let w = first; w <= last; w++) {
      if (descriptorFirst[w] === NO_DESCRIPTOR || last - first > descriptorLast[w] - descriptorFirst[w]) {
        descriptorFirst[w] = first;
        descriptorLast[w] = last;
      }
    }
  }
  return { descriptorFirst, descriptorLast };
}

/** The span lies inside a descriptor the prompt uses ("pop" in "progressive pop"), or every word of it is one ("soul song"). */
export function usedAsDescriptor(context: PromptContext, first: number, last: number): boolean {
  const { descriptorFirst, descriptorLast } = context;
  if (descriptorFirst[first] !== NO_DESCRIPTOR && descriptorFirst[first] <= first && descriptorLast[first] >= last) return true;
  for (let w = first; w <= last; w++) if (!context.vocabulary.isDescriptorWord(context.words[w])) return false;
  return true;
}

/**
 * Fills in what the prompt says about words `first`..`last`: everything in
 * {@link MatchFeatures} but `related` and `override`, which come from the catalog.
 * The caller passes one object for every span: a 2 KB prompt has hundreds.
 */
const PLAIN_NUMBER = /^[0-9]+$/;
/** How common a number counts inside a name of several words: uncommon. */
const NUMBER_IN_NAME_ZIPF = 2.5;

export function measureSpan(context: PromptContext, first: number, last: number, out: MatchFeatures): MatchFeatures {
  let rarestZipf = Infinity;
  let commonestZipf = -Infinity;
  for (let w = first; w <= last; w++) {
    // A number is a common word alone ("1999", "80s") but marks a name beside words ("blink 182", "21 savage").
    const zipf = last > first && PLAIN_NUMBER.test(context.words[w]) ? NUMBER_IN_NAME_ZIPF : context.zipf[w];
    rarestZipf = Math.min(rarestZipf, zipf);
    commonestZipf = Math.max(commonestZipf, zipf);
  }
  out.words = last - first + 1;
  out.rarestZipf = rarestZipf;
  out.commonestZipf = commonestZipf;
  out.quoted = isQuoted(context.text, context.wordStart[first], context.wordEnd[last]);
  out.cueBefore = cueBefore(context, first);
  out.cueNamesWork = out.cueBefore !== null && NAMING_CUE_SET.has(out.cueBefore) && namesWork(context, first);
  out.cueAfter = cueAfter(context, last);
  out.casing = casingOf(context, first, last);
  out.descriptor = usedAsDescriptor(context, first, last);
  out.tagList = context.tagList && context.segments > 1;
  out.wholeTag = context.tagList && context.segmentFirst[first] === first && context.segmentLast[first] === last;
  out.firstName = first === last && context.vocabulary.isFirstName(context.words[first]);
  out.personName = out.firstName && context.frequency.usuallyCapitalised(context.words[first]);
  out.openingChange = opensWithChange(context, first, last);
  out.openingClause = out.openingChange && opensClause(context, last);
  out.longerName = insideLongerQuote(context, first, last);
  return out;
}

/** "a song called X", "a ballad named X": the naming cue follows a word for a piece of music, not a pet or a character. */
function namesWork(context: PromptContext, first: number): boolean {
  const { words } = context;
  // The cue is one word; skip an article between it and the span.
  const cueAt = first - 1 - (first > 1 && (words[first - 1] === 'the' || words[first - 1] === 'a') ? 1 : 0);
  const noun = cueAt > 0 ? words[cueAt - 1] : undefined;
  return noun !== undefined && (WORK_NOUN_SET.has(noun) || context.vocabulary.isDescriptorWord(noun));
}

/** "X, but slower": the prompt opens with the span and goes on to say what to change. */
export function opensWithChange(context: PromptContext, first: number, last: number): boolean {
  if (first !== 0 || last + 1 >= context.words.length) return false;
  return context.words[last + 1] === 'but';
}

/** "me to me, but faster": the span that opens the prompt ends its first clause, a comma (or ; or " - ") before "but". */
export function opensClause(context: PromptWords, last: number): boolean {
  return last + 1 < context.words.length && separatesTags(context.text, context.wordEnd[last], context.wordStart[last + 1]);
}

/** A word that cues a name before or after it ("style", "by", "called"): not part of the name. */
export function isCueWord(word: string): boolean {
  return CUE_AFTER_SET.has(word) || CUES_BY_LAST_WORD.has(word);
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

/** The cue word right after word `last` ("style", "cover", "-like"), if any. */
export function cueAfter(prompt: PromptWords, last: number): string | null {
  const { text, words, wordStart, wordEnd } = prompt;
  if (last + 1 >= words.length) return null;
  const next = words[last + 1];
  if (CUE_AFTER_SET.has(next) && !IN_TAG_ONLY.has(next)) return next;
  // Words that are tags of their own too ("far, instrumental", "otis, song"): cues only in the name's own tag.
  if ((IN_TAG_ONLY.has(next) || WORK_AFTER_SET.has(next)) && !separatesTags(text, wordEnd[last], wordStart[last + 1])) return next;
  // A possessive: "Robyn's style", "Drake's album", "Drake's new album" (one word between), whose work it is.
  if (possessiveAfter(prompt, last)) {
    for (let w = last + 2; w <= last + 3 && w < words.length; w++) {
      if (endsSentence(text, wordEnd[w - 1], wordStart[w]) || separatesTags(text, wordEnd[w - 1], wordStart[w])) break;
      if (WORK_AFTER_SET.has(words[w]) || (w === last + 2 && CUE_AFTER_SET.has(words[w]))) return words[w];
    }
  }
  // "System of a Down-like": "like" joined by a hyphen; "sounds like" after a name is prose.
  if (next === 'like' && text.slice(wordEnd[last], wordStart[last + 1]) === '-') return '-like';
  return null;
}

/** How the span is written: see {@link Casing}. */
export function casingOf(context: PromptContext, first: number, last: number): Casing {
  if (context.casingSilent) return Casing.UNCASED;
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
