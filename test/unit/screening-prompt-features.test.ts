import { ScreeningOverride } from '../../src/domain/enums';
import {
  casingOf,
  cueAfter,
  cueBefore,
  endsSentence,
  isQuoted,
  measureSpan,
  promptContext,
  PromptContext,
  splitPrompt,
} from '../../src/domain/screening/prompt-features';
import { blankFeatures, Casing, MatchFeatures } from '../../src/domain/screening/verdict';
import { WordFrequency } from '../../src/domain/screening/word-frequency';

// Counts per billion words, so each Zipf value is log10 of the count: "I" is very common and written capitalised.
const frequency = WordFrequency.fromCounts(
  [
    { word: 'I', count: 2_000_000 },
    { word: 'the', count: 3_000_000 },
    { word: 'love', count: 100_000 },
    { word: 'song', count: 10_000 },
    { word: 'form', count: 50_000 },
    { word: 'a', count: 2_500_000 },
    { word: 'about', count: 1_500_000 },
    { word: 'with', count: 1_500_000 },
  ],
  1e9,
);

const tenths = (zipf: number): number => Math.round(zipf * 10) / 10;

/** The prompt's context and the word range of `phrase`, its first occurrence as whole words. */
function spanOf(prompt: string, phrase: string): { context: PromptContext; first: number; last: number } {
  const context = promptContext(splitPrompt(prompt), frequency);
  const wanted = splitPrompt(phrase).words;
  for (let first = 0; first + wanted.length <= context.words.length; first++) {
    if (wanted.every((word, k) => context.words[first + k] === word)) return { context, first, last: first + wanted.length - 1 };
  }
  throw new Error(`"${phrase}" is not in "${prompt}"`);
}

describe('splitPrompt', () => {
  test.each([
    ['Ana Lux', ['ana', 'lux'], ['Ana', 'Lux']],
    ['Café Éclipse!', ['cafe', 'eclipse'], ['Café', 'Éclipse']],
    ['Zoë Marlowe-Crane', ['zoe', 'marlowe', 'crane'], ['Zoë', 'Marlowe', 'Crane']],
    ['  AC/DC\t&  Guns N’ Roses\n', ['ac', 'dc', 'guns', 'n', 'roses'], ['AC', 'DC', 'Guns', 'N', 'Roses']],
    ['', [], []],
    [' -- 🎵 ', [], []],
  ])('%j', (text, words, written) => {
    const prompt = splitPrompt(text);
    expect(prompt.words).toEqual(words);
    expect(prompt.words.map((_, w) => text.slice(prompt.wordStart[w], prompt.wordEnd[w]))).toEqual(written);
  });
});

describe('endsSentence: whether the text between two words ends a sentence', () => {
  test.each([
    ['one. two', true],
    ['one! two', true],
    ['one? two', true],
    ['one; two', true],
    ['one: two', true],
    ['one\ntwo', true],
    ['one\r\ntwo', true],
    ['one • two', true],
    ['one, two', false],
    ['one - two', false],
    ['one (two', false],
    ['one two', false],
  ])('%j → %s', (text, expected) => {
    const { wordStart, wordEnd } = splitPrompt(text);
    expect(endsSentence(text, wordEnd[0], wordStart[1])).toBe(expected);
  });
});

describe('isQuoted: quote marks right around the span', () => {
  test.each([
    ['"Paper Satellites"', true],
    ['cover of “Paper Satellites” please', true],
    ['«Paper Satellites»', true],
    ['「Paper Satellites」', true],
    ['" Paper Satellites "', true],
    ["'Paper Satellites!'", true],
    ['"Paper Satellites..."', true],
    ['Paper Satellites', false],
    ['"Paper Satellites', false],
    ['Paper Satellites"', false],
    ['"Paper Satellites" by Ana', true],
    ['"Paper" Satellites', false],
    ['"Paper Satellites -"', false],
  ])('%j → %s', (text, expected) => {
    const start = text.indexOf('Paper');
    expect(isQuoted(text, start, text.indexOf('Satellites') + 'Satellites'.length)).toBe(expected);
  });
});

describe('cueBefore: the longest cue phrase right before the span', () => {
  test.each([
    ['a song in the style of Ana Lux', 'in the style of'],
    ['a song in the vein of Ana Lux', 'in the vein of'],
    ['something style of Ana Lux', 'style of'],
    ['make it sound like the Ana Lux', 'sound like'],
    ['written by a Ana Lux', 'written by'],
    ['a song like Ana Lux', 'like'],
    ['featuring Ana Lux', 'featuring'],
    // The phrases the suggestion takes out too.
    ['cajun à la Ana Lux', 'a la'],
    ['channel Ana Lux on a rainy day', 'channel'],
    ['a ballad channelling Ana Lux', 'channelling'],
    ['in the manner of Ana Lux', 'in the manner of'],
    ['influenced by Ana Lux', 'influenced by'],
    ['a tribute to Ana Lux', 'tribute to'],
    ['basically a rip-off of Ana Lux', 'rip off of'],
    ['synthwave for fans of Ana Lux', 'for fans of'],
    ['canción estilo Ana Lux', 'estilo'],
    ['une chanson dans le style de Ana Lux', 'style de'],
    ['à la manière de Ana Lux', 'maniere de'],
    ['ein Song im Stil von Ana Lux', 'stil von'],
    ['una canzone nello stile di Ana Lux', 'stile di'],
    ['nightcore Ana Lux', 'nightcore'],
    ['redo Ana Lux as trap', 'redo'],
    ['the band Ana Lux', 'band'],
    ['in the style of. Ana Lux', null],
    ['Ana Lux please', null],
    ['play Ana Lux', 'play'],
    ['warm pads and Ana Lux', null],
    ['the Ana Lux', null],
    // Hedges between a cue's words, up to three.
    ['it sounds kinda like Ana Lux', 'sounds like'],
    ['make it sound a bit more like Ana Lux', 'sound like'],
    ['it sounds just a little bit more like Ana Lux', 'like'],
    ['it sounds nothing like Ana Lux', 'like'],
    // An article and a period between the cue and the name, two words at most.
    ['sounds like early Ana Lux', 'sounds like'],
    ["in the style of the '80s Ana Lux", 'in the style of'],
    ['sounds like the old early Ana Lux', null],
    // A label in a brief names references after its colon; a title label does not.
    ['**Reference:** Ana Lux', 'reference:'],
    ['ref artists: Ana Lux', 'reference:'],
    ['Influences: Ana Lux', 'reference:'],
    ['similar artists: Ana Lux', 'reference:'],
    ['Title: Ana Lux', null],
    ['a reference Ana Lux', null],
    // Slips in cue words: swapped letters, a dropped letter in a long word; never a word of its own.
    ['a sogn in teh stlye of Ana Lux', 'in the style of'],
    ['a song liek Ana Lux', 'like'],
    ['inspred by Ana Lux', 'inspired by'],
    ['the beat form Ana Lux', null],
    // "Sounds like" and "a cover of" in other languages.
    ['der klingt wie Ana Lux', 'klingt wie'],
    ['una canción que suene a Ana Lux', 'suene a'],
    ['une reprise de Ana Lux', 'reprise de'],
    ['versão do Ana Lux', 'versao do'],
    ['canzone in stile Ana Lux', 'in stile'],
    ['une chanson façon Ana Lux', 'facon'],
    ['een nummer dat klinkt als Ana Lux', 'klinkt als'],
    ['piosenka w stylu Ana Lux', 'w stylu'],
    ['lagu ala Ana Lux', 'ala'],
    ['lagu seperti Ana Lux', 'seperti'],
    ['gaana Ana Lux ki tarah', null],
  ])('%j → %j', (prompt, expected) => {
    const { context, first } = spanOf(prompt, 'Ana Lux');
    expect(cueBefore(context, first)).toBe(expected);
  });
});

describe('cueAfter: a cue word right after the span', () => {
  test.each([
    ['Ana Lux style beat', 'style'],
    ['Ana Lux cover', 'cover'],
    ['an Ana Lux remix', 'remix'],
    ['Ana Lux vibes please', 'vibes'],
    ['Ana Lux, style', 'style'],
    // A word for a work is read after any name; verdict.ts weighs it after a performer only.
    ['Ana Lux song', 'song'],
    ['an Ana Lux track', 'track'],
    ['Ana Lux singing', null],
    // A title made again, in the name's own tag only: "instrumental" is a tag of its own too.
    ['Ana Lux instrumental', 'instrumental'],
    ['Ana Lux sped up', 'sped'],
    ['Ana Lux slowed + reverb', 'slowed'],
    ['Ana Lux remake but trap', 'remake'],
    ['Ana Lux mitai na kyoku', 'mitai'],
    ['Ana Lux, instrumental', null],
    ['Ana Lux, song', null],
    // A possessive: the cue after it, or a work one word further.
    ["Ana Lux's style", 'style'],
    ['Ana Lux’s new album', 'album'],
    ["Ana Lux's dog", null],
    ["Ana Lux's new friend's song", null],
    ["Ana Lux's. Album", null],
    ['Ana Lux s style', null],
    ['Ana Lux', null],
    // Chat after a name, in its own tag (verdict.ts weighs it after a performer only).
    ['that Ana Lux sound', 'sound'],
    ['big Ana Lux energy', 'energy'],
    ['Ana Lux era pop', 'era'],
    ["Ana Lux's sound", 'sound'],
    ['Ana Lux, sound design', null],
    // "Like" and "style" after the name, as Japanese, Korean, Turkish and Hindi put them.
    ['Ana Lux ppoi kyoku', 'ppoi'],
    ['Ana Lux gateun norae', 'gateun'],
    ['Ana Lux tarzında bir şarkı', 'tarzında'],
    ['Ana Lux jaisa gaana', 'jaisa'],
    ['Ana Lux, gibi', null],
  ])('%j → %j', (prompt, expected) => {
    const { context, last } = spanOf(prompt, 'Ana Lux');
    expect(cueAfter(context, last)).toBe(expected);
  });
});

describe('promptContext: case says something only when the prompt mixes it', () => {
  test.each([
    ['a song like ana lux', false],
    ['A SONG LIKE ANA LUX', false],
    ['PLAY SOMETHING LIKE Ana Lux now', false],
    ['A song like Ana Lux', true],
    ['a song like Ana Lux', true],
    ['409 808 909', false],
    // Title Case says nothing either; the "s" of a possessive and the "t" of "don't" take their word's case.
    ["A Pop Song About Pearl's Dog With Ana Lux", false],
    ["Don't Stop, Ana Lux", false],
    ["A pop song about Pearl's dog with Ana Lux", true],
  ])('%j → cased %s', (prompt, cased) => {
    expect(promptContext(splitPrompt(prompt), frequency).cased).toBe(cased);
  });

  test('sentence starts, capitals and word frequencies per word', () => {
    const context = promptContext(splitPrompt('Ana LUX. i sing 80s love'), frequency);
    expect(context.words).toEqual(['ana', 'lux', 'i', 'sing', '80s', 'love']);
    expect(context.sentenceInitial).toEqual([true, false, true, false, false, false]);
    expect(context.capital).toEqual([true, true, false, false, false, false]);
    expect(context.allCapitals).toEqual([false, true, false, false, false, false]);
    expect(context.hasLetter).toEqual([true, true, true, true, false, true]);
    expect(context.zipf.map(tenths)).toEqual([0, 0, 6.3, 0, 5, 5]);
    expect(context.usuallyCapital).toEqual([false, false, true, false, false, false]);
  });
});

describe('casingOf: how the span is written', () => {
  test.each([
    ['a song like ana lux', 'ana lux', Casing.UNCASED],
    ['A SONG LIKE ANA LUX', 'ana lux', Casing.UNCASED],
    ['A song like Ana Lux', 'Ana Lux', Casing.NAME],
    ['A song like Ana lux', 'Ana lux', Casing.NAME],
    ['A song like ana Lux', 'ana Lux', Casing.NAME],
    ['A song like ana lux', 'ana lux', Casing.LOWER],
    ['Play something like My True Love tonight', 'My True Love', Casing.TITLE],
    ['A song by KISS for me', 'KISS', Casing.CAPITALS],
    ['Songs from 1999 please', '1999', Casing.INITIAL],
    ['A song I like', 'I', Casing.INITIAL],
    ['Fever is a song', 'Fever', Casing.INITIAL],
    ['Make it. Hold on', 'Hold on', Casing.INITIAL],
    ['Make it. hold On', 'hold On', Casing.LOWER],
    ['Ana Lux wrote this', 'Ana Lux', Casing.NAME],
    ['Make it. Glass House Weather please', 'Glass House Weather', Casing.TITLE],
  ])('%j: %j → %s', (prompt, phrase, expected) => {
    const { context, first, last } = spanOf(prompt, phrase);
    expect(casingOf(context, first, last)).toBe(expected);
  });
});

describe('measureSpan: everything the prompt says about the span', () => {
  const blank = (): MatchFeatures => ({ ...blankFeatures(), related: 'left alone', override: ScreeningOverride.ALWAYS });

  test.each<[string, string, Partial<MatchFeatures>]>([
    [
      'Write a song in the style of "Ana Lux" please',
      'Ana Lux',
      { words: 2, rarestZipf: 0, commonestZipf: 0, quoted: true, cueBefore: 'in the style of', cueAfter: null, casing: Casing.NAME },
    ],
    [
      'I want a love song cover',
      'love song',
      { words: 2, rarestZipf: 4, commonestZipf: 5, quoted: false, cueBefore: null, cueAfter: 'cover', casing: Casing.LOWER },
    ],
    [
      'the song love',
      'love',
      { words: 1, rarestZipf: 5, commonestZipf: 5, cueBefore: 'song', cueNamesWork: false, casing: Casing.UNCASED },
    ],
    // "the song" names a work of several words that follows; "a song" does not.
    ['the song ana lux', 'ana lux', { cueBefore: 'song', cueNamesWork: true }],
    ['a song ana lux', 'ana lux', { cueBefore: 'song', cueNamesWork: false }],
  ])('%j: %j', (prompt, phrase, expected) => {
    const { context, first, last } = spanOf(prompt, phrase);
    const features = measureSpan(context, first, last, blank());
    expect({ ...features, rarestZipf: tenths(features.rarestZipf), commonestZipf: tenths(features.commonestZipf) }).toMatchObject(expected);
    // The catalog's part is the index's to fill.
    expect(features).toMatchObject({ related: 'left alone', override: ScreeningOverride.ALWAYS });
  });
});
