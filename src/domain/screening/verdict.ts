// How one catalog name found in a prompt is judged: a reference (BLOCK), an
// ambiguous mention (REVIEW) or common words used as words (not reported).
// Points for each piece of evidence add up against two thresholds; how common
// the name's words are in ordinary language comes from word-frequency data.
// Pure: the index measures the features, this decides.

import { MatchVerdict, ScreeningOverride } from '../enums';

/** How the span is written, compared with the rest of the prompt. */
export enum Casing {
  /** Capitalised like a name in a prompt that uses case (not all lower or all capitals). */
  NAME = 'NAME',
  /** Three or more words, every one capitalised, in a prompt that uses case ("My True Love"): prose does not do that. */
  TITLE = 'TITLE',
  /** Lower case in a prompt that capitalises elsewhere: the writer did not treat it as a name. */
  LOWER = 'LOWER',
  /** The prompt is all lower case or all capitals: case says nothing. */
  UNCASED = 'UNCASED',
  /** One capitalised word opening a sentence, digits, or a word capitalised by grammar ("I"): case says nothing. */
  INITIAL = 'INITIAL',
  /** Written in capitals in a prompt that uses case ("KISS", "LFO"): acronyms are written so too, so it says less than NAME. */
  CAPITALS = 'CAPITALS',
}

/** What the index measured about one name in one prompt. */
export interface MatchFeatures {
  /** Words in the name. */
  words: number;
  /** Zipf value of its rarest word (0 = not in the frequency list). */
  rarestZipf: number;
  /** Zipf value of its most common word: a name of several words none of them common is distinctive ("Bohemian Rhapsody"). */
  commonestZipf: number;
  /** Quote marks right around the span. */
  quoted: boolean;
  /** A cue phrase right before the span ("in the style of"), or null. */
  cueBefore: string | null;
  /** A cue word right after the span ("style", "cover"), or null. */
  cueAfter: string | null;
  casing: Casing;
  /** Text of a related catalog entry (the title's own artist, …) also named in the prompt, or null. */
  related: string | null;
  override: ScreeningOverride;
}

/** Cue phrases that say a name follows; the rest of the list ("by", "like", nouns) is weaker, being common in descriptions. */
export const STRONG_CUES: readonly string[] = [
  'in the style of',
  'style of',
  'in the vein of',
  'sounds like',
  'sound like',
  'sounding like',
  'cover of',
  'covering',
  'called',
  'titled',
  'entitled',
  'named',
  'inspired by',
  'reminiscent of',
  'similar to',
  'remix of',
  'version of',
  'performed by',
  'sung by',
  'written by',
  'produced by',
  'recorded by',
  'featuring',
  'feat',
  'ft',
];
export const WEAK_CUES: readonly string[] = [
  'by',
  'like',
  'artist',
  'band',
  'song',
  'album',
  'label',
  'singer',
  'rapper',
  'group',
  'track',
  'cover',
  'sing',
  'play',
];
/** Words after a name that make it one ("Queen style", "Fever cover"). */
export const CUES_AFTER: readonly string[] = ['style', 'styled', 'type', 'cover', 'remix', 'inspired', 'vibe', 'vibes'];

const STRONG_CUE_SET: ReadonlySet<string> = new Set(STRONG_CUES);
const NO_EVIDENCE: string[] = [];

// Points (see README "How a match is judged"). BLOCK at 3, REVIEW at 1.5.
export const BLOCK_AT = 3;
export const REVIEW_AT = 1.5;
/** Enough to block on sight, even written in lower case amid capitals. */
const DISTINCTIVE = 4;
const QUOTED = 3;
const STRONG_CUE = 2.5;
const WEAK_CUE = 1.5;
const CUE_AFTER = 1.5;
const RELATED = 3;
const CASING: Record<Casing, [single: number, several: number]> = {
  [Casing.NAME]: [2, 2.5],
  [Casing.TITLE]: [3, 3],
  [Casing.LOWER]: [-1, -1],
  [Casing.UNCASED]: [1.5, 1.5],
  [Casing.INITIAL]: [0, 0],
  [Casing.CAPITALS]: [1, 1],
};

/** Zipf bands of the rarest word: below RARE a name is distinctive, from VERY_COMMON on it is grammar. */
export const RARE_BELOW = 2;
export const UNCOMMON_BELOW = 3.5;
export const VERY_COMMON_FROM = 6;

/** Points a name earns from its own words, before any cue. */
export function rarityPoints(words: number, rarestZipf: number, commonestZipf: number): number {
  if (words > 1 && commonestZipf < UNCOMMON_BELOW) return DISTINCTIVE;
  if (rarestZipf < RARE_BELOW) return words > 1 ? DISTINCTIVE : 1.5;
  if (rarestZipf < UNCOMMON_BELOW) return words > 1 ? 2.5 : 0.5;
  if (rarestZipf < VERY_COMMON_FROM) return 0;
  return -2;
}

export interface Verdict {
  verdict: MatchVerdict | null;
  /** The cues that decided it, in words. */
  evidence: string[];
  points: number;
}

/**
 * Judges one name (not lyrics: a quoted lyric run always blocks).
 *
 * @param f - What the index measured.
 * @returns BLOCK, REVIEW or null (not reported), with the evidence.
 */
export function decideVerdict(f: MatchFeatures): Verdict {
  if (f.override === ScreeningOverride.ALWAYS) return { verdict: MatchVerdict.BLOCK, evidence: ['override ALWAYS'], points: Infinity };
  if (f.override === ScreeningOverride.NEVER) return { verdict: null, evidence: ['override NEVER'], points: -Infinity };
  const rarity = rarityPoints(f.words, f.rarestZipf, f.commonestZipf);
  const points =
    rarity +
    (f.quoted ? QUOTED : 0) +
    (f.cueBefore === null ? 0 : STRONG_CUE_SET.has(f.cueBefore) ? STRONG_CUE : WEAK_CUE) +
    (f.cueAfter === null ? 0 : CUE_AFTER) +
    (f.related === null ? 0 : RELATED) +
    CASING[f.casing][f.words > 1 ? 1 : 0];
  const verdict = points >= BLOCK_AT ? MatchVerdict.BLOCK : points >= REVIEW_AT ? MatchVerdict.REVIEW : null;
  // Most names in a prompt are common words used as words: their evidence is never shown, so never built.
  return { verdict, evidence: verdict === null ? NO_EVIDENCE : evidenceOf(f, rarity), points };
}

function evidenceOf(f: MatchFeatures, rarity: number): string[] {
  const evidence: string[] = [];
  if (rarity >= DISTINCTIVE) evidence.push(`distinctive name (word zipf ${f.rarestZipf.toFixed(1)}–${f.commonestZipf.toFixed(1)})`);
  else {
    const band =
      f.rarestZipf < RARE_BELOW
        ? 'rare'
        : f.rarestZipf < UNCOMMON_BELOW
          ? 'uncommon'
          : f.rarestZipf < VERY_COMMON_FROM
            ? 'common'
            : 'very common';
    evidence.push(`${band} words (zipf ${f.rarestZipf.toFixed(1)})`);
  }
  if (f.quoted) evidence.push('quoted');
  if (f.cueBefore !== null) evidence.push(`after "${f.cueBefore}"`);
  if (f.cueAfter !== null) evidence.push(`before "${f.cueAfter}"`);
  if (f.related !== null) evidence.push(`with related "${f.related}"`);
  if (f.casing === Casing.NAME) evidence.push('capitalised as a name');
  else if (f.casing === Casing.TITLE) evidence.push('every word capitalised, as a title');
  else if (f.casing === Casing.CAPITALS) evidence.push('written in capitals');
  else if (f.casing === Casing.LOWER) evidence.push('lower case in a capitalised prompt');
  else if (f.casing === Casing.UNCASED) evidence.push('prompt without case');
  return evidence;
}
