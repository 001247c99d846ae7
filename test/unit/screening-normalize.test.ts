import { normalizeForMatching, normalizedWords, normalizeText, wordSpans } from '../../src/domain/screening/normalize';

/** Words and their original ranges as the offset map gives them: what wordSpans must equal. */
function spansFromOffsets(text: string) {
  const { normalized, starts, ends } = normalizeForMatching(text);
  const words = normalized === '' ? [] : normalized.split(' ');
  const wordStart: number[] = [];
  const wordEnd: number[] = [];
  let from = 0;
  for (const word of words) {
    wordStart.push(starts[from]);
    wordEnd.push(ends[from + word.length - 1]);
    from += word.length + 1;
  }
  return { words, wordStart, wordEnd };
}

describe('normalizeForMatching', () => {
  test.each([
    ['plain ASCII', 'Ana Lux', 'ana lux'],
    ['case', 'ANA lUx', 'ana lux'],
    ['precomposed accents', 'Zoë Marlowe-Crane', 'zoe marlowe crane'],
    ['combining accents', 'Zoe\u0308 Cafe\u0301', 'zoe cafe'],
    ['other diacritics', 'Søren Nøkken Hrabalová', 'søren nøkken hrabalova'],
    ['punctuation runs are one separator', 'ana---lux!!!  ...radio', 'ana lux radio'],
    ['leading and trailing separators trimmed', '  ¡¿Ana Lux?!  ', 'ana lux'],
    ['whitespace kinds', 'ana\t\n\u00a0\u3000lux', 'ana lux'],
    ['ligature (NFKC)', 'ﬁne ﬂow', 'fine flow'],
    ['full-width (NFKC)', 'Ａｎａ　Ｌｕｘ', 'ana lux'],
    ['superscript digit (NFKC)', 'x²', 'x2'],
    ['sharp s', 'Straße STRASSE', 'strasse strasse'],
    ['capital sharp s', 'ẞ', 'ss'],
    ['final sigma folds', 'ΛΥΣ λυς', 'λυσ λυσ'],
    ['dotted capital I', 'İstanbul', 'istanbul'],
    ['emoji are separators', 'ana🎵lux 👩‍💻 radio', 'ana lux radio'],
    ['emoji with variation selector', 'ana❤️lux', 'ana lux'],
    ['other scripts are words', 'Привет мир 音楽', 'привет мир 音楽'],
    // (Kana lose their voicing marks as other letters lose diacritics; Hangul syllables decompose into jamo.)
    ['a script written without spaces ends a word where it meets Latin', 'Fleetwood Macっぽい曲', 'fleetwood mac っほい曲'],
    ['... and where Latin follows it', '曲はABBAみたい', '曲は abba みたい'],
    ['Hangul particles split from a Latin name', 'BTS같은 노래', `bts ${'같은 노래'.normalize('NFD')}`],
    ['a word of one such script stays whole, long vowel mark included', 'ラーメン ポリリズム', 'ラーメン ホリリスム'],
    ['digits are words', 'Track 42-B', 'track 42 b'],
    ['apostrophes split', "they're", 'they re'],
    ['only separators', ' -- 🎵 !? ', ''],
    ['empty', '', ''],
  ])('%s: %j → %j', (_name, input, expected) => {
    expect(normalizeForMatching(input).normalized).toBe(expected);
    expect(normalizeText(input)).toBe(expected);
  });

  test.each([
    ['ASCII', 'Ana Lux'],
    ['accents and emoji', '🎵 Zoë «Cafe\u0301» 👩‍💻 Ｌｕｘ ﬁn İx Straße 𝐀𝐁'],
    ['expansions', '㍱ ⑴ ﬃ ½'],
  ])('maps every normalized code unit back to the original (%s)', (_name, input) => {
    const { normalized, starts, ends } = normalizeForMatching(input);
    expect(starts).toHaveLength(normalized.length);
    expect(ends).toHaveLength(normalized.length);
    for (let k = 0; k < normalized.length; k++) {
      expect(0 <= starts[k] && starts[k] <= ends[k] && ends[k] <= input.length).toBe(true);
      if (k > 0) expect(starts[k]).toBeGreaterThanOrEqual(starts[k - 1]);
      if (normalized[k] !== ' ') {
        // The source range itself normalizes to something containing this char.
        expect(normalizeText(input.slice(starts[k], ends[k]))).toContain(normalized[k]);
      }
    }
  });

  test.each([
    // [input, normalized index, original slice]
    ['🎵Zoë', 0, 'Z'],
    ['🎵Zoë', 2, 'ë'],
    ['Zoe\u0301!', 2, 'e\u0301'],
    ['xﬁx', 1, 'ﬁ'],
    ['xﬁx', 2, 'ﬁ'],
    ['xﬁx', 3, 'x'],
    ['Ａｎａ', 1, 'ｎ'],
    ['İx', 0, 'İ'],
    ['İx', 1, 'x'],
    ['ßa', 2, 'a'],
    ['𝐀b', 1, 'b'],
  ])('%j: normalized[%i] comes from %j', (input, index, original) => {
    const { starts, ends } = normalizeForMatching(input);
    expect(input.slice(starts[index], ends[index])).toBe(original);
  });
});

describe('normalizedWords', () => {
  test.each([
    ['Ana-Lux, RADIO!', ['ana', 'lux', 'radio']],
    ['  Zoë  ', ['zoe']],
    ['🎵🎵', []],
    ['', []],
  ])('%j → %j', (input, expected) => {
    expect(normalizedWords(input)).toEqual(expected);
  });
});

describe('wordSpans', () => {
  test.each([
    ['ASCII prose', 'A song in the style of Ricky Nelson, but slower.'],
    ['ASCII separators of every kind', '\t\n\r\x00ana---lux!!!  ...radio\x7f"2pac" 80s_x-y.z '],
    ['only separators', ' -- !? '],
    ['empty', ''],
    ['accents', 'Zoë Cafe\u0301 Marlowe-Crane'],
    ['expansions and emoji', '🎵 ﬁne ½ Ｌｕｘ 👩‍💻'],
    ['mixed script', 'Nеlson (Cyrillic е)'],
    ['a script without spaces meeting Latin', 'Fleetwood Macっぽい曲、drum and bass'],
  ])('%s: the words and ranges of the offset map', (_name, text) => {
    expect(wordSpans(text)).toEqual(spansFromOffsets(text));
  });

  test('every ASCII string: the fast path agrees with the scan', () => {
    // Seeded, so a failure names its input again on the next run.
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(next() * 128));
      expect(wordSpans(text)).toEqual(spansFromOffsets(text));
    }
  });
});
