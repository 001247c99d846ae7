import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogKind } from '../../src/domain/enums';
import { LyricShinglesBuilder, lyricQuotes, MAX_SEED_POSTINGS } from '../../src/domain/screening/lyrics';
import { CatalogEntryFact, ScreeningIndex } from '../../src/domain/screening/screening-index';

const LYRIC = 'we painted all the windows blue the summer that the river froze and every clock in kestrel bay forgot the hour';
const WORDS = LYRIC.split(' ');
const index = ScreeningIndex.build([
  { id: 'lyric', kind: CatalogKind.LYRICS, text: LYRIC },
  { id: 'other', kind: CatalogKind.LYRICS, text: 'a lantern swinging low above the harbour wall and all the boats came home' },
]);

/** Words `from`..`from + count - 1` of the lyric, edited. */
function edited(from: number, count: number, edit: (words: string[]) => void = () => undefined): string {
  const words = WORDS.slice(from, from + count);
  edit(words);
  return words.join(' ');
}

/** Lyric matches as [entryId, highlighted slice, evidence]. */
function lyricMatches(input: string): [string, string, string[]][] {
  return index
    .screen(input)
    .matches.filter((m) => m.kind === CatalogKind.LYRICS)
    .map((m) => [m.entryId, input.slice(m.start, m.end), m.evidence]);
}

describe('a quote of a lyric with small edits still blocks', () => {
  // Eight lyric words from "the windows" to "the river": a window of eight at the default threshold.
  test.each([
    ['exact', edited(3, 8), '8 consecutive words of the lyric'],
    ['one word changed', edited(3, 8, (w) => w.splice(3, 1, 'green')), 'lyrics, 7 of 8 words in order'],
    ['one word dropped', edited(3, 8, (w) => w.splice(4, 1)), 'lyrics, 7 of 8 words in order'],
    ['one word inserted', edited(3, 8, (w) => w.splice(4, 0, 'whole')), 'lyrics, 8 of 9 words in order'],
    ['one word misspelt', edited(3, 8, (w) => w.splice(4, 1, 'sumer')), 'lyrics, 7 of 8 words in order'],
    ['one word changed near the start', edited(3, 8, (w) => w.splice(1, 1, 'doors')), 'lyrics, 7 of 8 words in order'],
    ['two words changed apart in sixteen', edited(2, 16, (w) => w.splice(3, 2, 'shutters', 'red')), 'lyrics, 14 of 16 words in order'],
    [
      'one word in eight changed through the whole lyric',
      edited(0, 21, (w) => [3, 11, 19].forEach((i) => (w[i] = 'x'))),
      'lyrics, 18 of 21 words in order',
    ],
    ['three in a row changed in twenty', edited(0, 20, (w) => w.splice(8, 3, 'x', 'y', 'z')), 'lyrics, 17 of 20 words in order'],
    [
      'a word dropped and another inserted',
      edited(2, 16, (w) => (w.splice(3, 1), w.splice(9, 0, 'slowly'))),
      'lyrics, 15 of 17 words in order',
    ],
  ])('%s', (_name, quote, evidence) => {
    const input = `please sing "${quote}" in a jazzy way`;
    expect(lyricMatches(input)).toEqual([['lyric', quote, [evidence]]]);
    expect(index.screen(input).allowed).toBe(false);
  });
});

describe('what does not quote a lyric', () => {
  test.each([
    ['seven exact words', edited(3, 7)],
    ['two adjacent words changed in eight', edited(3, 8, (w) => w.splice(3, 2, 'green', 'winter'))],
    ['a change at the edge leaves seven exact words', edited(3, 8, (w) => (w[7] = 'sea'))],
    ['two drops in eight', edited(3, 8, (w) => (w.splice(5, 1), w.splice(2, 1)))],
    [
      'a paraphrase sharing only common words',
      'we painted the walls all blue that summer when the river froze over and the clocks stopped',
    ],
    ['lyric words out of order', `${edited(12, 4)} ${edited(0, 4)} ${edited(16, 4)}`],
    ['seven lyric words with one added', edited(3, 7, (w) => w.splice(3, 0, 'bright'))],
    ['two lyrics half each', `${edited(0, 4)} lantern swinging low above`],
  ])('%s', (_name, quote) => {
    expect(lyricMatches(`please sing "${quote}" in a jazzy way`)).toEqual([]);
  });
});

describe('spans and evidence', () => {
  test('the highlight covers the edited quote in the original text', () => {
    const input = 'Sing: "We PAINTED all the doors — blue, the summer that the river FROZE!" 🎵';
    expect(lyricMatches(input)).toEqual([
      ['lyric', 'We PAINTED all the doors — blue, the summer that the river FROZE', ['lyrics, 11 of 12 words in order']],
    ]);
  });

  test('an unquoted edited run blocks too', () => {
    const input = `make a folk song about how ${edited(0, 12, (w) => w.splice(4, 1, 'shutters'))} and then a chorus`;
    expect(index.screen(input).allowed).toBe(false);
  });

  test('two edited quotes of one lyric far apart are two matches', () => {
    const a = edited(0, 9, (w) => w.splice(3, 1, 'old'));
    const b = edited(13, 9, (w) => w.splice(4, 1, 'kestrels'));
    expect(lyricMatches(`${a}, and later on, ${b}`).map(([id, slice]) => [id, slice])).toEqual([
      ['lyric', a],
      ['lyric', b],
    ]);
  });

  test('a repeated chorus with an edit is reported once', () => {
    const chorus = 'hold the lantern higher now and count the boats that never came';
    const song = ScreeningIndex.build([
      { id: 'song', kind: CatalogKind.LYRICS, text: `${chorus} verse one goes here ${chorus} verse two` },
    ]);
    const input = 'sing hold the lantern higher now and count all the boats that never came';
    expect(song.screen(input).matches.map((m) => [m.entryId, input.slice(m.start, m.end), m.evidence])).toEqual([
      ['song', 'hold the lantern higher now and count all the boats that never came', ['lyrics, 12 of 13 words in order']],
    ]);
  });
});

describe('lyricQuotes', () => {
  const build = (minWords: number, ...lyrics: string[]) => {
    const builder = new LyricShinglesBuilder(minWords);
    lyrics.forEach((l, i) => builder.add(i, l));
    return builder.finish();
  };

  test.each([
    // [threshold, prompt, expected [entry, first, last, matched, window]]
    [8, 'one two three four five six seven eight', [[0, 0, 7, 8, 8]]],
    [8, 'one two three four xx six seven eight', [[0, 0, 7, 7, 8]]],
    [8, 'one two three four six seven eight nine', [[0, 0, 7, 8, 9]]],
    [8, 'zz one two three four five six seven zz', []],
    [3, 'one two three', [[0, 0, 2, 3, 3]]],
    [3, 'one xx three', []],
    [2, 'two three', [[0, 0, 1, 2, 2]]],
  ])('threshold %d: %j', (minWords, prompt, expected) => {
    const lyrics = build(minWords, 'one two three four five six seven eight nine ten');
    const quotes = lyricQuotes(lyrics, prompt.split(' ')).map((q) => [q.entry, q.first, q.last, q.matched, q.window]);
    expect(quotes).toEqual(expected);
  });

  test('seeds common to many lyrics still find every exact quote, through the longer shingle', () => {
    const many = Array.from({ length: MAX_SEED_POSTINGS + 4 }, (_, i) => `intro${i} i love you so much my dear friend outro${i} and more`);
    const lyrics = build(8, ...many);
    const exact = lyricQuotes(lyrics, 'sing i love you so much my dear friend now'.split(' '));
    expect(exact.map((q) => [q.entry, q.first, q.last, q.matched, q.window])).toEqual(many.map((_, i) => [i, 1, 8, 8, 8]));
    // With the rare first word the seed is rare again, and an edit is tolerated.
    expect(
      lyricQuotes(lyrics, 'intro3 i love you so much my darling friend'.split(' ')).map((q) => [q.entry, q.matched, q.window]),
    ).toEqual([[3, 8, 9]]);
  });

  test('a lyric shorter than the threshold is not indexed', () => {
    expect(new LyricShinglesBuilder(8).add(0, 'one two three four five six seven')).toBe(false);
  });
});

describe('ordinary prose does not match lyrics by accident', () => {
  // Made-up lyrics full of the phrases music descriptions use, so their
  // four-word seeds do hit the captions and only the alignment can say no.
  const CLICHES: CatalogEntryFact[] = [
    'this song may be playing when you call my name and i will dance all night long under the city lights',
    'i love you more than words can say i love you in the morning and i love you in the night when the music fades',
    'there is a male voice singing in my head the tempo is slow and my heart is beating fast like a drum in the dark',
    'the low quality recording of our summer plays on the radio the recording is noisy but i still hear you singing along',
    'this piece could be used to mend a heart about a boy and a girl who never said goodbye',
    'there are no other voices in this room just the sound of the rain and a guitar playing soft and slow',
    'in the background the drums are playing and the crowd is singing the main melody of a song we used to know',
  ].map((text, i) => ({ id: `cliche-${i}`, kind: CatalogKind.LYRICS, text }));
  const captions: string[] = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'screening-eval', 'prompts-dev.json'), 'utf8'));
  const cliches = ScreeningIndex.build(CLICHES);

  test('the lyrics share four-word phrases with many captions', () => {
    const seeds = new Set<string>();
    for (const { text } of CLICHES) {
      const w = text.split(' ');
      for (let i = 0; i + 4 <= w.length; i++) seeds.add(w.slice(i, i + 4).join(' '));
    }
    const sharing = captions.filter((c) => {
      const w = c.toLowerCase().match(/[a-z0-9]+/g) ?? [];
      for (let i = 0; i + 4 <= w.length; i++) if (seeds.has(w.slice(i, i + 4).join(' '))) return true;
      return false;
    });
    expect(sharing.length).toBeGreaterThan(1000);
  });

  test('no MusicCaps caption matches them', () => {
    const blocked = captions.filter((c) => cliches.screen(c).matches.length > 0);
    expect(blocked).toEqual([]);
  });
});
