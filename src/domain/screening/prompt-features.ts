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
  HYPHEN_CUES_AFTER,
  MatchFeatures,
  LABEL_CUE,
  NAMING_CUES,
  PERFORMER_CHAT_AFTER,
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
const WEAK_CUE_SET = new Set(WEAK_CUES);
const HYPHEN_LIKE = new Set(HYPHEN_CUES_AFTER);

/** Every word of a cue, for reading one typed with a slip ("stlye", "liek", "teh"). */
const CUE_VOCABULARY = new Set(
  [...STRONG_CUES, ...WEAK_CUES]
    .flatMap((c) => c.split(' '))
    .concat(CUES_AFTER)
    .filter((w) => w.length >= 3),
);
/** A cue word with two neighbouring letters swapped, or (six letters or more) one letter dropped: the cue word. */
const CUE_SLIPS = new Map<string, string>();
for (const word of CUE_VOCABULARY) {
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (swapped !== word && !CUE_VOCABULARY.has(swapped)) CUE_SLIPS.set(swapped, word);
  }
  if (word.length >= 6)
    for (let i = 0; i < word.length; i++) {
      const dropped = word.slice(0, i) + word.slice(i + 1);
      if (!CUE_VOCABULARY.has(dropped)) CUE_SLIPS.set(dropped, word);
    }
}
/** Only a word ordinary text hardly uses is read as a slip: "form" is a word, not "from" mistyped. */
const SLIP_BELOW_ZIPF = 1.5;
const NAMING_CUE_SET = new Set(NAMING_CUES);
const WORK_NOUN_SET = new Set(WORK_NOUNS);
const WORK_AFTER_SET = new Set(WORKS_AFTER);
/** Cues after a name that a tag list also holds on their own: "instrumental", "slowed". */
const IN_TAG_ONLY = new Set([...CUES_AFTER_IN_TAG, ...PERFORMER_CHAT_AFTER]);
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
  /** The words as cues are matched on: a cue word typed with a slip reads as that word ("teh stlye of"). */
  cueWords: string[];
  /** The prompt is written as JSON: its quote marks are syntax, not a title's. */
  quotesAreSyntax: boolean;
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
  let cueWords = words;
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
    // The "s" of "Pearl's", the "t" of "Don't": a clitic's case is its word's, so it says nothing of the prompt's.
    const clitic = w > 0 && wordStart[w] === wordEnd[w - 1] + 1 && APOSTROPHE.test(text[wordEnd[w - 1]]);
    if (!clitic && capital[w]) upper++;
    else if (!clitic && hasLetter[w]) lower++;
    sentenceInitial[w] = w === 0 || endsSentence(text, wordEnd[w - 1], wordStart[w]);

    // Genre spellings are rare in subtitles ("synthwave", "lofi") but ordinary in prompts.
    const wordZipf = zipfOfWord(w);
    if (wordZipf < SLIP_BELOW_ZIPF) {
      const slip = CUE_SLIPS.get(words[w]);
      if (slip !== undefined) {
        if (cueWords === words) cueWords = [...words];
        cueWords[w] = slip;
      }
    }
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
  // An acronym in capitals ("RIYL", "EDM") is no sign the writer capitalises names.
  const cased = lower > 0 && upper > shouted && shouted * 2 < upper + lower;
  const { segmentFirst, segmentLast, segments, tagList } = tagsOf(prompt, zipf, isName);
  // Each tag opens like a sentence: its first capital is the tag's, not a name's.
  if (tagList && segments > 1) for (let w = 0; w < count; w++) if (segmentFirst[w] === w) sentenceInitial[w] = true;
  const { descriptorFirst, descriptorLast } = descriptorsOf(words, vocabulary);
  // In a brief written as JSON ({"mood": "happy"}) quote marks are syntax: they name nothing.
  const quotesAreSyntax = JSON_KEY.test(text);
  const { quoteFirst, quoteLast } = quotesAreSyntax ? noQuotes(count) : quotedStretches(prompt);
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
    cueWords,
    quotesAreSyntax,
  };
}

/** A quoted key then a colon, as JSON writes one: "mood": */
const JSON_KEY = /"[\p{L}\p{N}_ -]{1,40}"\s*:/u;

function noQuotes(count: number): { quoteFirst: number[]; quoteLast: number[] } {
  return { quoteFirst: new Array(count).fill(-1), quoteLast: new Array(count).fill(-1) };
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
  out.quoted = !context.quotesAreSyntax && isQuoted(context.text, context.wordStart[first], context.wordEnd[last]);
  out.cueBefore = cueBefore(context, first);
  out.periodBefore = first > 0 && (PERIOD_WORDS.has(context.words[first - 1]) || DECADE.test(context.words[first - 1]));
  out.cueNamesWork =
    out.cueBefore !== null &&
    ((NAMING_CUE_SET.has(out.cueBefore) && namesWork(context, first)) || namedByThe(context, first, last, out.cueBefore));
  out.cueAfter = cueAfter(context, last);
  out.casing = casingOf(context, first, last);
  out.opensSentence = context.sentenceInitial[first];
  out.everyWordCapitalised = everyWordCapitalised(context, first, last);
  out.place = context.vocabulary.isPlace(context.words, first, last);
  out.descriptor = usedAsDescriptor(context, first, last) || ownWork(context, first, last);
  out.tagList = context.tagList && context.segments > 1;
  out.wholeTag = context.tagList && context.segmentFirst[first] === first && context.segmentLast[first] === last;
  out.firstName = first === last && context.vocabulary.isFirstName(context.words[first]);
  out.personName = out.firstName && context.frequency.usuallyCapitalised(context.words[first]);
  out.fullName = isFullName(context, first, last);
  out.namedInStory = namedInStory(context, first, last);
  out.openingChange = opensWithChange(context, first, last);
  out.openingClause = out.openingChange && first === 0 && opensClause(context, last);
  out.longerName = insideLongerQuote(context, first, last);
  return out;
}

function everyWordCapitalised(context: PromptContext, first: number, last: number): boolean {
  for (let w = first; w <= last; w++) if (context.hasLetter[w] && !context.capital[w]) return false;
  return true;
}

const OWNERS = new Set(['my', 'our', 'his', 'her', 'their']);

/** "my song", "our track" in lower case: the writer's own work, described, not the title "My Song". */
function ownWork(context: PromptContext, first: number, last: number): boolean {
  const { words } = context;
  if (!OWNERS.has(words[first]) || context.capital[first] || last - first > 2) return false;
  // "my song", or "my last song", "our new track": the work noun ends the span or follows it.
  return WORK_AFTER_SET.has(words[last]) || (last + 1 < words.length && WORK_AFTER_SET.has(words[last + 1]));
}

/**
 * "my dog Rosie", "our friend Lillie", "my grandfather Krista Erdman": a name
 * right after a noun the writer owns names that pet or person in the story.
 * One word or a full name; not after a word for a work ("my favourite song X")
 * nor after a cue or a descriptor.
 */
function namedInStory(context: PromptContext, first: number, last: number): boolean {
  if (first < 2 || !OWNERS.has(context.words[first - 2])) return false;
  const noun = context.words[first - 1];
  if (context.zipf[first - 1] >= VERY_COMMON_FROM || WORK_AFTER_SET.has(noun) || isCueWord(noun)) return false;
  if (context.vocabulary.isDescriptorWord(noun) || context.vocabulary.startsDescriptor(noun) || STORY_MODIFIERS.has(noun)) return false;
  return last === first || isFullName(context, first, last);
}

/** Words between "my" and a name that modify the name rather than own it: "my favourite Queen song". */
const STORY_MODIFIERS = new Set(['favorite', 'favourite', 'fav', 'fave', 'top', 'best', 'old', 'new', 'usual', 'beloved']);

/** A first name films write capitalised, then one or two words that are not grammar ("Ray Charles", not "Will you"). */
function isFullName(context: PromptContext, first: number, last: number): boolean {
  if (last === first || last - first > 2) return false;
  const given = context.words[first];
  if (!context.vocabulary.isFirstName(given) || !context.frequency.usuallyCapitalised(given)) return false;
  for (let w = first + 1; w <= last; w++) if (context.zipf[w] >= VERY_COMMON_FROM) return false;
  return true;
}

/** "a song called X", "a ballad named X": the naming cue follows a word for a piece of music, not a pet or a character. */
function namesWork(context: PromptContext, first: number): boolean {
  const { words } = context;
  // The cue is one word; skip an article between it and the span.
  const cueAt = first - 1 - (first > 1 && (words[first - 1] === 'the' || words[first - 1] === 'a') ? 1 : 0);
  const noun = cueAt > 0 ? words[cueAt - 1] : undefined;
  return noun !== undefined && (WORK_NOUN_SET.has(noun) || context.vocabulary.isDescriptorWord(noun));
}

/** "the song Bird Dog", "the album Abbey Road": a work noun after "the" names the work that follows, when it is several words. */
function namedByThe(context: PromptContext, first: number, last: number, cue: string): boolean {
  return last > first && first > 1 && WORK_AFTER_SET.has(cue) && context.words[first - 1] === cue && context.words[first - 2] === 'the';
}

/** Verbs a request puts before the work it changes: "can u do X but funny", "make X but sad", "give me X but jazz". */
const CHANGE_VERBS = new Set(['do', 'make', 'play', 'sing', 'gimme']);

/** "X, but slower", "do X but funny": the prompt opens with the span, or a request verb before it, and goes on to say what to change. */
export function opensWithChange(context: PromptContext, first: number, last: number): boolean {
  const { words } = context;
  if (last + 1 >= words.length || words[last + 1] !== 'but') return false;
  if (first === 0) return true;
  return CHANGE_VERBS.has(words[first - 1]) || (first >= 2 && words[first - 2] === 'give' && words[first - 1] === 'me');
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
  // A label's colon opens what follows like a sentence: the label still names it.
  const label = labelBefore(context, first);
  if (label !== null) return label;
  if (sentenceInitial[first]) return null;
  // An article or a period may stand between the cue and the name: "like the early Beatles", "sounds like 90s Blur".
  for (let end = first, skipped = 0; end > 0; end--, skipped++) {
    const cue = cueEndingAt(context.cueWords, end);
    // "like a princess" is a simile: an indefinite article after a weak cue says no name follows.
    if (cue !== null) return end < first && words[end] === 'a' && WEAK_CUE_SET.has(cue) ? null : cue;
    const before = words[end - 1];
    if (skipped === MAX_BEFORE_NAME || !(before === 'the' || before === 'a' || PERIOD_WORDS.has(before) || DECADE.test(before))) break;
  }
  return null;
}

/** Words users put between the words of a cue ("sounds kinda like", "sound a bit more like"): the cue still holds. */
const HEDGES = new Set([
  'kinda',
  'kind',
  'sorta',
  'sort',
  'of',
  'a',
  'bit',
  'little',
  'lot',
  'more',
  'just',
  'exactly',
  'really',
  'very',
  'much',
  'somewhat',
  'slightly',
  'quite',
  'pretty',
  'vaguely',
  'loosely',
  'heavily',
  'super',
]);
const MAX_HEDGES = 3;
/** Which part of a performer's work a prompt means ("like early Madonna", "old Kanye"), between the cue and the name. */
const PERIOD_WORDS = new Set(['early', 'earlier', 'late', 'later', 'old', 'classic', 'vintage', 'young', 'peak', 'prime', 'modern', 'new']);
const DECADE = /^(?:19|20)?[0-9]0s$/;
/** Words skipped between a cue and the name: an article and a period ("like the early ..."). */
const MAX_BEFORE_NAME = 2;

/** The cue phrase whose last word is word `end - 1`, with hedges allowed between its words. */
function cueEndingAt(words: readonly string[], end: number): string | null {
  const cues = end > 0 ? CUES_BY_LAST_WORD.get(words[end - 1]) : undefined;
  if (cues === undefined) return null;
  for (const cue of cues) {
    let at = end - 1;
    let hedges = 0;
    let same = true;
    for (let k = cue.length - 2; k >= 0 && same; k--) {
      at--;
      while (at >= 0 && words[at] !== cue[k] && hedges < MAX_HEDGES && HEDGES.has(words[at])) {
        at--;
        hedges++;
      }
      same = at >= 0 && words[at] === cue[k];
    }
    if (same) return cue.join(' ');
  }
  return null;
}

/** Heads of a field label that names references in a brief ("Reference: X", "**Ref artists:** X", "Influences: X"). */
const LABEL_HEADS = new Set(['reference', 'references', 'ref', 'refs', 'influence', 'influences', 'inspiration', 'inspirations', 'inspo']);
/** Nouns a label head may take ("reference artist", "similar artists"). */
const LABEL_NOUNS = new Set(['artist', 'artists', 'track', 'tracks', 'song', 'songs', 'band', 'bands']);

/** The span follows a field label ending in a colon that names references: {@link LABEL_CUE}, or null. */
function labelBefore(context: PromptContext, first: number): string | null {
  const { text, words, wordStart, wordEnd } = context;
  if (first === 0 || !text.slice(wordEnd[first - 1], wordStart[first]).includes(':')) return null;
  const head = words[first - 1];
  if (LABEL_HEADS.has(head)) return LABEL_CUE;
  if (LABEL_NOUNS.has(head) && first > 1 && (LABEL_HEADS.has(words[first - 2]) || words[first - 2] === 'similar')) return LABEL_CUE;
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
  if (HYPHEN_LIKE.has(next) && text.slice(wordEnd[last], wordStart[last + 1]) === '-') return `-${next}`;
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
