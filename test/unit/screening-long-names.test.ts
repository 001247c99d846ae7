import { CatalogKind } from '../../src/domain/enums';
import { IndexPartsBuilder } from '../../src/domain/screening/index-builder';
import { inLongName } from '../../src/domain/screening/index-layout';
import { hashWord } from '../../src/domain/screening/word-hash';

// The words of names of three words or more, the only names a common word read as a misspelling may stand in.
describe('the long-name word set of an index', () => {
  const builder = new IndexPartsBuilder();
  const names = [
    ['A Heart In New York', CatalogKind.SONG_TITLE],
    ['Heartbeat City', CatalogKind.ALBUM_TITLE],
    ['Wells', CatalogKind.ARTIST],
    ['Mary Wells', CatalogKind.ARTIST],
  ] as const;
  names.forEach(([text, kind], i) => builder.add({ id: String(i + 1), kind, text }));
  const parts = builder.finish().names;
  const has = (word: string) => inLongName(parts, hashWord(word, { hi: 0, lo: 0 }));

  test.each(['a', 'heart', 'in', 'new', 'york'])('holds "%s", a word of a name of five words', (word) => {
    expect(has(word)).toBe(true);
  });

  test('is a small bit set: eight bits or more a word, never a set of strings', () => {
    expect(parts.longNameWords.length * 32).toBeGreaterThanOrEqual(8 * 5);
    expect(parts.longNameWordMask + 1).toBe(parts.longNameWords.length * 32);
  });

  test('the words of shorter names are mostly absent (a bit set may say yes by chance, never no when present)', () => {
    const shorter = ['heartbeat', 'city', 'wells', 'mary'];
    expect(shorter.filter(has).length).toBeLessThanOrEqual(1);
  });
});
