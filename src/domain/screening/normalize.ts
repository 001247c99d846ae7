// Text normalization for catalog screening (policy 10(c)). Catalog entries and
// prompts go through the same function, so "Zoë", "ZOE", "zoe\u0301" and
// "Ｚｏｅ" all compare equal. Pure: no I/O; the confusables data is imported as data.
//
// Two evasions do not survive it: invisible characters (zero-width space, soft
// hyphen, joiners, bidi controls) vanish instead of splitting a word, and in a
// word that mixes Latin with Cyrillic or Greek letters the look-alikes fold to
// the Latin letter of the same UTS #39 skeleton ("Nеlson" with a Cyrillic е).
// A word all in Cyrillic or Greek is left alone, so honest names still match.
//
// The normalized form holds only word characters (\p{L}\p{N}) and single
// spaces, without leading or trailing space. For prompts we also keep, per
// normalized UTF-16 code unit, the range of the original text it came from,
// so a match can be highlighted in the text the user actually typed.

import confusables from 'unhomoglyph/data.json';

/** Normalized text plus a map back into the original string. */
export interface NormalizedText {
  /** Word characters and single separating spaces, lowercased, without diacritics. */
  normalized: string;
  /** `starts[k]`: UTF-16 offset in the original of the character normalized[k] came from. */
  starts: number[];
  /** `ends[k]`: exclusive end of that original character (including its combining marks). */
  ends: number[];
}

// A base character and the combining marks that follow it are folded together,
// so NFKC sees "e\u0301" whole and the marks end up inside the highlight.
const MARK_RUN = /\p{M}+/uy;
const MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const FIRST_MARK = 0x300; // nothing below U+0300 is a combining mark
/** Default-ignorable and format characters: dropped, never a separator (UTS #39, DerivedCoreProperties). */
const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

// Folding goes through ICU, which is slow per call; names repeat the same few
// accented letters, so a bounded cache pays off when building a large index.
const FOLD_CACHE_LIMIT = 8192;
const foldCache = new Map<string, string>();

/** NFKC, lowercase, ß→ss, ς→σ, strip diacritics; non-word characters become spaces. */
function foldCluster(cluster: string): string {
  let folded = foldCache.get(cluster);
  if (folded !== undefined) return folded;
  folded = cluster
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(IGNORABLE, '')
    .replace(NON_WORD, ' ');
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(cluster, folded);
  return folded;
}

/**
 * Shared scan. Offsets are collected only when arrays are given, so building
 * an index of a million entries does not allocate them.
 */
function scan(text: string, starts?: number[], ends?: number[]): string {
  const out = scanWords(text, starts, ends);
  if (!MIXABLE.test(out) || !LATIN_LETTER.test(out)) return out;
  if (starts === undefined) return foldMixedScript(text, out, scanOffsets(text));
  return foldMixedScript(text, out, starts);
}

function scanOffsets(text: string): number[] {
  const starts: number[] = [];
  scanWords(text, starts, []);
  return starts;
}

function scanWords(text: string, starts?: number[], ends?: number[]): string {
  let out = '';
  let pendingSeparator = false;
  let lastUnspaced = false;
  let lastEnd = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    let next = i + 1;
    if (next < length && text.charCodeAt(next) >= FIRST_MARK) {
      // Only then can the next code unit be a low surrogate or a combining mark.
      if (code >= 0xd800 && code <= 0xdbff) {
        const low = text.charCodeAt(next);
        if (low >= 0xdc00 && low <= 0xdfff) next++;
      }
      MARK_RUN.lastIndex = next;
      if (MARK_RUN.test(text)) next = MARK_RUN.lastIndex;
    }
    let folded: string;
    let unspaced = false;
    if (next === i + 1 && code < 0x80) {
      // ASCII fast path: most catalog names and prompts are plain ASCII.
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) folded = text[i];
      else if (code >= 0x41 && code <= 0x5a) folded = String.fromCharCode(code + 0x20);
      else folded = ' ';
    } else {
      folded = foldCluster(text.slice(i, next));
      unspaced = UNSPACED_SCRIPT.test(folded);
    }
    for (let k = 0; k < folded.length; k++) {
      const ch = folded[k];
      if (ch === ' ') {
        pendingSeparator = true;
        continue;
      }
      // Scripts written without spaces end a word where they meet another ("Fleetwood Macっぽい曲").
      if (unspaced !== lastUnspaced) pendingSeparator = true;
      lastUnspaced = unspaced;
      if (pendingSeparator && out.length > 0) {
        out += ' ';
        // Between clusters the separator spans the gap; inside one ("½" → "1⁄2") the cluster.
        const inside = lastEnd > i;
        starts?.push(inside ? i : lastEnd);
        ends?.push(inside ? next : i);
      }
      pendingSeparator = false;
      out += ch;
      // Every code unit of an expansion ("ﬁ" → "fi") maps to the whole source cluster.
      starts?.push(i);
      ends?.push(next);
      lastEnd = next;
    }
    i = next;
  }
  return out;
}

/** Scripts written without spaces between words: where one meets a spaced script, a word ends. */
const UNSPACED_SCRIPT = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}]/u;
const MIXABLE = /[\u0370-\u052f]/;
const LATIN_LETTER = /[a-z]/;
const MIXED_WORD = /[^ ]*[a-z][^ ]*/g;

/**
 * In each word mixing Latin with Greek or Cyrillic letters, the Greek and
 * Cyrillic ones become the Latin letter they are confusable with. The source
 * character (before case folding) is looked up, since the skeleton depends on
 * case: Greek "Ν" is an N, its lower case "ν" a v. Lengths do not change, so
 * the offsets stay.
 */
function foldMixedScript(text: string, normalized: string, starts: readonly number[]): string {
  return normalized.replace(MIXED_WORD, (word, at: number) => {
    if (!MIXABLE.test(word)) return word;
    let folded = '';
    for (let k = 0; k < word.length; k++) {
      const ch = word[k];
      const code = ch.charCodeAt(0);
      if (code < 0x370 || code > 0x52f) {
        folded += ch;
        continue;
      }
      const source = String.fromCodePoint(text.codePointAt(starts[at + k])!);
      folded += LATIN_LOOK_ALIKE.get(source) ?? LATIN_LOOK_ALIKE.get(ch) ?? ch;
    }
    return folded;
  });
}

/**
 * Greek and Cyrillic letters → the lower-case Latin letter with the same
 * UTS #39 skeleton, from the Unicode confusables data (package `unhomoglyph`:
 * confusables.txt 13.0 as plain JSON, MIT; the other registry packages carry
 * older data (Unicode 10), a hand-made table, or a native binary). A letter
 * whose skeleton no Latin letter shares (Cyrillic "п") is kept.
 */
const LATIN_LOOK_ALIKE: ReadonlyMap<string, string> = (() => {
  const data = confusables as Record<string, string>;
  const skeleton = (ch: string) => data[ch] ?? ch;
  const latinBySkeleton = new Map<string, string[]>();
  for (let c = 0x41; c <= 0x7a; c++) {
    if (c > 0x5a && c < 0x61) continue;
    const latin = String.fromCharCode(c);
    const list = latinBySkeleton.get(skeleton(latin)) ?? [];
    list.push(latin);
    latinBySkeleton.set(skeleton(latin), list);
  }
  const map = new Map<string, string>();
  for (const ch of Object.keys(data)) {
    if (!/^[\p{Script=Greek}\p{Script=Cyrillic}]$/u.test(ch)) continue;
    const latin = latinBySkeleton.get(skeleton(ch));
    if (latin === undefined) continue;
    // "І" (Cyrillic) and "I" share the skeleton "l" with "l": prefer the Latin letter of the same case.
    const upper = ch !== ch.toLowerCase();
    const same = latin.find((l) => (l !== l.toLowerCase()) === upper) ?? latin[0];
    map.set(ch, same.toLowerCase());
  }
  return map;
})();

/**
 * Normalizes text for catalog matching and maps each normalized code unit back
 * to the original string.
 *
 * Applies NFKC, lowercasing (plus ß→ss, ς→σ), removes diacritics (NFD, strip
 * \p{M}), and collapses every run of non-letter/non-digit characters (spaces,
 * punctuation, symbols, emoji) into one space, trimmed at both ends.
 *
 * @param text - Any string, e.g. a user prompt.
 * @returns The normalized string and, for each of its UTF-16 code units, the
 *   `[starts[k], ends[k])` UTF-16 range of the original character it came from.
 */
export function normalizeForMatching(text: string): NormalizedText {
  const starts: number[] = [];
  const ends: number[] = [];
  const normalized = scan(text, starts, ends);
  return { normalized, starts, ends };
}

/**
 * Normalizes text like {@link normalizeForMatching} without the offset map;
 * the cheap form used for catalog entries.
 *
 * @param text - Any string.
 * @returns Words separated by single spaces; empty when the text has no word characters.
 */
export function normalizeText(text: string): string {
  // Printable ASCII (most catalog names) needs no Unicode folding: native string
  // functions do it many times faster than the scan, which matters at 10 million entries.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase().replace(ASCII_NON_WORD, ' ').trim();
  return scan(text);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_NON_WORD = /[^a-z0-9]+/g;
// eslint-disable-next-line no-control-regex -- every ASCII code unit, controls included, takes the fast path
const ASCII = /^[\x00-\x7f]*$/;

/** A lower-case ASCII letter or a digit. */
function isAsciiWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** The normalized words of a text, each with the UTF-16 range of the original it came from. */
export interface WordSpans {
  words: string[];
  /** Original offset of each word's first code unit. */
  wordStart: number[];
  /** Original exclusive end of each word's last code unit (its combining marks included). */
  wordEnd: number[];
}

/**
 * Splits text into its normalized words ({@link normalizeForMatching}'s,
 * cut at its spaces), each with where it was written.
 *
 * @param text - Any string, e.g. a user prompt.
 * @returns Parallel arrays, empty for text without word characters.
 */
export function wordSpans(text: string): WordSpans {
  const words: string[] = [];
  const wordStart: number[] = [];
  const wordEnd: number[] = [];
  // ASCII (most prompts): a word is a run of letters and digits, lower-cased. Same result as the scan, without
  // its two offsets and one string piece per character (most of what screening a 2 KB prompt allocated).
  if (ASCII.test(text)) {
    // Lower case keeps every offset in ASCII; each word is then one slice of it.
    const lower = text.toLowerCase();
    const length = lower.length;
    for (let i = 0; i < length;) {
      if (!isAsciiWordCode(lower.charCodeAt(i))) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < length && isAsciiWordCode(lower.charCodeAt(end))) end++;
      words.push(lower.slice(i, end));
      wordStart.push(i);
      wordEnd.push(end);
      i = end;
    }
    return { words, wordStart, wordEnd };
  }
  const { normalized, starts, ends } = normalizeForMatching(text);
  if (normalized === '') return { words, wordStart, wordEnd };
  for (let from = 0; ;) {
    const at = normalized.indexOf(' ', from);
    const to = at === -1 ? normalized.length : at;
    words.push(normalized.slice(from, to));
    wordStart.push(starts[from]);
    wordEnd.push(ends[to - 1]);
    if (at === -1) return { words, wordStart, wordEnd };
    from = at + 1;
  }
}

/**
 * Splits text into its normalized words.
 *
 * @param text - Any string.
 * @returns The words of {@link normalizeText}, in order; `[]` for text without word characters.
 */
export function normalizedWords(text: string): string[] {
  const normalized = scan(text);
  return normalized === '' ? [] : normalized.split(' ');
}
