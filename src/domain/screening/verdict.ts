// How one catalog name found in a prompt is judged: a reference (BLOCK), an
// ambiguous mention (REVIEW) or common words used as words (not reported).
// Points for each piece of evidence add up against two thresholds; how common
// the name's words are in ordinary language comes from word-frequency data.
// Pure: the index measures the features, this decides.

import { CatalogKind, MatchVerdict, ScreeningOverride } from '../enums';

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
  /** A period stands right before the span ("like early X", "like 80s X"): a performer's, or an ordinary word's ("80s radio"). */
  periodBefore: boolean;
  /** Named right after a noun the writer owns ("my dog Rosie", "my friend Krista Erdman"): a pet or person in the story. */
  namedInStory: boolean;
  /** A cue word right after the span ("style", "cover"), or null. */
  cueAfter: string | null;
  casing: Casing;
  /** Exactly a place: a city, country or state ("San Bernardino", "Kokomo"). */
  place: boolean;
  /** The span opens a sentence or a tag: its first capital is grammar's, not the name's. */
  opensSentence: boolean;
  /** Every word of the span that has a letter is capitalised ("Cozy Cole", not "This song"). */
  everyWordCapitalised: boolean;
  /** Text of a related catalog entry (the title's own artist, …) also named in the prompt, or null. */
  related: string | null;
  override: ScreeningOverride;
  /** The entry's kind: "X style" and "X vibes" say X is a performer. */
  kind: CatalogKind;
  /** The naming cue ("called", "named") follows a word for a piece of music ("a song called"), not a pet. */
  cueNamesWork: boolean;
  /** Used as a descriptor: inside a genre, instrument or mood the prompt names ("progressive pop"), or made of such words. */
  descriptor: boolean;
  /** The prompt is a list of two or more short tags. */
  tagList: boolean;
  /** The span is one whole tag of a tag list ("abba, female vocalist"), or the whole of a short prompt. */
  wholeTag: boolean;
  /** One word that is a common first name ("a song about Amanda"): a person, unless other evidence says otherwise. */
  firstName: boolean;
  /**
   * A first name the subtitles write capitalised ("Steve", not "chase"): its
   * count is how often films name people, not how ordinary the word is.
   */
  personName: boolean;
  /**
   * Two or three words opening with such a first name ("Peggy Lee", "Ray
   * Charles"): a person's full name. However common its words, the pair is
   * one person's, and a charting performer's full name in a prompt is that
   * performer far more often than a namesake.
   */
  fullName: boolean;
  /** The prompt opens with the span and says what to change ("TITLE, but slower"). */
  openingChange: boolean;
  /** ... and the span is that whole opening clause, cut off by a comma: its grammar words are the title's ("me to me, but faster"). */
  openingClause: boolean;
  /** Another catalog name (no descriptor) stands on the other side of "by" or " - ": "fever by peggy lee". */
  pairedBy: boolean;
  /** Part of a longer name the catalog lacks: a capitalised neighbour extends it ("Liam Gallagher"), or it lies inside a longer quoted title. */
  longerName: boolean;
}

/** Features of nothing measured yet: the index refills one such object per candidate. */
export function blankFeatures(): MatchFeatures {
  return {
    words: 0,
    rarestZipf: 0,
    commonestZipf: 0,
    quoted: false,
    cueBefore: null,
    cueAfter: null,
    periodBefore: false,
    namedInStory: false,
    casing: Casing.LOWER,
    opensSentence: false,
    everyWordCapitalised: false,
    place: false,
    related: null,
    override: ScreeningOverride.AUTO,
    kind: CatalogKind.SONG_TITLE,
    cueNamesWork: false,
    descriptor: false,
    tagList: false,
    wholeTag: false,
    firstName: false,
    personName: false,
    fullName: false,
    openingChange: false,
    openingClause: false,
    pairedBy: false,
    longerName: false,
  };
}

/** Strong cues a place takes as well as a performer: a place has a style, a sound and a spirit (see MANNER_CUES). */
export const MANNER_STRONG_CUES: readonly string[] = [
  'in the style of',
  'style of',
  'in the vein of',
  'sounds like',
  'sound like',
  'sounding like',
  'styled like',
  'styled after',
  'inspired by',
  'reminiscent of',
  // As the suggestion reads them too (suggestion.ts): phrases that say whose manner a prompt asks for.
  'in the manner of',
  'in the spirit of',
  'influenced by',
  'akin to',
  'a la',
  'channel',
  'channeling',
  'channelling',
  // Works made after another's: a tribute, homage, pastiche, parody or copy names whose.
  'tribute to',
  'homage to',
  'in homage of',
  // "In the style of" in the languages prompts are written in besides English: Spanish and Portuguese
  // ("estilo X", "al estilo de X", "no estilo de X"), French, German, Italian.
  'estilo',
  'estilo de',
  'style de',
  'maniere de',
  'stil von',
  'stile von',
  'stile di',
  'maniera di',
  'stijl van',
  // "Sounds like", "a cover / version of" in the same languages.
  'klingt wie',
  'klingt nach',
  'suena a',
  'suene a',
  'suena como',
  'suene como',
  'soa como',
  'estilo do',
  'estilo da',
  // The same in the other languages most music-generator prompts are written in: French, German,
  // Italian, Dutch, Polish, Indonesian and Hindi written in Latin letters.
  'facon',
  'ressemble a',
  'sonne comme',
  'ahnlich wie',
  'cover von',
  'version von',
  'in stile',
  'suona come',
  'simile a',
  'parecido a',
  'parecido com',
  'klinkt als',
  'klinkt zoals',
  'lijkt op',
  'cover van',
  'versie van',
  'w stylu',
  'brzmi jak',
  'w klimacie',
  'gaya',
  'ala',
  'mirip dengan',
  'ki tarah',
  'similar to',
];
/**
 * Cue phrases that say a name follows: naming phrases, and the verbs and
 * nouns that take a work as their object (remix, sample, "the chorus of",
 * "beat from"). "by", "like", "song", "called", "named" are weak: common in
 * descriptions and stories ("a dog named Max").
 */
export const STRONG_CUES: readonly string[] = [
  ...MANNER_STRONG_CUES,
  'cover of',
  'covering',
  'cover',
  'titled',
  'entitled',
  'remix',
  'remixing',
  'sample',
  'sampling',
  'interpolate',
  'interpolating',
  'interpolation of',
  'reimagine',
  'rework',
  'chorus of',
  'melody of',
  'hook of',
  'riff of',
  'bassline of',
  'intro of',
  'verse of',
  'beat of',
  'beat from',
  'instrumental of',
  'composed by',
  'pastiche of',
  'parody of',
  // Words as the prompt is split: "rip-off of" is rip off of.
  'rip off of',
  'ripoff of',
  'knock off of',
  'knockoff of',
  'for fans of',
  // "Recommended if you like", as reviews and shops tag a record; "to the tune of" a song.
  'riyl',
  'tune of',
  'wie von',
  'reprise de',
  'version de',
  'version del',
  'versao de',
  'versao do',
  'versao da',
  'versione di',
  'cover de',
  'cover di',
  // A title made again: "remake of", "nightcore X", "redo X".
  'remake of',
  'remake',
  'nightcore',
  'redo',
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
/** A field label naming references in a brief ("Reference: X", "Ref artists: X", "Influences: X"): a strong cue. */
export const LABEL_CUE = 'reference:';
/** "Like", in English and the languages prompts are written in: weak cues a place takes too. */
export const LIKE_CUES: readonly string[] = ['like', 'como', 'comme', 'wie', 'zoals', 'jak', 'seperti', 'kayak', 'mirip', 'tipo'];
export const WEAK_CUES: readonly string[] = [
  'called',
  'named',
  'by',
  'artist',
  'band',
  'song',
  'album',
  'label',
  'singer',
  'rapper',
  'group',
  'track',
  'sing',
  'play',
  ...LIKE_CUES,
];
/** Naming cues that are strong after a word for a piece of music ("a song called"), weak otherwise ("a dog named"). */
export const NAMING_CUES: readonly string[] = ['called', 'named'];
/** Words for a piece of music besides the descriptors ("a track called"). */
export const WORK_NOUNS: readonly string[] = ['track', 'tune', 'piece', 'album', 'record', 'single', 'ep', 'anthem', 'number', 'cut'];
/** A word for a work after a performer's name ("a russ song", "that drake track"): whose work it is. Weighs nothing after a title ("a summer song"). */
export const WORKS_AFTER: readonly string[] = ['song', 'songs', ...WORK_NOUNS];
/** Words after a name that make it one ("Queen style", "Fever cover", "System of a Down-like"), unless it is a descriptor. */
/** Cues after a name that a tag list also holds on their own ("far, instrumental"): cues only in the name's own tag. */
export const CUES_AFTER_IN_TAG: readonly string[] = [
  // A title made again: "X remake", "X instrumental", "X sped up", "X slowed + reverb".
  'remake',
  'instrumental',
  'sped',
  'slowed',
  // After the name in languages that put "like" or "style" there: Japanese "X mitai na", "X ppoi",
  // Korean "X gateun", "X neukkim", Turkish "X tarzında", "X gibi", Hindi "X jaisa".
  'mitai',
  'ppoi',
  'gateun',
  'neukkim',
  'tarzında',
  'gibi',
  'jaisa',
  'jaisi',
  'jaise',
];
/**
 * Chat after a performer's name that says whose sound a prompt wants ("that
 * Fleetwood Mac sound", "big Drake energy", "Taylor Swift era"): after a title,
 * one common word ("summer energy") or one word before "sound" ("the mono sound"), it is the word's own meaning.
 * In the name's own tag only.
 */
export const PERFORMER_CHAT_AFTER: readonly string[] = ['sound', 'energy', 'era', 'fans', 'fan'];
export const CUES_AFTER: readonly string[] = [
  'style',
  'styled',
  'type',
  'cover',
  'remix',
  'inspired',
  'vibe',
  'vibes',
  'esque',
  'parody',
  ...CUES_AFTER_IN_TAG,
  ...PERFORMER_CHAT_AFTER,
];

const STRONG_CUE_SET: ReadonlySet<string> = new Set([...STRONG_CUES, LABEL_CUE]);
const NAMING_CUE_SET: ReadonlySet<string> = new Set(NAMING_CUES);
const NO_EVIDENCE: string[] = [];

// Points (docs/screening.md "How a match is judged"), fitted on the tuning half of the evaluation.
export const BLOCK_AT = 3;
export const REVIEW_AT = 1.5;
/** Enough to block on sight, even written in lower case amid capitals. */
const DISTINCTIVE = 4;
/** One word that ordinary language hardly uses ("metallica"), once genre spellings count as descriptors. */
const RARE_WORD = 1.5;
const QUOTED = 3;
const STRONG_CUE = 2.5;
const WEAK_CUE = 1;
/** After one word ("summer vibes" is mostly a mood) / after several ("dean martin vibes" is a name) / "-like", which only follows a name. */
const CUE_AFTER: [single: number, several: number] = [2, 2.5];
const LIKE_AFTER = 2.5;
/** Joined to a name by a hyphen, these say whose sound: "System of a Down-like", "john-ish", "Prince-sounding". */
export const HYPHEN_CUES_AFTER: readonly string[] = ['like', 'ish', 'sounding'];
/** ... as prompt-features.ts reports them: "-like". */
const LIKE_AFTER_CUES: ReadonlySet<string> = new Set(HYPHEN_CUES_AFTER.map((w) => `-${w}`));
/** Cues after a name that say it is a performer's: after a performer they count as "-like" does. */
const PERFORMER_CUES_AFTER: ReadonlySet<string> = new Set(['style', 'styled', 'type', 'esque']);
const WORK_AFTER: ReadonlySet<string> = new Set(WORKS_AFTER);
/** Cues after a performer's name that say whose sound it is: a person in a story has no "vibes" ("otis vibes") nor songs. */
const STYLE_CUES_AFTER: ReadonlySet<string> = new Set([...PERFORMER_CUES_AFTER, 'vibe', 'vibes', ...WORK_AFTER, ...PERFORMER_CHAT_AFTER]);
const CHAT_AFTER: ReadonlySet<string> = new Set(PERFORMER_CHAT_AFTER);
const OPENING_CHANGE = 2.5;
const RELATED = 3;
/** "TITLE by ARTIST" with both in the catalog, even when the catalog does not relate them. */
const PAIRED_BY = 2;
/** One whole tag of a tag list: users list artists among genres ("abba, female vocalist"). */
const WHOLE_TAG = 2.5;
/**
 * The same for one common word ("bright", "hope", "fast") / one uncommon word
 * that is a title ("stormy", "unwritten"): users tag moods and images with
 * ordinary words, and over a thousand of them are chart titles. An uncommon
 * word that is a performer's name ("abba") keeps the full weight: performers
 * are what users list among their tags.
 */
const WHOLE_TAG_ONE_WORD: [common: number, uncommon: number] = [0.5, 1.5];
/** Used as a descriptor: outweighs a cue and a capital; quotes and the title's own artist still count. */
const DESCRIPTOR = -5;
/** A lone first name is a person in the prompt's story. */
const FIRST_NAME = -2;
/** ... and more so after a noun the writer owns ("my dog Rosie"): a pet or person, named. */
const NAMED_IN_STORY = -2;
/** Several words capitalised as a name, but one in lower case or the first opening a sentence. */
const NAME_PARTLY = 2.5;
const CASING: Record<Casing, [single: number, several: number]> = {
  [Casing.NAME]: [2, 3],
  [Casing.TITLE]: [3, 3],
  [Casing.LOWER]: [-1, -1],
  // All lower case is how most prompts are written: it says nothing.
  [Casing.UNCASED]: [0.5, 0.5],
  [Casing.INITIAL]: [0, 0],
  [Casing.CAPITALS]: [1, 1],
};

/** Zipf bands of the rarest word: below RARE a name is distinctive, from VERY_COMMON on it is grammar. */
export const RARE_BELOW = 2;
export const UNCOMMON_BELOW = 3.5;
export const VERY_COMMON_FROM = 6;

/** One uncommon word ("tempo"). */
const UNCOMMON_WORD = 0.5;
/** A performer's full name counts as a name of several uncommon words. */
const FULL_NAME = 2.5;

/** Points a name earns from its own words, before any cue. */
export function rarityPoints(words: number, rarestZipf: number, commonestZipf: number): number {
  if (words > 1 && commonestZipf < UNCOMMON_BELOW) return DISTINCTIVE;
  if (rarestZipf < RARE_BELOW) return words > 1 ? DISTINCTIVE : RARE_WORD;
  if (rarestZipf < UNCOMMON_BELOW) return words > 1 ? 2.5 : UNCOMMON_WORD;
  if (rarestZipf < VERY_COMMON_FROM) return 0;
  return -2;
}

/**
 * Rarity points of the name in this prompt. A performer's first name that
 * nothing makes a person in a story (a whole tag, "otis vibes") counts as an
 * uncommon word, however often films say it.
 */
function rarityOf(f: MatchFeatures, storyName: boolean): number {
  const rarity = rarityPoints(f.words, f.rarestZipf, f.commonestZipf);
  if (f.fullName && f.kind === CatalogKind.ARTIST) return Math.max(rarity, FULL_NAME);
  return f.personName && f.kind === CatalogKind.ARTIST && !storyName ? Math.max(rarity, UNCOMMON_WORD) : rarity;
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
  const storyName = (f.firstName || f.namedInStory) && !f.wholeTag && !strongCue(f) && !styleCueAfter(f);
  const rarity = rarityOf(f, storyName);
  const points =
    // A whole clause is no stretch of prose: grammar words there say nothing against a title.
    (f.openingClause ? Math.max(rarity, 0) : rarity) +
    (f.quoted && !f.longerName ? QUOTED : 0) +
    cuePoints(f) +
    cueAfterPoints(f) +
    (f.openingChange ? OPENING_CHANGE : 0) +
    (f.related === null ? 0 : RELATED) +
    (f.pairedBy && f.related === null ? PAIRED_BY : 0) +
    (f.wholeTag && !f.descriptor ? wholeTagPoints(f, rarity) : 0) +
    (f.descriptor && !f.quoted ? DESCRIPTOR : 0) +
    (storyName ? FIRST_NAME : 0) +
    (storyName && f.namedInStory ? NAMED_IN_STORY : 0) +
    // The capitals and quotes of a longer name are that name's, not this entry's.
    (f.longerName ? 0 : casingPoints(f));
  let verdict = points >= BLOCK_AT ? MatchVerdict.BLOCK : points >= REVIEW_AT ? MatchVerdict.REVIEW : null;
  // Part of a longer name the catalog does not hold, or a place nothing says is a work or a performer: at most worth a look.
  if (verdict === MatchVerdict.BLOCK && (f.longerName || (f.place && !workOrPerformer(f)))) verdict = MatchVerdict.REVIEW;
  // Most names in a prompt are common words used as words: their evidence is never shown, so never built.
  return { verdict, evidence: verdict === null ? NO_EVIDENCE : evidenceOf(f, rarity), points };
}

/**
 * Case points. A name of several words, every one capitalised inside a
 * sentence, is a name (+3: "give me Cozy Cole but salsa"); with a word in lower
 * case ("with a flute, This song has"), or opening a sentence, where its first
 * capital is grammar's ("The Drum & Bass song"), it says less (+2.5).
 */
function casingPoints(f: MatchFeatures): number {
  if (f.words > 1 && f.casing === Casing.NAME && (f.opensSentence || !f.everyWordCapitalised)) return NAME_PARTLY;
  return CASING[f.casing][f.words > 1 ? 1 : 0];
}

function wholeTagPoints(f: MatchFeatures, rarity: number): number {
  if (f.words > 1 || rarity >= RARE_WORD) return WHOLE_TAG;
  if (rarity <= 0) return WHOLE_TAG_ONE_WORD[0];
  return f.kind === CatalogKind.ARTIST ? WHOLE_TAG : WHOLE_TAG_ONE_WORD[1];
}

function cueAfterPoints(f: MatchFeatures): number {
  if (f.cueAfter === null) return 0;
  // "a song", "the track": after grammar words a work noun is grammar too.
  if (WORK_AFTER.has(f.cueAfter))
    return f.kind === CatalogKind.ARTIST && f.rarestZipf < VERY_COMMON_FROM ? CUE_AFTER[f.words > 1 ? 1 : 0] : 0;
  // "X type beat" names an artist's sound; before a title it is a kind of thing ("little girl type beat").
  if (f.cueAfter === 'type' && f.kind !== CatalogKind.ARTIST) return 0;
  if (CHAT_AFTER.has(f.cueAfter)) {
    if (f.kind !== CatalogKind.ARTIST) return 0;
    // One word before "sound" is mostly what makes it ("the mono sound", "a fast arpeggio sound"); before
    // "energy" or "era" it counts less than "-like", and nothing after a common word ("summer energy").
    if (f.words === 1) return f.cueAfter !== 'sound' && f.rarestZipf < UNCOMMON_BELOW ? CUE_AFTER[0] : 0;
    return LIKE_AFTER;
  }
  if (LIKE_AFTER_CUES.has(f.cueAfter) || (f.kind === CatalogKind.ARTIST && PERFORMER_CUES_AFTER.has(f.cueAfter))) return LIKE_AFTER;
  return CUE_AFTER[f.words > 1 ? 1 : 0];
}

/**
 * Cues a place takes as well as a performer: a place has a style, a sound and
 * a spirit ("reminiscent of Boston at night", "in the style of Memphis").
 */
const MANNER_CUES: ReadonlySet<string> = new Set([...MANNER_STRONG_CUES, ...LIKE_CUES, LABEL_CUE]);
/** Cues after a name that a place takes too ("Detroit style", "Miami vibes", "the Philly sound"). */
const MANNER_AFTER: ReadonlySet<string> = new Set(['style', 'styled', 'vibe', 'vibes', 'esque', ...PERFORMER_CHAT_AFTER]);

/** Evidence that a place name is a work or a performer: quotes, its own related entry, a cue no place takes. */
function workOrPerformer(f: MatchFeatures): boolean {
  if (f.quoted || f.related !== null || f.pairedBy || f.openingChange) return true;
  if (f.cueBefore !== null && (f.cueNamesWork || !(MANNER_CUES.has(f.cueBefore) || NAMING_CUE_SET.has(f.cueBefore)))) return true;
  return f.cueAfter !== null && !MANNER_AFTER.has(f.cueAfter) && cueAfterPoints(f) > 0;
}

/** "-like" after any name, or "style" / "vibes" after a performer's: the name is whose sound it is, not a person in a story. */
function styleCueAfter(f: MatchFeatures): boolean {
  return f.cueAfter !== null && (LIKE_AFTER_CUES.has(f.cueAfter) || (f.kind === CatalogKind.ARTIST && STYLE_CUES_AFTER.has(f.cueAfter)));
}

function strongCue(f: MatchFeatures): boolean {
  return f.cueBefore !== null && (STRONG_CUE_SET.has(f.cueBefore) || f.cueNamesWork);
}

function cuePoints(f: MatchFeatures): number {
  // "like 80s radio": across a period a cue names a performer ("like early Madonna"), not a title.
  if (f.cueBefore === null || (f.periodBefore && f.kind !== CatalogKind.ARTIST)) return 0;
  return strongCue(f) ? STRONG_CUE : WEAK_CUE;
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
  if (f.cueAfter !== null && cueAfterPoints(f) !== 0) evidence.push(`before "${f.cueAfter}"`);
  if (f.openingClause) evidence.push('the whole opening clause, then what to change');
  else if (f.openingChange) evidence.push('opens the prompt, then what to change');
  if (f.related !== null) evidence.push(`with related "${f.related}"`);
  else if (f.pairedBy) evidence.push('another catalog name across "by", " - " or "\'s"');
  if (f.descriptor) evidence.push('used as a descriptor');
  else if (f.wholeTag) evidence.push('a whole tag');
  if (f.firstName && !f.wholeTag) evidence.push('a first name');
  if (f.namedInStory) evidence.push('named after a noun the writer owns ("my dog X")');
  if (f.personName && f.kind === CatalogKind.ARTIST) evidence.push('a first name films write capitalised');
  if (f.fullName && f.kind === CatalogKind.ARTIST) evidence.push("a person's full name");
  if (f.longerName) evidence.push('part of a longer name');
  if (f.place) evidence.push('a place');
  if (f.casing === Casing.NAME) evidence.push('capitalised as a name');
  else if (f.casing === Casing.TITLE) evidence.push('every word capitalised, as a title');
  else if (f.casing === Casing.CAPITALS) evidence.push('written in capitals');
  else if (f.casing === Casing.LOWER) evidence.push('lower case in a capitalised prompt');
  else if (f.casing === Casing.UNCASED) evidence.push('prompt without case');
  return evidence;
}
