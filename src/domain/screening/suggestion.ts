// A way forward for a blocked prompt (policy 10(c)): the prompt with each
// blocked reference taken out together with the cue that introduced it ("in
// the style of", "a song called", "by", "-like", "vibes"), or replaced by the
// entry's description when an admin wrote one ("glam rock with operatic
// vocals"). Everything else stays as the user wrote it; only the seams where
// something was taken out are tidied (spaces, commas, a dangling "and").
// Self-contained: the cues are found here from the text around each span.
// Pure: no persistence, no I/O.

/** One blocked reference, as screening reported it. */
export interface BlockedReference {
  /** UTF-16 offset into the text. */
  start: number;
  /** UTF-16 offset into the text, exclusive. */
  end: number;
  entryId: string;
  /** The cue phrase that introduced it, when the matcher knows it; found here otherwise. */
  cue?: { start: number; end: number } | null;
}

/** An entry's description, when an admin set one. */
export type DescribeAsLookup = (entryId: string) => string | null | undefined;

interface Cue {
  words: readonly string[];
  /** Reads right before a description ("in the style of glam rock"), so a substitution keeps it. */
  keep: boolean;
}

const cues = (phrases: readonly string[], keep: boolean): Cue[] => phrases.map((p) => ({ words: p.split(' '), keep }));

/** Cues before a reference, longest first so "in the style of" wins over "style of". */
const BEFORE: readonly Cue[] = [
  ...cues(
    [
      'in the style of',
      'in the vein of',
      'in the manner of',
      'in the spirit of',
      'style of',
      'that sounds like',
      'which sounds like',
      'that sound like',
      'sounds like',
      'sound like',
      'sounding like',
      'just like',
      'like',
      'a la',
      'à la',
      'inspired by',
      'influenced by',
      'reminiscent of',
      'similar to',
      'akin to',
      'channeling',
      'channelling',
    ],
    true,
  ),
  ...cues(
    [
      'performed by',
      'sung by',
      'written by',
      'produced by',
      'recorded by',
      'composed by',
      'made by',
      'by',
      'from',
      'featuring',
      'feat',
      'ft',
      'with',
      'a cover of',
      'cover of',
      'covering',
      'a remix of',
      'remix of',
      'a version of',
      'version of',
      'a rendition of',
      'rendition of',
      'sampling',
      'called',
      'titled',
      'entitled',
      'named',
      'known as',
    ],
    false,
  ),
].sort((a, b) => b.words.length - a.words.length);

/** Cues that name a work: the noun before them ("a song called") may be what the user asked for. */
const NAMING: readonly Cue[] = cues(['known as', 'called', 'titled', 'entitled', 'named'], false);

/** Nouns that stand for what follows them ("the band Queen", "a song called ..."). */
const HEADS: ReadonlySet<string> = new Set([
  'song',
  'songs',
  'track',
  'tune',
  'single',
  'album',
  'record',
  'ep',
  'band',
  'artist',
  'singer',
  'rapper',
  'group',
  'label',
  'songwriter',
  'composer',
  'producer',
  'duo',
  'musician',
]);
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);
/** Words that cannot end a phrase: taken out when a removal leaves them before a comma or the end. */
const DANGLING: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'with',
  'of',
  'by',
  'from',
  'in',
  'featuring',
  'feat',
  'ft',
]);
const CONJUNCTION = /^(?:(?:and|or|nor)(?![\p{L}\p{N}\p{M}])|&|\+)\s*/iu;

/** A cue right after the reference, hyphenated ("Queen-like") or as its own word ("Queen vibes"). */
const AFTER_HYPHEN = /^[-‐–](like|esque|style|styled|inspired|influenced|type|ish|sounding|vibes?)(?![\p{L}\p{N}\p{M}])/iu;
const AFTER_WORD = /^[ \t]+(style|styled|type|inspired|influenced|sounding|esque|vibes?|cover|covers|remix)(?![\p{L}\p{N}\p{M}-])/iu;
/** After-cues that make the reference part of a noun phrase ("a Yesterday cover"): its article goes too. */
const NOUN_AFTER: ReadonlySet<string> = new Set(['cover', 'covers', 'remix']);
const POSSESSIVE = /^['’]s(?![\p{L}\p{N}\p{M}])/u;
const COORDINATION = /^(?:[ \t]*,)?[ \t]+(and|or|&|\+)[ \t]+/iu;

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '„', '‚', '`', '‹', '›', '「', '」']);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Punctuation a word does not need a space before. */
const CLOSING = /^[,;:.!?…)\]}]/;
/** Separators a removal can leave with nothing on one side: commas and the like, and a spaced dash. */
const SEPARATOR_AFTER = /^(?:[,;:]|[-–—](?=\s|$))/;
const SEPARATOR_BEFORE = /(?:[,;:]|(?:^|\s)[-–—])$/;
const SENTENCE_END = /[.!?…]$/;
/** Characters of the output kept open for mending; what lies before them is final. */
const MENDED_TAIL = 1024;

interface Word {
  word: string;
  start: number;
  end: number;
}

/** A stretch of the prompt to take out, and what a substitution keeps of it. */
interface Region {
  start: number;
  end: number;
  /** A cue kept in front of a description ("like"), or a conjunction kept before it ("Bowie and"). */
  lead: string;
  /** A conjunction kept after a description ("... and Bowie"). */
  trail: string;
  /** The reference is coordinated with what follows ("Queen and Bowie"): the cue before it belongs to both. */
  coordinated: boolean;
  /** The reference modifies a noun through an after-cue ("a Queen-style anthem"): a cue before it is not its own. */
  modifier: boolean;
  /** A cue before the reference was taken with it ("by Queen"): a description then stands as its own phrase. */
  cueTaken: boolean;
  descriptions: string[];
}

/**
 * The prompt rewritten without its blocked references.
 *
 * @param text - The prompt as screened.
 * @param blocked - The BLOCK matches (REVIEW ones stay in the prompt: do not pass them).
 * @param describeAs - The description an admin set for an entry, if any.
 * @returns The rewrite; the text itself when nothing is blocked; null when
 *   nothing usable is left (no letter or digit).
 */
export function suggestRewrite(
  text: string,
  blocked: readonly BlockedReference[],
  describeAs: DescribeAsLookup = () => null,
): string | null {
  if (blocked.length === 0) return text;
  const starts = new Set(blocked.map((b) => b.start));
  const regions = mergeRegions(
    text,
    blocked.map((b) => regionOf(text, b, starts, describeAs(b.entryId)?.trim() || null)),
  );
  // Seams are mended on the end of the output only: a long prompt with thousands of references stays linear.
  const done: string[] = [];
  let out = text.slice(0, regions[0].start);
  for (let i = 0; i < regions.length; i++) {
    const region = regions[i];
    const next = i + 1 < regions.length ? regions[i + 1].start : text.length;
    out = mend(out, region, text.slice(region.end, next), text[region.start], done.length === 0);
    if (out.length > 2 * MENDED_TAIL) {
      done.push(out.slice(0, out.length - MENDED_TAIL));
      out = out.slice(out.length - MENDED_TAIL);
    }
  }
  const result = (done.join('') + out).trim();
  return WORD_CHAR.test(result) ? result : null;
}

/** The stretch one reference takes out: the span, its quotes or possessive, and its cue. */
function regionOf(text: string, ref: BlockedReference, blockedStarts: ReadonlySet<number>, description: string | null): Region {
  let start = ref.start;
  let end = ref.end;
  const descriptions = description === null ? [] : [description];
  if (ref.cue) {
    const cueText = text.slice(ref.cue.start, ref.cue.end);
    const keep = ref.cue.end <= ref.start && BEFORE.some((c) => c.keep && c.words.join(' ') === cueText.toLowerCase().trim());
    return {
      start: Math.min(start, ref.cue.start),
      end: Math.max(end, ref.cue.end),
      lead: keep ? cueText.trim() : '',
      trail: '',
      coordinated: false,
      modifier: false,
      cueTaken: ref.cue.end <= ref.start,
      descriptions,
    };
  }
  if (start > 0 && QUOTES.has(text[start - 1]) && QUOTES.has(text[end] ?? '')) {
    start -= 1;
    end += 1;
  } else {
    end += POSSESSIVE.exec(text.slice(end, end + 3))?.[0].length ?? 0;
  }
  const rest = text.slice(end, end + 40);
  const after = AFTER_HYPHEN.exec(rest) ?? AFTER_WORD.exec(rest);
  if (after) {
    end += after[0].length;
  } else {
    const and = COORDINATION.exec(rest);
    const following = and ? end + and[0].length : -1;
    if (and && (blockedStarts.has(following) || looksLikeName(text, following))) {
      // "in the style of Queen and Bowie": the cue stays for Bowie.
      return { start, end: following, lead: '', trail: and[1], coordinated: true, modifier: false, cueTaken: false, descriptions };
    }
  }

  const plain = { start, end, lead: '', trail: '', coordinated: false, modifier: false, cueTaken: false, descriptions };
  const words = wordsBefore(text, start);
  const article = words[0] !== undefined && ARTICLES.has(words[0].word);
  if (after) {
    // A modifier ("a Queen-style anthem") keeps its article, unless the after-cue is the noun ("a Yesterday cover").
    const from = article && NOUN_AFTER.has(after[1].toLowerCase()) ? words[0].start : start;
    return { ...plain, start: from, modifier: true };
  }
  let i = article ? 1 : 0;
  let from = start;
  let lead = '';
  let found = false;
  const naming = matchCue(words, i, NAMING);
  if (naming) {
    i += naming.words.length;
    from = words[i - 1].start;
    found = true;
  }
  let headKept = false;
  if (words[i] !== undefined && HEADS.has(words[i].word)) {
    let j = i + 1;
    if (words[j] !== undefined && ARTICLES.has(words[j].word)) j++;
    // A named work ("write a song called X") is what the user asked for and stays, unless nothing else is
    // said of it ("A song called X, piano only"); a title before a name ("by the band X") goes with its cue.
    const opening = words.length === j && atBoundary(text, words[j - 1].start);
    if (opening || (naming === null && matchCue(words, j, BEFORE))) {
      i = j;
      from = words[j - 1].start;
      found = true;
    } else {
      headKept = true;
    }
  }
  const cue = headKept ? null : matchCue(words, i, BEFORE);
  if (cue) {
    const first = words[i + cue.words.length - 1];
    from = first.start;
    if (cue.keep) lead = text.slice(first.start, words[i].end);
    found = true;
  }
  if (found) return { ...plain, start: from, lead, cueTaken: true };
  // "Bowie and Queen": the conjunction goes with the reference.
  const conjunction = conjunctionBefore(text, start, words);
  if (conjunction) return { ...plain, start: conjunction.start, lead: conjunction.text };
  return plain;
}

/** Overlapping or space-separated regions become one, in text order. */
function mergeRegions(text: string, regions: Region[]): Region[] {
  const sorted = [...regions].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Region[] = [];
  for (const region of sorted) {
    const last = merged[merged.length - 1];
    if (last === undefined || region.start > last.end || text.slice(last.end, region.start).trim() !== '') {
      merged.push({ ...region, descriptions: [...region.descriptions] });
      continue;
    }
    if (region.end > last.end) {
      last.end = region.end;
      last.trail = region.trail;
      last.coordinated = region.coordinated;
    }
    for (const d of region.descriptions) if (!last.descriptions.includes(d)) last.descriptions.push(d);
  }
  return merged;
}

/**
 * Joins what comes before a region with what follows it, the region taken out
 * or replaced by its description, and tidies the seam.
 *
 * @param regionFirst - The region's first character: what now starts a sentence is capitalised if what was taken out was.
 * @param atTextStart - Nothing of the output lies before `before`.
 */
function mend(before: string, region: Region, after: string, regionFirst: string, atTextStart: boolean): string {
  const space = trailingSpace(before) + leadingSpace(after);
  const lineEndAfter = leadingSpace(after).includes('\n');
  const lineStartBefore = trailingSpace(before).includes('\n');
  // A cue left in front of the region was not taken with it: one of a coordinated group ("in the style of Queen and Bowie").
  const ownsCueBefore = !region.coordinated && !region.modifier;
  let left = before.trimEnd();
  let right = after.trimStart();
  const description = joinDescriptions(region.descriptions);

  if (description === null) {
    for (let changed = true; changed;) {
      changed = false;
      const atEnd = right === '' || lineEndAfter || CLOSING.test(right) || SEPARATOR_AFTER.test(right);
      const atStart = left === '' || lineStartBefore || /[([{.!?…]$/.test(end(left)) || SEPARATOR_BEFORE.test(end(left));
      const shorter =
        (ownsCueBefore ? withoutTrailingCue(left) : null) ??
        (atEnd ? withoutDanglingWord(left) : null) ??
        (atEnd && SEPARATOR_BEFORE.test(end(left)) ? left.slice(0, -1).trimEnd() : null);
      if (shorter !== null) {
        left = shorter;
        changed = true;
      } else if ((atStart || endsWithDanglingWord(left)) && CONJUNCTION.test(right)) {
        right = right.replace(CONJUNCTION, '');
        changed = true;
      } else if (atStart && SEPARATOR_AFTER.test(right)) {
        right = right.slice(1).trimStart();
        changed = true;
      } else if (left !== '' && right !== '' && isEmptyPair(left[left.length - 1], right[0])) {
        left = left.slice(0, -1).trimEnd();
        right = right.slice(1).trimStart();
        changed = true;
      }
    }
    if (startsSentence(left, atTextStart) && tookCapital(before, left, regionFirst)) right = capitalise(right);
    return glue(left, right, space, atTextStart);
  }

  // A cue the region did not take ("by" before "Queen and Bowie") stays only if it reads before a description.
  const leftCue = ownsCueBefore && region.lead === '' ? trailingCue(left) : null;
  const dropsCue = leftCue !== null && !leftCue.keep;
  if (dropsCue) left = left.slice(0, leftCue.at).trimEnd();
  let replacement = [region.lead, description, region.trail].filter((s) => s !== '').join(' ');
  if (startsSentence(left, atTextStart) && tookCapital(before, left, regionFirst)) replacement = capitalise(replacement);
  // Standing in for a cue and its name after a word, the description is set off as its own phrase
  // ("a ballad by Queen" -> "a ballad, glam rock with operatic vocals"); a kept cue or an article ties it in instead.
  const setOff =
    (region.cueTaken || dropsCue) &&
    region.lead === '' &&
    /[\p{L}\p{N}]$/u.test(end(left)) &&
    !endsWithDanglingWord(left) &&
    trailingCue(left) === null;
  const head = setOff ? `${left},` : left;
  const middle = setOff && /^[\p{L}\p{N}]/u.test(right) ? `${replacement},` : replacement;
  return glue(glue(head, middle, space, atTextStart), right, space, atTextStart);
}

/** Up to eight words right before `pos`, nearest first, stopping at punctuation ("feat." counts as a word). */
function wordsBefore(text: string, pos: number): Word[] {
  const words: Word[] = [];
  let at = pos;
  while (words.length < 8) {
    let end = at;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    let wordEnd = end;
    if (wordEnd > 0 && text[wordEnd - 1] === '.') wordEnd--;
    let start = wordEnd;
    while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
    if (start === wordEnd) break;
    const word = text.slice(start, wordEnd).toLowerCase();
    if (wordEnd !== end && word !== 'feat' && word !== 'ft') break;
    words.push({ word, start, end });
    at = start;
  }
  return words;
}

/** The longest cue whose words end at `words[from]` (words are nearest first). */
function matchCue(words: readonly Word[], from: number, list: readonly Cue[]): Cue | null {
  for (const cue of list) {
    const n = cue.words.length;
    if (from + n > words.length) continue;
    let same = true;
    for (let k = 0; k < n && same; k++) same = words[from + k].word === cue.words[n - 1 - k];
    if (same) return cue;
  }
  return null;
}

/** Only punctuation or the start of the text before `pos`. */
function atBoundary(text: string, pos: number): boolean {
  let at = pos;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  return at === 0 || !WORD_CHAR.test(text[at - 1]);
}

/** A capitalised word or a quote at `pos`: another name, not a description ("Queen and Bowie", not "Queen and heavy drums"). */
function looksLikeName(text: string, pos: number): boolean {
  const c = text[pos] ?? '';
  if (QUOTES.has(c)) return true;
  return /\p{Lu}/u.test(c) && !/^I(?![\p{L}\p{N}])/u.test(text.slice(pos, pos + 2));
}

function conjunctionBefore(text: string, pos: number, words: readonly Word[]): { start: number; text: string } | null {
  if (words[0] !== undefined && (words[0].word === 'and' || words[0].word === 'or')) {
    return { start: words[0].start, text: text.slice(words[0].start, words[0].end) };
  }
  let at = pos;
  while (at > 0 && /[ \t]/.test(text[at - 1])) at--;
  const c = text[at - 1];
  return c === '&' || c === '+' ? { start: at - 1, text: c } : null;
}

/** The cue a text ends with, and where it starts. */
function trailingCue(text: string): { at: number; keep: boolean } | null {
  const words = wordsBefore(text, text.length);
  const cue = matchCue(words, 0, BEFORE);
  if (cue === null) return null;
  const first = words[cue.words.length - 1];
  // "the band", "a song" before a dropped cue are left as written.
  return { at: first.start, keep: cue.keep };
}

function withoutTrailingCue(text: string): string | null {
  const cue = trailingCue(text);
  return cue === null ? null : text.slice(0, cue.at).trimEnd();
}

function withoutDanglingWord(text: string): string | null {
  if (/(?:^|\s)[&+]$/.test(end(text))) return text.slice(0, -1).trimEnd();
  return endsWithDanglingWord(text) ? text.slice(0, wordsBefore(text, text.length)[0].start).trimEnd() : null;
}

function endsWithDanglingWord(text: string): boolean {
  const [last] = wordsBefore(text, text.length);
  return last !== undefined && last.end === text.length && DANGLING.has(last.word);
}

function isEmptyPair(open: string, close: string): boolean {
  return (open === '(' && close === ')') || (open === '[' && close === ']') || (QUOTES.has(open) && QUOTES.has(close));
}

/** "A and B", "A, B and C". */
function joinDescriptions(descriptions: readonly string[]): string | null {
  if (descriptions.length === 0) return null;
  if (descriptions.length === 1) return descriptions[0];
  return `${descriptions.slice(0, -1).join(', ')} and ${descriptions[descriptions.length - 1]}`;
}

/**
 * Joins two pieces with one space (a line break if the seam had one), none
 * before closing punctuation; "a"/"an" at the seam agrees with the word that now follows.
 */
function glue(left: string, right: string, space: string, atTextStart: boolean): string {
  const separator = space.includes('\n') ? '\n' : ' ';
  // Mending reached the final part of the output: what follows still needs its space.
  if (left === '') return atTextStart || right === '' || CLOSING.test(right) ? right : separator + right;
  if (right === '') return left;
  const agreed = agreeArticle(left, right);
  if (CLOSING.test(right) || /[([{]$/.test(end(agreed))) return agreed + right;
  return agreed + separator + right;
}

function agreeArticle(left: string, right: string): string {
  const m = /(?:^|\s)(a|an)$/i.exec(end(left));
  if (m === null || !/^\p{L}/u.test(right)) return left;
  const vowel = /^[aeiou]/i.test(right);
  const article = m[1];
  const wanted = vowel ? 'an' : 'a';
  if (article.toLowerCase() === wanted) return left;
  const spelled = article[0] === 'A' ? wanted[0].toUpperCase() + wanted.slice(1) : wanted;
  return left.slice(0, left.length - article.length) + spelled;
}

function trailingSpace(text: string): string {
  let at = text.length;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  return text.slice(at);
}

function leadingSpace(text: string): string {
  return /^\s*/.exec(text)![0];
}

function startsSentence(left: string, atTextStart: boolean): boolean {
  return left === '' ? atTextStart : SENTENCE_END.test(end(left));
}

/** The last characters of a text: what an end-anchored pattern needs, without scanning a long output. */
function end(text: string): string {
  return text.length > 16 ? text.slice(-16) : text;
}

/** What was taken out after `left` (words of `before`, then the region) began with a capital. */
function tookCapital(before: string, left: string, regionFirst: string): boolean {
  const first = before.slice(left.length).trimStart()[0] ?? regionFirst;
  return /\p{Lu}/u.test(first);
}

function capitalise(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}
