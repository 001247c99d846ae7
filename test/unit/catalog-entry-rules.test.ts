import {
  catalogTextKey,
  characterCount,
  checkCatalogEntry,
  checkCatalogRow,
  CATALOG_TEXT_MAX,
} from '../../src/domain/screening/catalog-entry-rules';

describe('checkCatalogEntry', () => {
  test('trims the text and keys it by its normalized form', () => {
    const check = checkCatalogEntry('ARTIST', '  Zoë Marlowe-Crane ');
    expect(check).toEqual({ ok: true, entry: { kind: 'ARTIST', text: 'Zoë Marlowe-Crane', key: catalogTextKey('zoe marlowe crane') } });
  });

  test.each([
    ['Ana Lux', 'ana lux'],
    ['Ana Lux', 'ANA   LUX!'],
    ['Café Éclipse', 'cafe eclipse'],
    ['Ａｎａ Ｌｕｘ', 'ana-lux'],
  ])('%j and %j are one entry', (a, b) => {
    expect(catalogTextKey(a)).toBe(catalogTextKey(b));
  });

  test('different words are different entries', () => {
    expect(catalogTextKey('Ana Lux')).not.toBe(catalogTextKey('Analux'));
    expect(catalogTextKey('Ana Lux')).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each([
    ['POET', 'Ana', 'kind'],
    ['artist', 'Ana', 'kind'],
    ['ARTIST', '', 'text'],
    ['ARTIST', '   \t ', 'text'],
    ['ARTIST', ' -- 🎵 !? ', 'text'],
    ['LYRICS', 'a'.repeat(CATALOG_TEXT_MAX + 1), 'text'],
  ])('refuses kind %j text %j on field %s', (kind, text, field) => {
    const check = checkCatalogEntry(kind, text);
    expect(check).toMatchObject({ ok: false, field });
  });

  test('the longest text allowed is accepted, counted after trimming', () => {
    expect(checkCatalogEntry('LYRICS', ` ${'a'.repeat(CATALOG_TEXT_MAX)} `).ok).toBe(true);
  });
});

describe('characterCount', () => {
  test.each([
    ['', 0],
    ['a', 1],
    ['Zoë', 3],
    ['🎵', 1],
    ['a🎵b🎶', 4],
    ['👩‍💻', 3],
    ['\ud83c', 1],
    ['x\udfb5', 2],
  ])('%j has %d characters', (text, count) => {
    expect(characterCount(text)).toBe(count);
  });

  test('a text of 20,000 emoji fits; the limit is in characters, not UTF-16 units', () => {
    expect(checkCatalogEntry('LYRICS', `la ${'🎵'.repeat(CATALOG_TEXT_MAX - 3)}`).ok).toBe(true);
    expect(checkCatalogEntry('LYRICS', `la ${'🎵'.repeat(CATALOG_TEXT_MAX - 2)}`).ok).toBe(false);
  });
});

describe('checkCatalogRow: an entry with its optional override', () => {
  test.each([
    [null, null],
    ['', null],
    ['  ', null],
    ['ALWAYS', 'ALWAYS'],
    [' NEVER ', 'NEVER'],
    ['AUTO', 'AUTO'],
  ])('override %j is %j', (given, override) => {
    expect(checkCatalogRow('LABEL', ' Café Éclipse ', given)).toEqual({
      ok: true,
      entry: { kind: 'LABEL', text: 'Café Éclipse', key: catalogTextKey('cafe eclipse'), normalized: 'cafe eclipse', override },
    });
  });

  test.each(['always', 'Never', 'BLOCK', 'YES', '1'])('refuses override %j (values are exact, like kinds)', (given) => {
    expect(checkCatalogRow('LABEL', 'Café Éclipse', given)).toEqual({
      ok: false,
      field: 'override',
      message: 'override must be one of ALWAYS, AUTO, NEVER',
    });
  });

  test.each([
    ['POET', 'Ana', 'ALWAYS', 'kind'],
    ['ARTIST', '  ', 'ALWAYS', 'text'],
  ])('kind and text are checked first: %j %j %j fails on %s', (kind, text, override, field) => {
    expect(checkCatalogRow(kind, text, override)).toMatchObject({ ok: false, field });
  });
});
