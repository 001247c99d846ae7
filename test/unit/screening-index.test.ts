import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CatalogKind, MatchVerdict } from '../../src/domain/enums';
import { CATALOG_CLAUSE } from '../../src/domain/screening/catalog-clauses';
import { CatalogEntryFact, ScreeningIndex, ScreeningMatch } from '../../src/domain/screening/screening-index';

const LYRIC = 'we painted all the windows blue the summer that the river froze and every clock in kestrel bay forgot the hour';

const CATALOG: CatalogEntryFact[] = [
  { id: 'artist-1', kind: CatalogKind.ARTIST, text: 'Ana Lux' },
  { id: 'artist-2', kind: CatalogKind.ARTIST, text: 'Zoë Marlowe-Crane' },
  { id: 'writer-1', kind: CatalogKind.SONGWRITER, text: 'Thaddeus Pellbright' },
  { id: 'song-1', kind: CatalogKind.SONG_TITLE, text: 'Lux Radio' },
  { id: 'song-2', kind: CatalogKind.SONG_TITLE, text: 'Paper Satellites' },
  { id: 'album-1', kind: CatalogKind.ALBUM_TITLE, text: 'Glasshouse Weather' },
  { id: 'album-2', kind: CatalogKind.ALBUM_TITLE, text: 'Café Éclipse' },
  { id: 'publisher-1', kind: CatalogKind.PUBLISHER, text: 'Bramblegate Music Publishing' },
  { id: 'label-1', kind: CatalogKind.LABEL, text: 'Tidewire Records' },
  { id: 'label-2', kind: CatalogKind.LABEL, text: 'Fine Flow' },
  { id: 'lyrics-1', kind: CatalogKind.LYRICS, text: LYRIC },
  { id: 'empty-1', kind: CatalogKind.ARTIST, text: ' -- 🎵 ' },
  { id: 'short-lyric', kind: CatalogKind.LYRICS, text: 'only five words in here' },
];

const index = ScreeningIndex.build(CATALOG);

/** Matches as [entryId, slice of the input] pairs: checks offsets and ids at once. */
function found(input: string, idx: ScreeningIndex = index): [string, string][] {
  return idx.screen(input).matches.map((m) => [m.entryId, input.slice(m.start, m.end)]);
}

describe('ScreeningIndex.build', () => {
  test('counts indexed entries, skipping empty names and unmatchable short lyrics', () => {
    expect(index.size).toBe(CATALOG.length - 2);
  });

  test('rejects a non-positive lyricsMinWords', () => {
    expect(() => ScreeningIndex.build([], { lyricsMinWords: 0 })).toThrow(RangeError);
  });

  test('accepts any iterable, read once', () => {
    function* entries(): Generator<CatalogEntryFact> {
      yield { id: 'a', kind: CatalogKind.ARTIST, text: 'Ana Lux' };
    }
    expect(ScreeningIndex.build(entries()).screen('ana lux').allowed).toBe(false);
  });
});

describe('each kind cites its clause', () => {
  test.each([
    [CatalogKind.ARTIST, 'artist-1', 'a song like Ana Lux', '10(c)(i)'],
    [CatalogKind.SONGWRITER, 'writer-1', 'written by thaddeus pellbright', '10(c)(ii)'],
    [CatalogKind.SONG_TITLE, 'song-2', 'cover of "Paper Satellites"', '10(c)(iii)'],
    [CatalogKind.ALBUM_TITLE, 'album-1', 'in the style of Glasshouse Weather', '10(c)(iv)'],
    [CatalogKind.PUBLISHER, 'publisher-1', 'Bramblegate Music Publishing catalog', '10(c)(v)'],
    [CatalogKind.LABEL, 'label-1', 'sounds like a Tidewire Records release', '10(c)(vi)'],
    [CatalogKind.LYRICS, 'lyrics-1', `sing "${LYRIC.split(' ').slice(2, 12).join(' ')}"`, '10(c)(vii)'],
  ])('%s', (kind, entryId, input, clause) => {
    expect(CATALOG_CLAUSE[kind]).toBe(clause);
    const result = index.screen(input);
    expect(result.allowed).toBe(false);
    expect(result.matches).toEqual([expect.objectContaining({ entryId, kind, clause })]);
  });

  test('every CatalogKind has a clause', () => {
    for (const kind of Object.values(CatalogKind)) expect(CATALOG_CLAUSE[kind]).toMatch(/^10\(c\)\(/);
  });
});

describe('normalization when matching', () => {
  test.each([
    ['accents dropped', 'zoe marlowe crane', 'zoe marlowe crane'],
    ['accents added', 'Ána Lux', 'Ána Lux'],
    ['combining accents', 'Zoe\u0308 Marlowe Crane', 'Zoe\u0308 Marlowe Crane'],
    ['case', 'ANA LUX', 'ANA LUX'],
    ['punctuation as separator', 'ana-lux', 'ana-lux'],
    ['separator runs', 'ANA   LUX!', 'ANA   LUX'],
    ['punctuation inside the entry', 'zoe marlowe-crane', 'zoe marlowe-crane'],
    ['catalog accents vs plain prompt', 'cafe eclipse', 'cafe eclipse'],
    ['ligature', 'ﬁne ﬂow', 'ﬁne ﬂow'],
    ['full-width', 'Ａｎａ　Ｌｕｘ', 'Ａｎａ　Ｌｕｘ'],
    ['emoji between words', 'Ana🎵Lux', 'Ana🎵Lux'],
  ])('%s: %j', (_name, input, slice) => {
    const matches = found(input);
    expect(matches).toHaveLength(1);
    expect(matches[0][1]).toBe(slice);
  });
});

describe('whole words only', () => {
  test.each([
    ['inside a longer word', 'banana luxury'],
    ['prefix of a word', 'ana luxe'],
    ['suffix of a word', 'diana lux'],
    ['words split differently', 'analux'],
    ['only part of the name', 'ana is great'],
    ['words out of order', 'lux ana'],
  ])('no match %s: %j', (_name, input) => {
    expect(index.screen(input)).toEqual({ allowed: true, matches: [] });
  });

  test.each([
    ['whole input', 'Ana Lux', 'Ana Lux'],
    ['at start', 'Ana Lux rules', 'Ana Lux'],
    ['at end', 'I love Ana Lux', 'Ana Lux'],
    ['next to punctuation', '("Ana Lux")', 'Ana Lux'],
    ['next to emoji', '🎵Ana Lux🎵', 'Ana Lux'],
    ['next to a ZWJ emoji', '👩‍💻Ana Lux👩‍💻', 'Ana Lux'],
  ])('matches %s: %j', (_name, input, slice) => {
    expect(found(input)).toEqual([['artist-1', slice]]);
  });
});

describe('overlapping and repeated matches', () => {
  test('two entries sharing a word are both reported', () => {
    expect(found('ana lux radio')).toEqual([
      ['artist-1', 'ana lux'],
      ['song-1', 'lux radio'],
    ]);
  });

  test('the same entry twice gives two matches', () => {
    expect(found('Ana Lux, ana lux')).toEqual([
      ['artist-1', 'Ana Lux'],
      ['artist-1', 'ana lux'],
    ]);
  });

  test('duplicate texts across entries are each reported, sorted by entryId', () => {
    const dup = ScreeningIndex.build([
      { id: 'b', kind: CatalogKind.LABEL, text: 'Lux' },
      { id: 'a', kind: CatalogKind.ARTIST, text: 'LUX' },
      { id: 'c', kind: CatalogKind.SONG_TITLE, text: 'lux!' },
    ]);
    // Each match now also carries its verdict, evidence and the entry's own text.
    expect(dup.screen('lux').matches).toEqual([
      expect.objectContaining({
        entryId: 'a',
        kind: CatalogKind.ARTIST,
        clause: '10(c)(i)',
        start: 0,
        end: 3,
        verdict: MatchVerdict.BLOCK,
        entryText: 'LUX',
      }),
      expect.objectContaining({
        entryId: 'b',
        kind: CatalogKind.LABEL,
        clause: '10(c)(vi)',
        start: 0,
        end: 3,
        verdict: MatchVerdict.BLOCK,
        entryText: 'Lux',
      }),
      expect.objectContaining({
        entryId: 'c',
        kind: CatalogKind.SONG_TITLE,
        clause: '10(c)(iii)',
        start: 0,
        end: 3,
        verdict: MatchVerdict.BLOCK,
        entryText: 'lux!',
      }),
    ]);
  });

  test('a longer name wins over a name inside it', () => {
    const nested = ScreeningIndex.build([
      { id: 'long', kind: CatalogKind.ALBUM_TITLE, text: 'Paper Satellites Live' },
      { id: 'short', kind: CatalogKind.SONG_TITLE, text: 'Paper Satellites' },
    ]);
    expect(found('paper satellites live', nested)).toEqual([['long', 'paper satellites live']]);
    expect(found('paper satellites at dawn', nested)).toEqual([['short', 'paper satellites']]);
  });
});

describe('lyrics', () => {
  const words = LYRIC.split(' ');
  const quote = (from: number, count: number) => words.slice(from, from + count).join(' ');

  test.each([
    ['7 words: under the threshold', 7, 0],
    ['8 words: at the threshold', 8, 1],
    ['20 words: one match for the whole run', 20, 1],
    ['the whole lyric: one match', words.length, 1],
  ])('%s', (_name, count, expected) => {
    const input = `please sing ${quote(3, count)} in a jazzy way`;
    const matches = index.screen(input).matches.filter((m) => m.kind === CatalogKind.LYRICS);
    expect(matches).toHaveLength(expected);
    if (expected) expect(input.slice(matches[0].start, matches[0].end)).toBe(quote(3, count));
  });

  test('normalization applies to lyrics and the run is highlighted in the original', () => {
    const input = 'lyrics: "We PAINTED all the windows — blue, the summer that the river FROZE!" 🎵';
    expect(found(input)).toEqual([['lyrics-1', 'We PAINTED all the windows — blue, the summer that the river FROZE']]);
  });

  test('two separate quotes of one lyric are two matches', () => {
    const input = `${quote(0, 8)} and then ${quote(12, 9)}`;
    expect(found(input)).toEqual([
      ['lyrics-1', quote(0, 8)],
      ['lyrics-1', quote(12, 9)],
    ]);
  });

  test('words contiguous in the prompt but not in the lyric do not form a run', () => {
    // Each half has 4 words; together 8 words, but not consecutive in the lyric.
    expect(index.screen(`${quote(0, 4)} ${quote(10, 4)}`).allowed).toBe(true);
  });

  test('a repeated chorus is reported once per quoted stretch', () => {
    const chorus = 'hold the lantern higher now and count the boats that never came';
    const song = ScreeningIndex.build([
      { id: 'song', kind: CatalogKind.LYRICS, text: `${chorus} verse one goes here ${chorus} verse two` },
    ]);
    expect(found(`sing: ${chorus}`, song)).toEqual([['song', chorus]]);
    expect(found(`${chorus} verse one`, song)).toEqual([['song', `${chorus} verse one`]]);
  });

  test('duplicate lyric entries and a custom threshold', () => {
    const dup = ScreeningIndex.build(
      [
        { id: 'x', kind: CatalogKind.LYRICS, text: 'one two three four' },
        { id: 'y', kind: CatalogKind.LYRICS, text: 'zero one two three four five' },
      ],
      { lyricsMinWords: 3 },
    );
    expect(found('say one two three!', dup)).toEqual([
      ['x', 'one two three'],
      ['y', 'one two three'],
    ]);
    expect(found('one two', dup)).toEqual([]);
  });
});

describe('offsets into the original input', () => {
  test.each([
    ['emoji before', '👩‍💻🎸 Zoë Marlowe-Crane!', 'artist-2', 'Zoë Marlowe-Crane'],
    ['emoji inside', 'Zoë🎸Marlowe🎸Crane', 'artist-2', 'Zoë🎸Marlowe🎸Crane'],
    ['combining accent at the end', 'by Café E\u0301clipse\u0301.', 'album-2', 'Café E\u0301clipse\u0301'],
    ['combining accent first', 'A\u0301na Lux', 'artist-1', 'A\u0301na Lux'],
    ['ligature inside a word', '«ﬁne ﬂow» 🎧', 'label-2', 'ﬁne ﬂow'],
    ['full-width and emoji', '😀Ｌｕｘ Ｒａｄｉｏ😀', 'song-1', 'Ｌｕｘ Ｒａｄｉｏ'],
    ['length-changing lowercase', 'İ love Ana Lux', 'artist-1', 'Ana Lux'],
    ['sharp s before', 'Straße: Ana Lux', 'artist-1', 'Ana Lux'],
    ['astral letters', '𝐀𝐧𝐚 𝐋𝐮𝐱', 'artist-1', '𝐀𝐧𝐚 𝐋𝐮𝐱'],
  ])('%s: %j', (_name, input, entryId, slice) => {
    expect(found(input)).toEqual([[entryId, slice]]);
  });

  test('exact numbers with surrogate pairs', () => {
    expect(index.screen('🎵🎵Ana Lux').matches).toEqual([
      expect.objectContaining({ entryId: 'artist-1', kind: CatalogKind.ARTIST, clause: '10(c)(i)', start: 4, end: 11 }),
    ]);
  });
});

describe('edge cases', () => {
  test('an empty catalog allows everything', () => {
    const empty = ScreeningIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.screen(`Ana Lux ${LYRIC}`)).toEqual({ allowed: true, matches: [] });
  });

  test.each([[''], ['   '], ['🎵!?'], ['a perfectly fine prompt about jazz']])('allowed input %j', (input) => {
    expect(index.screen(input)).toEqual({ allowed: true, matches: [] });
  });

  test('matches are sorted by start, then end, then entryId', () => {
    const { matches } = index.screen(`Lux Radio, ${LYRIC}, ana lux radio, Zoë Marlowe-Crane`);
    const sorted = [...matches].sort(
      (a: ScreeningMatch, b: ScreeningMatch) => a.start - b.start || a.end - b.end || a.entryId.localeCompare(b.entryId),
    );
    expect(matches.length).toBe(5);
    expect(matches).toEqual(sorted);
  });
});

describe('sample catalog', () => {
  const rows: { kind: string; text: string }[] = parse(readFileSync(join(__dirname, '../../data/sample-catalog.csv')), { columns: true });
  const sample = ScreeningIndex.build(rows.map((row, i) => ({ id: String(i + 1), kind: row.kind as CatalogKind, text: row.text })));

  test('has every kind and indexes every row', () => {
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(Object.values(CatalogKind)));
    expect(sample.size).toBe(rows.length);
  });

  test.each(rows.map((row) => [row.kind, row.text]))('%s %j matches itself', (_kind, text) => {
    expect(sample.screen(text).allowed).toBe(false);
  });
});
