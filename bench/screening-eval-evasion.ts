// Ways people disguise a name to get it past a filter, as public reports of
// evasion of text and music filters describe them (look-alike letters from
// other scripts, invisible characters, leetspeak, typos, split and joined
// words). Each class rewrites one name; a name too short for it is left out
// (the rules say which), because a short name with a letter changed is
// another word ("Heart" → "Hear") and no screen should catch it.

import { between, Random } from './screening-eval-random';

export interface EvasionClass {
  name: string;
  /** Which names it applies to, in words, for the report. */
  rule: string;
  disguise(name: string, r: Random): string | null;
}

/** Latin letters and look-alikes from Cyrillic and Greek (Unicode confusables.txt, UTS #39). */
const CONFUSABLES: Record<string, string[]> = {
  a: ['\u0430'], // Cyrillic а
  c: ['\u0441'], // Cyrillic с
  e: ['\u0435'], // Cyrillic е
  i: ['\u0456'], // Cyrillic і
  j: ['\u0458'], // Cyrillic ј
  o: ['\u043e', '\u03bf'], // Cyrillic о, Greek ο
  p: ['\u0440', '\u03c1'], // Cyrillic р, Greek ρ
  s: ['\u0455'], // Cyrillic ѕ
  x: ['\u0445'], // Cyrillic х
  y: ['\u0443'], // Cyrillic у
  v: ['\u03bd'], // Greek ν
  A: ['\u0410', '\u0391'],
  B: ['\u0412', '\u0392'],
  C: ['\u0421'],
  E: ['\u0415', '\u0395'],
  H: ['\u041d', '\u0397'],
  I: ['\u0406', '\u0399'],
  J: ['\u0408'],
  K: ['\u041a', '\u039a'],
  M: ['\u041c', '\u039c'],
  N: ['\u039d'],
  O: ['\u041e', '\u039f'],
  P: ['\u0420', '\u03a1'],
  S: ['\u0405'],
  T: ['\u0422', '\u03a4'],
  X: ['\u0425', '\u03a7'],
  Y: ['\u04ae', '\u03a5'],
  Z: ['\u0396'],
};
const LEET: Record<string, string> = { e: '3', o: '0', s: '5', a: '4', i: '1' };
const ZERO_WIDTH_SPACE = '\u200b';
const SOFT_HYPHEN = '\u00ad';

/** Letters a letter edit needs in one word; invisible and look-alike edits need fewer. */
export const MIN_WORD_LETTERS_FOR_EDIT = 5;
export const MIN_WORD_LETTERS_FOR_HIDDEN = 3;
export const MIN_NAME_LETTERS_FOR_SPACING = 4;

interface WordSpan {
  start: number;
  end: number;
}

function wordsOf(name: string): WordSpan[] {
  return [...name.matchAll(/\p{L}+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

/** A word of at least `min` letters, chosen at random; null if none. */
function someWord(name: string, min: number, r: Random, fits: (word: string) => boolean = () => true): WordSpan | null {
  const words = wordsOf(name).filter((w) => w.end - w.start >= min && fits(name.slice(w.start, w.end)));
  return words.length === 0 ? null : words[Math.floor(r() * words.length)];
}

/** Rewrites one word of the name of at least `min` letters with `edit`. */
function editWord(min: number, edit: (word: string, r: Random) => string | null, fits?: (word: string) => boolean) {
  return (name: string, r: Random): string | null => {
    const w = someWord(name, min, r, fits);
    if (w === null) return null;
    const edited = edit(name.slice(w.start, w.end), r);
    return edited === null ? null : name.slice(0, w.start) + edited + name.slice(w.end);
  };
}

/** Puts `mark` between two letters of the word, never at either end. */
const insideWord = (mark: string) => (word: string, r: Random) => {
  const at = between(r, 1, word.length - 1);
  return word.slice(0, at) + mark + word.slice(at);
};

export const EVASION_CLASSES: readonly EvasionClass[] = [
  {
    name: 'homoglyph',
    rule: `one letter of a word of ${MIN_WORD_LETTERS_FOR_HIDDEN}+ letters replaced by a Cyrillic or Greek look-alike`,
    disguise: editWord(
      MIN_WORD_LETTERS_FOR_HIDDEN,
      (word, r) => {
        const at = [...word].flatMap((ch, i) => (CONFUSABLES[ch] ? [i] : []));
        const i = at[Math.floor(r() * at.length)];
        const options = CONFUSABLES[word[i]];
        return word.slice(0, i) + options[Math.floor(r() * options.length)] + word.slice(i + 1);
      },
      (word) => [...word].some((ch) => CONFUSABLES[ch] !== undefined),
    ),
  },
  {
    name: 'zero-width space',
    rule: `U+200B between two letters of a word of ${MIN_WORD_LETTERS_FOR_HIDDEN}+ letters`,
    disguise: editWord(MIN_WORD_LETTERS_FOR_HIDDEN, insideWord(ZERO_WIDTH_SPACE)),
  },
  {
    name: 'soft hyphen',
    rule: `U+00AD between two letters of a word of ${MIN_WORD_LETTERS_FOR_HIDDEN}+ letters`,
    disguise: editWord(MIN_WORD_LETTERS_FOR_HIDDEN, insideWord(SOFT_HYPHEN)),
  },
  {
    name: 'leetspeak',
    rule: `1-2 of e→3 o→0 s→5 a→4 i→1 in a word of ${MIN_WORD_LETTERS_FOR_EDIT}+ letters`,
    disguise: editWord(
      MIN_WORD_LETTERS_FOR_EDIT,
      (word, r) => {
        const at = [...word].flatMap((ch, i) => (LEET[ch.toLowerCase()] ? [i] : []));
        const chars = [...word];
        const n = Math.min(at.length, between(r, 1, 2));
        for (let k = 0; k < n; k++) {
          const i = at.splice(Math.floor(r() * at.length), 1)[0];
          chars[i] = LEET[chars[i].toLowerCase()];
        }
        return chars.join('');
      },
      (word) => /[eosai]/i.test(word),
    ),
  },
  {
    name: 'dropped letter',
    rule: `one letter but the first dropped from a word of ${MIN_WORD_LETTERS_FOR_EDIT}+ letters`,
    disguise: editWord(MIN_WORD_LETTERS_FOR_EDIT, (word, r) => {
      const i = between(r, 1, word.length - 1);
      return word.slice(0, i) + word.slice(i + 1);
    }),
  },
  {
    name: 'doubled letter',
    rule: `one letter doubled in a word of ${MIN_WORD_LETTERS_FOR_EDIT}+ letters`,
    disguise: editWord(MIN_WORD_LETTERS_FOR_EDIT, (word, r) => {
      const i = between(r, 0, word.length - 1);
      return word.slice(0, i + 1) + word[i] + word.slice(i + 1);
    }),
  },
  {
    name: 'swapped letters',
    rule: `two different adjacent letters swapped, the first letter kept, in a word of ${MIN_WORD_LETTERS_FOR_EDIT}+ letters`,
    disguise: editWord(
      MIN_WORD_LETTERS_FOR_EDIT,
      (word, r) => {
        const at: number[] = [];
        for (let i = 1; i + 1 < word.length; i++) if (word[i].toLowerCase() !== word[i + 1].toLowerCase()) at.push(i);
        if (at.length === 0) return null;
        const i = at[Math.floor(r() * at.length)];
        return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      },
      (word) => /(.)(?!\1)./iu.test(word.slice(1)),
    ),
  },
  {
    name: 'hyphen inside',
    rule: `a hyphen inside a word of ${MIN_WORD_LETTERS_FOR_EDIT}+ letters, 2+ letters each side`,
    disguise: editWord(MIN_WORD_LETTERS_FOR_EDIT, (word, r) => {
      const at = between(r, 2, word.length - 2);
      return `${word.slice(0, at)}-${word.slice(at)}`;
    }),
  },
  {
    name: 'spaced letters',
    rule: `every letter of a name of ${MIN_NAME_LETTERS_FOR_SPACING}+ letters spaced out ("N e l s o n")`,
    disguise: (name) => {
      const letters = name.match(/\p{L}/gu)?.length ?? 0;
      if (letters < MIN_NAME_LETTERS_FOR_SPACING) return null;
      return name
        .trim()
        .split(/\s+/)
        .map((w) => [...w].join(' '))
        .join('  ');
    },
  },
  {
    name: 'joined words',
    rule: 'a name of 2+ words written as one ("RickyNelson")',
    disguise: (name) => {
      const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
      return words.length < 2 ? null : words.join('');
    },
  },
];

export const EVASION_BY_NAME: ReadonlyMap<string, EvasionClass> = new Map(EVASION_CLASSES.map((c) => [c.name, c]));
