// Ordinary prompts written the ways users of music generators write, none of
// them naming a protected work, generated from public vocabularies
// (screening-eval-vocabulary.ts) with a fixed seed:
// - tag lists of 2-7 descriptors (genres, instruments, moods, eras, vocal
//   types, tempos) in lower case, Title Case or as the vocabulary gives them;
// - "<descriptor> style", "<descriptor> vibes", "<place or mood> vibes";
// - short stories with people's and pets' names;
// - the user's own new title in quotes, made of common English words (never
//   one equal to a catalog entry);
// - the user's own words followed by a change ("dreamy synthwave, but
//   slower"), the shape of a title followed by ", but" (never a catalog entry).
// Names and title words are split between the halves like the songs, so the
// held-out half tells stories about other people and makes up other titles.

import { between, nameKey, pick, pickDistinct, Random, randomFor } from './screening-eval-random';
import { Half, halfOf } from './screening-eval-set';
import { Vocabulary } from './screening-eval-vocabulary';

export interface OrdinaryPrompt {
  family: string;
  prompt: string;
}

type CaseStyle = 'lower' | 'title' | 'given';
const CASE_STYLES: readonly CaseStyle[] = ['lower', 'title', 'given'];

function styled(text: string, style: CaseStyle): string {
  if (style === 'lower') return text.toLowerCase();
  if (style === 'title') return text.replace(/(^|[\s-])(\p{Ll})/gu, (_m, before: string, ch: string) => before + ch.toUpperCase());
  return text;
}

/** One descriptor of any kind, as the vocabulary writes it. */
function descriptor(r: Random, v: Vocabulary): string {
  return pick(r, pick(r, [v.genres, v.genres, v.instruments, v.moods, v.roles, v.concepts, v.eras, v.vocals, v.tempos]));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** The vocabulary of one half: names and title words are split between the halves. */
function halfVocabulary(v: Vocabulary, half: Half): Vocabulary {
  return {
    ...v,
    firstNames: v.firstNames.filter((n) => halfOf('name', n) === half),
    petNames: v.petNames.filter((n) => halfOf('name', n) === half),
    titleWords: v.titleWords.filter((w) => halfOf('word', w) === half),
    adjectives: v.adjectives.filter((w) => halfOf('word', w) === half),
    nouns: v.nouns.filter((w) => halfOf('word', w) === half),
  };
}

export const ORDINARY_FAMILIES: Record<string, (r: Random, v: Vocabulary, catalogKeys: ReadonlySet<string>) => string | null> = {
  'tag list': (r, v) => {
    const style = pick(r, CASE_STYLES);
    const n = between(r, 2, 7);
    const items = [pick(r, v.genres)];
    while (items.length < n) items.push(descriptor(r, v));
    return styled([...new Set(items)].join(pick(r, [', ', ', ', ' ', ' - '])), style);
  },
  // Users mix ordinary words into their tags ("dreamy, night, synthwave, crazy"): single English words, not only descriptors.
  'tags with words': (r, v) => {
    const style = pick(r, CASE_STYLES);
    const items = [descriptor(r, v)];
    const words = between(r, 1, 3);
    for (let i = 0; i < words; i++) items.push(pick(r, pick(r, [v.adjectives, v.adjectives, v.nouns])));
    if (r() < 0.5) items.push(descriptor(r, v));
    return styled([...new Set(items)].join(pick(r, [', ', ', ', ' - '])), style);
  },
  'style and vibes': (r, v) => {
    const style = pick(r, CASE_STYLES);
    const what = pick(r, ['style', 'vibes', 'place vibes', 'mood vibes']);
    const head =
      what === 'style'
        ? `${pick(r, [...v.genres, ...v.instruments, ...v.eras])} style`
        : what === 'vibes'
          ? `${pick(r, [...v.genres, ...v.eras, ...v.roles])} vibes`
          : what === 'place vibes'
            ? `${pick(r, v.places)} vibes`
            : `${pick(r, [...v.moods, ...v.adjectives])} vibes`;
    const extra = pickDistinct(r, [descriptor(r, v), descriptor(r, v), descriptor(r, v)], between(r, 0, 2));
    return styled([head, ...extra].join(', '), style);
  },
  'story with names': (r, v) => {
    const name = pick(r, v.firstNames);
    const other = pick(r, v.firstNames);
    const pet = pick(r, [...v.petNames, ...v.firstNames]);
    const animal = pick(r, v.animals);
    const character = pick(r, [...v.characters, ...v.animals]);
    const genre = pick(r, v.genres);
    const verb = pick(r, v.verbs);
    const noun = pick(r, v.nouns);
    const adjective = pick(r, v.adjectives);
    const mood = pick(r, v.moods).toLowerCase();
    const frames = [
      `a song about ${name}`,
      `a ${genre} song about ${name} and ${other}`,
      `a lullaby for my ${animal} ${pet}`,
      `a birthday song for ${name}, ${descriptor(r, v).toLowerCase()}`,
      `${article(character)} ${character} called ${name} who wants to ${verb} the ${noun}`,
      `${article(adjective)} ${adjective} ${genre} song about my ${animal} named ${pet}`,
      `a love song for ${name} with ${pick(r, v.instruments).toLowerCase()}`,
      `write a ${genre} track about ${name}'s ${adjective} ${noun}`,
      `${name} and ${other} are getting married, make ${article(mood)} ${mood} song`,
    ];
    const text = pick(r, frames);
    return r() < 0.5 ? text.toLowerCase() : capitalise(text);
  },
  // People written with their full name: a charting performer's name in a prompt is taken for that
  // performer, so this measures what that costs when a story's person shares it.
  'story with full names': (r, v) => {
    const person = () => `${pick(r, v.firstNames)} ${pick(r, v.lastNames)}`;
    const name = person();
    const genre = pick(r, v.genres).toLowerCase();
    const frames = [
      `a song about ${name}`,
      `a birthday song for ${name}, ${descriptor(r, v).toLowerCase()}`,
      `a ${genre} ballad about my grandfather ${name}, who ${pick(r, v.verbs)}s the ${pick(r, v.nouns)}`,
      `${name} and ${person()} are getting married, make a ${genre} song`,
      `retirement song for ${name} from accounting, ${pick(r, v.moods).toLowerCase()}`,
      `a ${pick(r, v.adjectives)} ${genre} track about detective ${name} in ${pick(r, v.places)}`,
    ];
    const text = pick(r, frames);
    return r() < 0.5 ? text.toLowerCase() : capitalise(text);
  },
  'own title in quotes': (r, v, catalogKeys) => {
    const words = pickDistinct(r, v.titleWords, between(r, 1, 3));
    if (r() < 0.2) words.unshift('the');
    const title = styled(words.join(' '), r() < 0.7 ? 'title' : 'lower');
    if (catalogKeys.has(nameKey(title))) return null;
    const genre = pick(r, v.genres);
    const frames = [
      `a ballad called "${title}"`,
      `a ${genre} song called "${title}"`,
      `write a song titled "${title}" about ${pick(r, v.nouns)}`,
      `"${title}" - ${pick(r, v.genres)}, ${descriptor(r, v).toLowerCase()}`,
      `my new song "${title}", ${genre}, ${pick(r, v.vocals)}`,
      `${capitalise(genre)} track named "${title}"`,
    ];
    return pick(r, frames);
  },
  // A follow-up that asks for a change to what the user described ("dreamy synthwave, but slower"): the same
  // shape as a title followed by ", but", with the user's own words before it (never a catalog entry's).
  'own words, but changed': (r, v, catalogKeys) => {
    const genre = pick(r, v.genres);
    const adjective = pick(r, v.adjectives);
    const frames = [
      () => pickDistinct(r, [descriptor(r, v), descriptor(r, v), genre], between(r, 1, 3)).join(' '),
      () => `${article(adjective)} ${adjective} ${genre} song`,
      () => `${adjective} ${pick(r, v.nouns)}`,
      () => `the ${pick(r, ['chorus', 'intro', 'second verse', 'bridge', 'drop', 'last one'])} again`,
      () => `same ${pick(r, ['song', 'beat', 'track', 'melody'])}`,
    ];
    const opening = styled(pick(r, frames)(), r() < 0.6 ? 'lower' : 'given');
    if (catalogKeys.has(nameKey(opening))) return null;
    const change = pick(r, [
      'slower',
      'faster',
      'louder',
      'in a minor key',
      'with more bass',
      'without drums',
      'with female vocals',
      'more upbeat',
      `as ${pick(r, v.genres).toLowerCase()}`,
    ]);
    return `${opening}${pick(r, [', but ', ' but '])}${change}`;
  },
};

/** Every word capitalised, as many users write a prompt ("A Pop Song About My Dog Max"). */
const titleCase = (s: string) =>
  s.replace(/(^|[^\p{L}\p{N}'’])(\p{Ll})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
const TITLE_CASED_FAMILIES = Object.keys(ORDINARY_FAMILIES);

// A prompt of any other family written in Title Case: there capitals say nothing of a name.
ORDINARY_FAMILIES['written in title case'] = (r, v, catalogKeys) => {
  const prompt = ORDINARY_FAMILIES[pick(r, TITLE_CASED_FAMILIES)](r, v, catalogKeys);
  return prompt === null ? null : titleCase(prompt);
};

/**
 * `perFamily` distinct prompts of each family for one half. A held-out half
 * leaves out any prompt of `exclude` (the tuning half's), so no string is in both.
 */
export function userStylePrompts(
  v: Vocabulary,
  half: Half,
  catalogKeys: ReadonlySet<string>,
  perFamily: number,
  exclude: ReadonlySet<string> = new Set(),
): OrdinaryPrompt[] {
  const hv = halfVocabulary(v, half);
  const out: OrdinaryPrompt[] = [];
  for (const [family, make] of Object.entries(ORDINARY_FAMILIES)) {
    const seen = new Set<string>();
    for (let i = 0; seen.size < perFamily && i < perFamily * 20; i++) {
      const prompt = make(randomFor('ordinary', family, half, String(i)), hv, catalogKeys);
      if (prompt === null || seen.has(prompt) || exclude.has(prompt)) continue;
      seen.add(prompt);
      out.push({ family, prompt });
    }
  }
  return out;
}
