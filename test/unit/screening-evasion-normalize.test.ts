import { normalizeForMatching, normalizeText } from '../../src/domain/screening/normalize';

describe('invisible characters vanish inside a word', () => {
  test.each([
    ['zero-width space', 'Nel\u200bson'],
    ['zero-width non-joiner', 'Nel\u200cson'],
    ['zero-width joiner', 'Nel\u200dson'],
    ['soft hyphen', 'Nel\u00adson'],
    ['word joiner', 'Nel\u2060son'],
    ['byte order mark', 'Nel\ufeffson'],
    ['variation selector', 'Nel\ufe0fson'],
    ['bidi override', 'Nel\u202eson'],
    ['bidi isolate', 'Nel\u2066son\u2069'],
    ['left-to-right mark', 'N\u200eelson'],
    ['several', '\u200bN\u00ade\u200dl\u2060s\u200bon\u00ad'],
  ])('%s: %j → nelson', (_name, input) => {
    expect(normalizeForMatching(input).normalized).toBe('nelson');
    expect(normalizeText(input)).toBe('nelson');
  });

  test('a visible separator still separates', () => {
    expect(normalizeText('Nel son\u200b')).toBe('nel son');
  });
});

describe('look-alike letters fold in mixed-script words only', () => {
  test.each([
    ['Cyrillic е in a Latin word', 'N\u0435lson', 'nelson'],
    ['Cyrillic а, о, с, р', 'M\u0430d\u043enn\u0430 \u0441\u0440ace', 'madonna cpace'],
    ['Greek capital Nu is an N', '\u039delson', 'nelson'],
    ['Greek small nu is a v', 'Ne\u03bdada', 'nevada'],
    ['Greek omicron', 'Nels\u03bfn', 'nelson'],
    ['Cyrillic capital І is an I, not an l', '\u0406gor', 'igor'],
    ['Cyrillic ѕ and ј', '\u0455ong \u0458oy', 'song joy'],
    ['Cyrillic у and х', 'R\u0443an Fo\u0445', 'ryan fox'],
  ])('%s: %j → %j', (_name, input, expected) => {
    expect(normalizeForMatching(input).normalized).toBe(expected);
    expect(normalizeText(input)).toBe(expected);
  });

  test.each([
    ['a Cyrillic name', 'Алла Пугачёва', 'алла пугачева'],
    ['a Greek name', 'Νάνα Μούσχουρη', 'νανα μουσχουρη'],
    ['Cyrillic next to a Latin word', 'Виктор Tsoi', 'виктор tsoi'],
    ['a Cyrillic letter with no Latin look-alike is kept', 'Nп', 'nп'],
  ])('%s is left alone: %j → %j', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('offsets map to what was typed', () => {
  test.each([
    // [input, normalized index, original slice]
    ['Nel\u200bson', 3, 's'],
    ['Nel\u00adson', 2, 'l'],
    ['N\u0435lson', 1, '\u0435'],
    ['\u039delson x', 0, '\u039d'],
    ['a \u200bN\u0435l\u200dson', 2, 'N'],
    ['a \u200bN\u0435l\u200dson', 5, 's'],
  ])('%j: normalized[%i] comes from %j', (input, index, original) => {
    const { starts, ends } = normalizeForMatching(input);
    expect(input.slice(starts[index], ends[index])).toBe(original);
  });

  test('every code unit maps back, invisible and look-alike characters included', () => {
    const input = 'Ri\u200dcky N\u0435l\u00adson and \u041cad\u043enna';
    const { normalized, starts, ends } = normalizeForMatching(input);
    expect(normalized).toBe('ricky nelson and madonna');
    expect(starts).toHaveLength(normalized.length);
    expect(ends).toHaveLength(normalized.length);
    const word = normalized.indexOf('nelson');
    expect(input.slice(starts[word], ends[word + 5])).toBe('N\u0435l\u00adson');
  });
});
