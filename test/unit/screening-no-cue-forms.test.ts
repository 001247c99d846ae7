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
];
const catalog: CatalogEntryFact[] = names.map(([text, kind]) => ({ id: text, kind, text }));
const index = ScreeningIndex.build(catalog, { wordFrequency: frequency, vocabulary });

/** The strongest verdict naming the entry, or null. */
function verdictOf(prompt: string, id: string): MatchVerdict | null {
  const found = index.screen(prompt).matches.filter((m) => m.entryId === id);
  if (found.some((m) => m.verdict === BLOCK)) return BLOCK;
  return found.length > 0 ? REVIEW : null;
}

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
