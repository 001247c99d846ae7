import { CatalogKind, MatchVerdict, ScreeningOverride } from '../../src/domain/enums';
import { CatalogEntryFact, ScreeningIndex } from '../../src/domain/screening/screening-index';
import { ScreeningView } from '../../src/domain/screening/screening-view';
import { blankFeatures, Casing, decideVerdict, MatchFeatures, STRONG_CUES, WEAK_CUES } from '../../src/domain/screening/verdict';
import { WordFrequency } from '../../src/domain/screening/word-frequency';
import { subtlexWordFrequency } from '../../src/services/catalog/word-frequencies';

const LYRIC = 'we painted all the windows blue the summer that the river froze and every clock in kestrel bay forgot the hour';
const entry = (id: string, kind: CatalogKind, text: string, override?: ScreeningOverride): CatalogEntryFact => ({
  id,
  kind,
  text,
  override,
});
const CATALOG: CatalogEntryFact[] = [
  entry('fever', CatalogKind.SONG_TITLE, 'Fever'),
  entry('peggy', CatalogKind.ARTIST, 'Peggy Lee'),
  entry('queen', CatalogKind.ARTIST, 'Queen'),
  entry('rhapsody', CatalogKind.SONG_TITLE, 'Bohemian Rhapsody'),
  entry('ella', CatalogKind.ARTIST, 'Ella Langley'),
  entry('metallica', CatalogKind.ARTIST, 'Metallica'),
  entry('female', CatalogKind.SONG_TITLE, 'Female'),
  entry('low', CatalogKind.SONG_TITLE, 'Low'),
  entry('a', CatalogKind.ARTIST, 'A'),
  entry('hold-on', CatalogKind.SONG_TITLE, 'Hold On'),
  entry('true-love', CatalogKind.SONG_TITLE, 'My True Love'),
  entry('lyric', CatalogKind.LYRICS, LYRIC),
];
const frequency = subtlexWordFrequency();
const index = ScreeningIndex.build(CATALOG, { wordFrequency: frequency, relations: [{ a: 'Fever', b: 'Peggy Lee' }] });

/** The verdict for one entry in a prompt: 'BLOCK', 'REVIEW' or null when not reported. */
function verdictOf(prompt: string, id: string, idx: ScreeningIndex | ScreeningView = index): MatchVerdict | null {
  const found = idx.screen(prompt).matches.filter((m) => m.entryId === id);
  if (found.some((m) => m.verdict === MatchVerdict.BLOCK)) return MatchVerdict.BLOCK;
  return found.length > 0 ? MatchVerdict.REVIEW : null;
}
const { BLOCK, REVIEW } = MatchVerdict;

describe('word frequencies come from data', () => {
  test.each([
    ['the', 7],
    ['music', 5],
    ['tempo', 3],
    ['rhapsody', 2.5],
  ])('%s has a Zipf value of at least %d', (word, least) => {
    expect(frequency.zipf(word)).toBeGreaterThanOrEqual(least);
  });
  test('a word the list does not know counts as rare; digits as common', () => {
    expect(frequency.zipf('quillfeatherx')).toBe(0);
    expect(frequency.zipf('1999')).toBeGreaterThanOrEqual(5);
  });
  test('fromCounts: Zipf is log10 of occurrences per billion words', () => {
    const f = WordFrequency.fromCounts([
      { word: 'Alpha', count: 1000 },
      { word: 'beta', count: 999_000 },
    ]);
    expect(f.zipf('alpha')).toBeCloseTo(6);
    expect(f.usuallyCapitalised('alpha')).toBe(true);
    expect(f.usuallyCapitalised('beta')).toBe(false);
  });
});

// Each cue tried both ways: the same name with the cue, then without it.
describe('each cue, with it and without it', () => {
  test.each([
    ['quotes', 'A slow blues, "Fever" on the radio', BLOCK, 'A slow blues, Fever on the radio', REVIEW, 'fever'],
    // ("Energy" after a performer is a cue of its own since: the case tests end on "drums".)
    ['capitals as a name', 'Heavy riffs with Metallica drums', BLOCK, 'Heavy riffs with metallica drums', null, 'metallica'],
    ['capitals, common word', 'Deep bass and Low drums', REVIEW, 'Deep bass and low drums', null, 'low'],
    ['prompt without case', 'HEAVY RIFFS WITH METALLICA DRUMS', REVIEW, 'Heavy riffs with metallica drums', null, 'metallica'],
    ['sentence start is grammar', 'Low drums. Deep bass', null, 'Deep bass. The Low drums', REVIEW, 'low'],
    ['title with its own artist', 'Fever and Peggy Lee for a slow blues', BLOCK, 'Fever and Ella Langley for a slow blues', null, 'fever'],
    [
      'distinctive name, no cue',
      'A choir singing bohemian rhapsody softly',
      BLOCK,
      'A choir singing bohemian songs softly',
      null,
      'rhapsody',
    ],
    ['distinctive person, no cue', 'Warm vocals like ella langley', BLOCK, 'Warm vocals like ella', null, 'ella'],
    // ("A Queen anthem" names a work of Queen's: see screening-no-cue-forms.test.ts.)
    ['cue after the name', 'A Queen style anthem', BLOCK, 'A Queen parade', REVIEW, 'queen'],
    ['every word capitalised, as a title', 'Reimagine My True Love as jazz', BLOCK, 'Reimagine my true love as jazz', REVIEW, 'true-love'],
    ['very common word needs two cues', 'In the style of "A", but slower', BLOCK, 'In the style of a 90s rap song', null, 'a'],
  ])('%s', (_cue, withCue, expectedWith, withoutCue, expectedWithout, id) => {
    expect(verdictOf(withCue, id)).toBe(expectedWith);
    expect(verdictOf(withoutCue, id)).toBe(expectedWithout);
  });

  test.each([...STRONG_CUES, ...WEAK_CUES])('cue phrase "%s" before a capitalised common name', (cue) => {
    expect(verdictOf(`A rock anthem ${cue} Queen tonight`, 'queen')).toBe(BLOCK);
    expect(verdictOf('A rock anthem for Queen tonight', 'queen')).toBe(REVIEW);
  });

  test.each([
    ['by', 'Sung by female vocals with a soft piano'],
    ['like', 'It sounds like low rumble in the distance'],
    ['song', 'The song hold on is played'],
  ])('cue "%s" before a common word in lower case amid capitals is not a reference', (_cue, prompt) => {
    expect(index.screen(prompt).allowed).toBe(true);
  });
});

describe('ordinary words are not references', () => {
  test.each([
    'The low quality recording features a ballad song with soft female vocals.',
    'A mellow piano ballad with soft female vocals and a slow tempo.',
    'This is a rock song. Hold on to the groove, the drums are low in the mix.',
  ])('%j is allowed', (prompt) => {
    expect(index.screen(prompt).allowed).toBe(true);
  });
});

describe('lyrics keep the run rule and always block', () => {
  const words = LYRIC.split(' ');
  test.each([
    [8, BLOCK],
    [7, null],
  ])('%d consecutive words in a lower-case prompt', (count, expected) => {
    expect(verdictOf(`Make a jazzy song: ${words.slice(2, 2 + count).join(' ')} and more`, 'lyric')).toBe(expected);
  });
});

describe('overrides', () => {
  const overridden = ScreeningIndex.build(
    [
      entry('female', CatalogKind.SONG_TITLE, 'Female', ScreeningOverride.ALWAYS),
      entry('rhapsody', CatalogKind.SONG_TITLE, 'Bohemian Rhapsody', ScreeningOverride.NEVER),
      entry('queen', CatalogKind.ARTIST, 'Queen', ScreeningOverride.AUTO),
      entry('lyric', CatalogKind.LYRICS, LYRIC, ScreeningOverride.NEVER),
    ],
    { wordFrequency: frequency },
  );

  test.each([
    ['ALWAYS blocks wherever it appears', 'Soft female vocals', 'female', BLOCK, null],
    ['NEVER is never reported', 'A cover of "Bohemian Rhapsody"', 'rhapsody', null, BLOCK],
    ['AUTO leaves it to the rules', 'In the style of Queen', 'queen', BLOCK, BLOCK],
    ['NEVER on a lyric', `sing ${LYRIC}`, 'lyric', null, BLOCK],
  ])('%s', (_name, prompt, id, withOverride, withoutOverride) => {
    expect(verdictOf(prompt, id, overridden)).toBe(withOverride);
    expect(verdictOf(prompt, id)).toBe(withoutOverride);
  });

  test('an override changed after the base was built applies through the overlay', () => {
    const view = ScreeningView.of(1, index, { wordFrequency: frequency });
    expect(verdictOf('Soft female vocals', 'female', view)).toBe(null);
    const changed = view.withChanges(2, [entry('female', CatalogKind.SONG_TITLE, 'Female', ScreeningOverride.ALWAYS)], ['female']);
    expect(changed.screen('Soft female vocals')).toMatchObject({ allowed: false, matches: [{ entryId: 'female', verdict: BLOCK }] });
    const back = changed.withChanges(3, [entry('female', CatalogKind.SONG_TITLE, 'Female', ScreeningOverride.AUTO)], ['female']);
    expect(back.screen('Soft female vocals')).toEqual({ allowed: true, matches: [] });
  });

  test('an unknown override is refused', () => {
    expect(() => ScreeningIndex.build([entry('x', CatalogKind.ARTIST, 'X', 'SOMETIMES' as ScreeningOverride)])).toThrow(RangeError);
  });
});

describe('a match says why', () => {
  test('verdict, evidence and the entry text', () => {
    const [match] = index.screen('A rock anthem in the style of Queen').matches;
    expect(match).toMatchObject({ entryId: 'queen', verdict: BLOCK, entryText: 'Queen' });
    expect(match.evidence).toEqual(expect.arrayContaining(['after "in the style of"', 'capitalised as a name']));
  });

  test('a REVIEW match is reported but the input stays allowed', () => {
    const result = index.screen('Deep bass and Low drums');
    expect(result.allowed).toBe(true);
    expect(result.matches).toEqual([expect.objectContaining({ entryId: 'low', verdict: REVIEW })]);
  });

  test('allowed is false exactly when some match is BLOCK', () => {
    const result = index.screen('Deep bass and Low drums in the style of Queen');
    expect(result.matches.map((m) => m.verdict).sort()).toEqual([BLOCK, REVIEW]);
    expect(result.allowed).toBe(false);
  });
});

describe('decideVerdict', () => {
  const base: MatchFeatures = { ...blankFeatures(), words: 1, rarestZipf: 4.5, commonestZipf: 4.5 };
  test.each<[string, Partial<MatchFeatures>, MatchVerdict | null]>([
    ['common word in lower case', {}, null],
    ['common word capitalised', { casing: Casing.NAME }, REVIEW],
    ['capitalised after a strong cue', { casing: Casing.NAME, cueBefore: 'in the style of' }, BLOCK],
    ['capitalised after a weak cue', { casing: Casing.NAME, cueBefore: 'like' }, BLOCK],
    ['weak cue, lower case amid capitals', { cueBefore: 'like' }, null],
    ['weak cue, prompt without case', { cueBefore: 'like', casing: Casing.UNCASED }, REVIEW],
    ['quoted, lower case', { quoted: true }, REVIEW],
    ['quoted, capitalised', { quoted: true, casing: Casing.NAME }, BLOCK],
    ['with its related entry', { related: 'Peggy Lee', casing: Casing.INITIAL }, BLOCK],
    ['three words or more in title case', { words: 3, casing: Casing.TITLE }, BLOCK],
    ['written in capitals (acronym-like)', { casing: Casing.CAPITALS, rarestZipf: 0, commonestZipf: 0 }, REVIEW],
    ['two uncommon words, lower case', { words: 2, rarestZipf: 2.7, commonestZipf: 3 }, BLOCK],
    ['uncommon and common word, lower case', { words: 2, rarestZipf: 2.4, commonestZipf: 4.1 }, REVIEW],
    ['very common word, strong cue and capital', { rarestZipf: 7, commonestZipf: 7, cueBefore: 'titled', casing: Casing.NAME }, REVIEW],
  ])('%s', (_name, features, expected) => {
    expect(decideVerdict({ ...base, ...features }).verdict).toBe(expected);
  });
});
