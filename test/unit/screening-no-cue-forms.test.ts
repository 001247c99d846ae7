// Prompts that name a work or a performer without a naming phrase, as users of
// music generators write them, and the ordinary text beside each rule that
// must still pass (docs/screening.md, "How a match is judged").

import { CatalogKind, MatchVerdict } from '../../src/domain/enums';
import { opensClause, splitPrompt } from '../../src/domain/screening/prompt-features';
import { CatalogEntryFact, ScreeningIndex } from '../../src/domain/screening/screening-index';
import { screeningVocabulary } from '../../src/services/catalog/screening-vocabulary';
import { subtlexWordFrequency } from '../../src/services/catalog/word-frequencies';

const { BLOCK, REVIEW } = MatchVerdict;
const frequency = subtlexWordFrequency();
const vocabulary = screeningVocabulary();

const names: Array<[string, CatalogKind]> = [
  ['All Of Me', CatalogKind.SONG_TITLE],
  ['Soul', CatalogKind.SONG_TITLE],
  ['Sandy', CatalogKind.SONG_TITLE],
  ['Otis', CatalogKind.ARTIST],
  ['Steve', CatalogKind.ARTIST],
  ['Chase', CatalogKind.ARTIST],
  ['Europe', CatalogKind.ARTIST],
];
const catalog: CatalogEntryFact[] = names.map(([text, kind]) => ({ id: text, kind, text }));
const index = ScreeningIndex.build(catalog, { wordFrequency: frequency, vocabulary });

/** The strongest verdict naming the entry, or null. */
function verdictOf(prompt: string, id: string): MatchVerdict | null {
  const found = index.screen(prompt).matches.filter((m) => m.entryId === id);
  if (found.some((m) => m.verdict === BLOCK)) return BLOCK;
  return found.length > 0 ? REVIEW : null;
}

describe('the vocabulary the rules rest on', () => {
  test.each([
    ['steve', true, true],
    ['otis', true, false],
    ['chase', true, false],
    ['sandy', true, true],
    ['europe', false, true],
  ])('%j: a first name %s, written capitalised in the subtitles %s', (word, firstName, capitalised) => {
    expect([vocabulary.isFirstName(word), frequency.usuallyCapitalised(word)]).toEqual([firstName, capitalised]);
  });
});

describe('"TITLE, but CHANGE": the whole opening clause is the name', () => {
  test.each([
    ['all of me, but slower', 'all of me', true],
    ['all of me; but slower', 'all of me', true],
    ['all of me but slower', 'all of me', false],
  ])('%j: %j ends the opening clause: %s', (prompt, phrase, expected) => {
    const words = splitPrompt(phrase).words.length;
    expect(opensClause(splitPrompt(prompt), words - 1)).toBe(expected);
  });

  test.each([
    // Grammar words are a title's when they make the whole clause.
    ['all of me, but slower', BLOCK],
    ['all of me, but in a minor key', BLOCK],
    // Without the comma the words may run on as prose.
    ['all of me but slower', null],
    ['all of me is yours, but slower', null],
    ['give me all of me, but slower', null],
    ['a song about all of me', null],
  ])('%j → %s', (prompt, expected) => {
    expect(verdictOf(prompt, 'All Of Me')).toBe(expected);
  });

  test('a descriptor stays a descriptor', () => {
    expect(verdictOf('soul, but slower', 'Soul')).toBeNull();
  });

  test('the evidence says so', () => {
    const [match] = index.screen('all of me, but slower').matches;
    expect(match.evidence).toContain('the whole opening clause, then what to change');
  });
});

describe('a first name before "vibes" is whose sound it is', () => {
  test.each([
    ['chillwave, otis vibes', BLOCK],
    ['otis vibes', BLOCK],
    ['Otis-like song, grunge', BLOCK],
    // In a story a first name is a person.
    ['a song about otis', null],
    ['a lullaby for my dog otis', null],
    ['a dog named Otis who loves the sea', REVIEW],
  ])('%j → %s', (prompt, expected) => {
    expect(verdictOf(prompt, 'Otis')).toBe(expected);
  });
});

describe("a performer's first name counts as uncommon where nothing makes it a person in a story", () => {
  test.each([
    ['jazz rock, steve vibes', 'Steve', BLOCK],
    ['post-bop, steve, 1960s', 'Steve', BLOCK],
    ['Steve-like song, grunge', 'Steve', BLOCK],
    // A person in a story stays one.
    ['a song about steve', 'Steve', null],
    ['A bear called Steve who wants to find the moon', 'Steve', null],
    ['Steve and Anna are getting married, make a happy song', 'Steve', null],
    // A first name that is an ordinary word too ("chase") stays a common word.
    ['post-bop, chase, 1960s', 'Chase', null],
    // A title's first name is not a performer's ("1970s, sandy, word").
    ['1970s, sandy, word, flame', 'Sandy', null],
    // A place is no first name: "europe vibes" is written as "summer vibes" is.
    ['europe vibes', 'Europe', REVIEW],
  ])('%j → %s: %s', (prompt, id, expected) => {
    expect(verdictOf(prompt, id)).toBe(expected);
  });
});
