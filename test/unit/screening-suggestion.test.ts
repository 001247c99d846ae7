import { BlockedReference, suggestRewrite } from '../../src/domain/screening/suggestion';

// Each row: the prompt, the blocked names in it (each found by its first
// occurrence, its entry id being the name), and the expected rewrite.
const DESCRIPTIONS: Record<string, string> = {
  Queen: 'glam rock with operatic vocals',
  Bowie: 'art rock',
  'Bohemian Rhapsody': 'an operatic rock suite',
  'Ana Lux': 'airy dream pop',
};

function blocked(text: string, names: readonly string[]): BlockedReference[] {
  return names.map((name) => {
    const start = text.indexOf(name);
    if (start < 0) throw new Error(`${name} is not in ${text}`);
    return { start, end: start + name.length, entryId: name };
  });
}

const remove = (text: string, names: readonly string[]) => suggestRewrite(text, blocked(text, names));
const substitute = (text: string, names: readonly string[]) => suggestRewrite(text, blocked(text, names), (id) => DESCRIPTIONS[id]);

describe('removing a blocked reference with the cue that introduced it', () => {
  test.each([
    // cue phrases before the name
    ['A rock anthem in the style of Queen', ['Queen'], 'A rock anthem'],
    ['a rock anthem in the style of Queen about summer', ['Queen'], 'a rock anthem about summer'],
    ['Make a song like Midnight Harbour Lights please', ['Midnight Harbour Lights'], 'Make a song please'],
    ['a ballad by Queen about love', ['Queen'], 'a ballad about love'],
    ['a song that sounds like Queen', ['Queen'], 'a song'],
    ['lofi beat feat. Ana Lux', ['Ana Lux'], 'lofi beat'],
    ['a track by the band Queen', ['Queen'], 'a track'],
    ['something inspired by Ana Lux, slow', ['Ana Lux'], 'something, slow'],
    // a named work: the noun the user asked for stays, unless nothing else is said of it
    ['write a song called Bohemian Rhapsody about love', ['Bohemian Rhapsody'], 'write a song about love'],
    ['like a song called Bohemian Rhapsody but slower', ['Bohemian Rhapsody'], 'like a song but slower'],
    ['A song called Bohemian Rhapsody, piano only', ['Bohemian Rhapsody'], 'Piano only'],
    ['play the song Yesterday on piano', ['Yesterday'], 'play the song on piano'],
    // quotes and possessives go with the name
    ['a cover of "Paper Satellites" with strings', ['Paper Satellites'], 'with strings'],
    ['a choir, “Paper Satellites”, softly', ['Paper Satellites'], 'a choir, softly'],
    ["Adele's voice over piano", ['Adele'], 'Voice over piano'],
    // cues after the name
    ['dark synthwave, Queen vibes, retro', ['Queen'], 'dark synthwave, retro'],
    ['a Queen-like anthem', ['Queen'], 'an anthem'],
    ['a Queen-style ballad', ['Queen'], 'a ballad'],
    ['make an Ana Lux cover in jazz style', ['Ana Lux'], 'make in jazz style'],
    ['a song with Queen vibes and piano', ['Queen'], 'a song with piano'],
    // tag lists and punctuation
    ['female vocals, Ana Lux, 80s', ['Ana Lux'], 'female vocals, 80s'],
    ['Write a ballad like Ana Lux.', ['Ana Lux'], 'Write a ballad.'],
    ['a song (in the style of Queen)', ['Queen'], 'a song'],
    ['In the style of Queen, a rock anthem', ['Queen'], 'A rock anthem'],
    ['Dreamy pop.\nLike Ana Lux\nwith harp', ['Ana Lux'], 'Dreamy pop.\nWith harp'],
    ['Nice. Like Ana Lux, loud', ['Ana Lux'], 'Nice. Loud'],
    ['Queen - live, loud', ['Queen'], 'Live, loud'],
    ['pop - Queen - live', ['Queen'], 'pop - live'],
    // coordinated names: the cue stays for the name that is left
    ['in the style of Queen and Bowie', ['Queen'], 'in the style of Bowie'],
    ['a rock song in the style of Bowie and Queen', ['Queen'], 'a rock song in the style of Bowie'],
    ['a rock song in the style of Queen and Bowie, loud', ['Queen', 'Bowie'], 'a rock song, loud'],
    ['a rock song in the style of Queen and Bowie with strings', ['Queen', 'Bowie'], 'a rock song with strings'],
    ['in the style of queen and heavy drums', ['queen'], 'heavy drums'],
    ['a cover of Yesterday by The Beatles, acoustic', ['Yesterday', 'The Beatles'], 'acoustic'],
    ['Queen, Bowie and Prince vibes', ['Queen'], 'Bowie and Prince vibes'],
  ])('%j -> %j', (text, names, expected) => {
    expect(remove(text, names as string[])).toBe(expected);
  });

  test('overlapping references are taken out as one', () => {
    const text = 'play Ana Lux Radio now';
    const refs = [
      { start: 5, end: 12, entryId: 'ARTIST Ana Lux' },
      { start: 9, end: 18, entryId: 'SONG Lux Radio' },
    ];
    expect(suggestRewrite(text, refs)).toBe('play now');
  });

  test.each([
    'upbeat pop, Queen and , more',
    'Queen and Bowie and strings',
    'by Queen , with harp',
    'strings, Queen, and Bowie',
    'strings; Queen; and more',
    'a b Queen c d',
    'Queen, and then some',
  ])('a seam leaves no doubled space, no comma before punctuation, no dangling "and": %j', (text) => {
    const out = remove(text, ['Queen']) ?? '';
    expect(out).not.toMatch(/ {2}|^\s|\s$/);
    expect(out).not.toMatch(/[,;]\s*[,.;]|^[,;]|[,;]$/);
    expect(out).not.toMatch(/^(and|or)\b|\b(and|or)$|\b(and|or)\s*[,;]/);
  });

  test('nothing usable left: null', () => {
    expect(remove('Queen', ['Queen'])).toBeNull();
    expect(remove('"Queen"!', ['Queen'])).toBeNull();
    expect(remove('in the style of Ana Lux', ['Ana Lux'])).toBeNull();
  });

  test('linear in the prompt: 100,000 characters with 12,500 references, joined or apart, take well under a second each', () => {
    for (const unit of ['Ana Lux ', 'lo-fi, by Ana Lux, ', 'and and Ana Lux ']) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length));
      const refs: BlockedReference[] = [];
      for (let at = text.indexOf('Ana Lux'); at >= 0; at = text.indexOf('Ana Lux', at + 1))
        refs.push({ start: at, end: at + 7, entryId: 'a' });
      const started = performance.now();
      suggestRewrite(text, refs);
      suggestRewrite(text, refs, () => 'dream pop');
      // The quadratic version took over ten seconds here.
      expect(performance.now() - started).toBeLessThan(3000);
    }
  });

  test('no blocked reference: the text as it is', () => {
    expect(suggestRewrite('a song about rain', [])).toBe('a song about rain');
  });

  test('the rest of the prompt is kept as written, its own spacing included', () => {
    expect(remove('lo-fi  beats,\ttape hiss, in the style of Ana Lux', ['Ana Lux'])).toBe('lo-fi  beats,\ttape hiss');
  });

  test('a cue span the matcher knows is used as given', () => {
    const text = 'something à la Queen tonight';
    const start = text.indexOf('Queen');
    const cue = { start: text.indexOf('à la'), end: text.indexOf('à la') + 4 };
    expect(suggestRewrite(text, [{ start, end: start + 5, entryId: 'Queen', cue }])).toBe('something tonight');
    expect(suggestRewrite(text, [{ start, end: start + 5, entryId: 'Queen', cue }], (id) => DESCRIPTIONS[id])).toBe(
      'something à la glam rock with operatic vocals tonight',
    );
  });
});

describe('replacing a blocked reference by its description', () => {
  test.each([
    // a cue that reads before a description stays
    ['A rock anthem in the style of Queen', ['Queen'], 'A rock anthem in the style of glam rock with operatic vocals'],
    ['a song that sounds like Queen', ['Queen'], 'a song that sounds like glam rock with operatic vocals'],
    ['a song (in the style of Queen)', ['Queen'], 'a song (in the style of glam rock with operatic vocals)'],
    // other cues go; the description stands as its own phrase
    ['a ballad by Queen', ['Queen'], 'a ballad, glam rock with operatic vocals'],
    ['a ballad by Queen about love', ['Queen'], 'a ballad, glam rock with operatic vocals, about love'],
    ['write a song called Bohemian Rhapsody about love', ['Bohemian Rhapsody'], 'write a song, an operatic rock suite, about love'],
    ['lofi beat feat. Ana Lux', ['Ana Lux'], 'lofi beat, airy dream pop'],
    // in a tag list, or as a modifier
    ['dark synthwave, Queen vibes, retro', ['Queen'], 'dark synthwave, glam rock with operatic vocals, retro'],
    ['a Queen-style ballad', ['Queen'], 'a glam rock with operatic vocals ballad'],
    ['an upbeat Ana Lux remix', ['Ana Lux'], 'an upbeat airy dream pop'],
    ['a Bowie-like anthem', ['Bowie'], 'an art rock anthem'],
    // several names
    [
      'a rock song in the style of Queen and Bowie, loud',
      ['Queen', 'Bowie'],
      'a rock song in the style of glam rock with operatic vocals and art rock, loud',
    ],
    ['in the style of Bowie and Queen', ['Queen'], 'in the style of Bowie and glam rock with operatic vocals'],
    // a prompt that was only the name
    ['Queen', ['Queen'], 'Glam rock with operatic vocals'],
    ['Queen vibes, 80s', ['Queen'], 'Glam rock with operatic vocals, 80s'],
  ])('%j -> %j', (text, names, expected) => {
    expect(substitute(text, names as string[])).toBe(expected);
  });

  test('a name without a description is removed next to one that has it', () => {
    const text = 'in the style of Queen and Prince, with horns';
    expect(suggestRewrite(text, blocked(text, ['Queen', 'Prince']), (id) => DESCRIPTIONS[id])).toBe(
      'in the style of glam rock with operatic vocals, with horns',
    );
  });

  test('the same description given twice for one place is said once', () => {
    const text = 'play Ana Lux Radio now';
    const refs = [
      { start: 5, end: 12, entryId: 'a' },
      { start: 9, end: 18, entryId: 'b' },
    ];
    expect(suggestRewrite(text, refs, () => 'dream pop')).toBe('play dream pop now');
  });

  test('a blank description counts as none', () => {
    const text = 'a ballad by Queen';
    expect(suggestRewrite(text, blocked(text, ['Queen']), () => '   ')).toBe('a ballad');
  });
});
