import { CatalogKind } from '../../src/domain/enums';
import { CatalogEntryFact, ScreeningIndex } from '../../src/domain/screening/screening-index';
import { ScreeningView } from '../../src/domain/screening/screening-view';

const fact = (id: string, text: string, kind = CatalogKind.ARTIST): CatalogEntryFact => ({ id, kind, text });
const base = ScreeningIndex.build([
  fact('1', 'Ana Lux'),
  fact('2', 'Lux Radio', CatalogKind.SONG_TITLE),
  fact('3', 'Tidewire Records', CatalogKind.LABEL),
]);
const ids = (view: ScreeningView, text: string) => view.screen(text).matches.map((m) => m.entryId);
const PROMPT = 'Ana Lux on Lux Radio, signed to Tidewire Records and Parallax Owl';

describe('ScreeningView', () => {
  test('a fresh view screens exactly like its base', () => {
    const view = ScreeningView.of(3, base);
    expect(view.screen(PROMPT)).toEqual(base.screen(PROMPT));
    expect(view).toMatchObject({ version: 3, baseSize: 3, pendingChanges: 0 });
  });

  test('added entries match, sorted together with the base matches', () => {
    const view = ScreeningView.of(3, base).withChanges(4, [fact('10', 'Parallax Owl', CatalogKind.LABEL), fact('11', 'Lux')], []);
    expect(view.version).toBe(4);
    const result = view.screen(PROMPT);
    expect(result.allowed).toBe(false);
    expect(result.matches.map((m) => [m.entryId, PROMPT.slice(m.start, m.end)])).toEqual([
      ['1', 'Ana Lux'],
      ['11', 'Lux'],
      ['11', 'Lux'],
      ['2', 'Lux Radio'],
      ['3', 'Tidewire Records'],
      ['10', 'Parallax Owl'],
    ]);
  });

  test('removed base entries stop matching; the base itself is untouched', () => {
    const before = ScreeningView.of(3, base);
    const after = before.withChanges(4, [], ['1', '3']);
    expect(ids(after, PROMPT)).toEqual(['2']);
    expect(ids(before, PROMPT)).toEqual(['1', '2', '3']);
    expect(after.pendingChanges).toBe(2);
  });

  test('an added entry removed later leaves no tombstone and no match', () => {
    const view = ScreeningView.of(3, base)
      .withChanges(4, [fact('10', 'Parallax Owl', CatalogKind.LABEL)], [])
      .withChanges(5, [fact('12', 'Sunken Lantern', CatalogKind.LABEL)], ['10']);
    expect(ids(view, `${PROMPT} Sunken Lantern`)).toEqual(['1', '2', '3', '12']);
    expect(view.pendingChanges).toBe(1);
  });

  test('removing everything allows the prompt', () => {
    const view = ScreeningView.of(3, base).withChanges(4, [], ['1', '2', '3']);
    expect(view.screen(PROMPT)).toEqual({ allowed: true, matches: [] });
  });

  test('lyrics in the overlay honour the same threshold as the base', () => {
    const lyric = 'we painted all the windows blue the summer that the river froze';
    const view = ScreeningView.of(0, ScreeningIndex.build([]), { lyricsMinWords: 5 }).withChanges(
      1,
      [fact('20', lyric, CatalogKind.LYRICS)],
      [],
    );
    expect(ids(view, 'sing: the windows blue the summer')).toEqual(['20']);
    expect(ids(view, 'sing: the windows blue the')).toEqual([]);
  });
});
