// Prompts that reference a song, in two families of phrasings:
// - cue forms, the evaluation's original ones: a cue word says a name follows
//   ("a song called TITLE", "in the style of ARTIST", quotes);
// - no-cue forms, written as users of music generators write: lower-case tag
//   lists with the artist among the tags, "ARTIST vibes", the title as the
//   object of remix/cover/sample/interpolate, "the hook of TITLE".
// "No cue" means no naming phrase such as "called" or "in the style of"; a few
// no-cue forms hold words a scorer may still treat as cues ("vibes", "cover",
// "by"), because users write them so.
// Every name goes through a slot, so the same prompt can be rebuilt with the
// name disguised (screening-eval-evasion.ts) and compared with its plain form.

import { between, nameKey, pick, Random, randomFor } from './screening-eval-random';
import { creditParts, Pair, splitCredit } from './screening-eval-set';
import { Vocabulary } from './screening-eval-vocabulary';

/** A spelling change applied to a name before it is disguised, e.g. lower case. */
export type Spelling = (name: string) => string;

/** The names of the song being referenced, as a form asks for them. */
export interface NameSlots {
  title(spelling?: Spelling): string;
  performer(spelling?: Spelling): string;
  /** The whole chart credit ("Elvis Presley With The Jordanaires"). */
  credit(spelling?: Spelling): string;
}

/** Which names a form's prompt contains, and so what it is keyed by. */
export type FormNames = 'title' | 'performer' | 'both';

export interface ReferenceForm {
  name: string;
  cue: boolean;
  names: FormNames;
  make(s: NameSlots, r: Random, v: Vocabulary): string;
}

const lower: Spelling = (x) => x.toLowerCase();
const dropAccents: Spelling = (s) => s.normalize('NFD').replace(/\p{M}+/gu, '');

/** `n` lower-case descriptors as users tag a prompt: a genre first, then anything. */
export function tags(r: Random, v: Vocabulary, n: number): string[] {
  const kinds = [v.genres, v.instruments, v.moods, v.eras, v.vocals, v.tempos, v.genres];
  const out = [pick(r, v.genres)];
  while (out.length < n) out.push(pick(r, pick(r, kinds)));
  return out.map((t) => t.toLowerCase());
}

function insertAt<T>(xs: T[], at: number, x: T): T[] {
  return [...xs.slice(0, at), x, ...xs.slice(at)];
}

export const CUE_FORMS: readonly ReferenceForm[] = [
  { name: 'title by artist', cue: true, names: 'both', make: (s) => `${s.title()} by ${s.credit()}` },
  {
    name: 'in the style of artist',
    cue: true,
    names: 'performer',
    make: (s) => `Write a song in the style of ${s.performer()}, with a warm bass line`,
  },
  { name: 'quoted title', cue: true, names: 'title', make: (s) => `A slow acoustic version of "${s.title()}" with soft vocals` },
  { name: 'a song called title', cue: true, names: 'title', make: (s) => `Make a song called ${s.title()} for a summer road trip` },
  { name: 'all lower case', cue: true, names: 'both', make: (s) => `an upbeat track like ${s.title(lower)} by ${s.performer(lower)}` },
  {
    name: 'accents dropped',
    cue: true,
    names: 'both',
    make: (s) => `${s.title(dropAccents)} - ${s.credit(dropAccents)}, but as a lofi beat`,
  },
  { name: 'extra punctuation', cue: true, names: 'both', make: (s) => `sounds like... "${s.title()}"!!! (${s.performer()}???)` },
  { name: 'artist alone, lower case', cue: true, names: 'performer', make: (s) => `give me a beat that sounds like ${s.performer(lower)}` },
];

const CHANGES = ['slower', 'faster', 'in a minor key', 'in a major key', 'half time', 'stripped down', 'as a lullaby'];
const PARTS = ['chorus', 'hook', 'riff', 'melody', 'bassline', 'intro'];

export const NO_CUE_FORMS: readonly ReferenceForm[] = [
  {
    name: 'tags with artist, lower case',
    cue: false,
    names: 'performer',
    make: (s, r, v) => {
      const t = tags(r, v, between(r, 2, 4));
      return insertAt(t, between(r, 0, t.length), s.performer(lower)).join(', ');
    },
  },
  {
    name: 'artist-like song',
    cue: false,
    names: 'performer',
    make: (s, r, v) => `${s.performer()}-like song, ${tags(r, v, 2).join(', ')}`,
  },
  {
    name: 'artist vibes',
    cue: false,
    names: 'performer',
    make: (s, r, v) => `${tags(r, v, between(r, 1, 3)).join(', ')}, ${s.performer(lower)} vibes`,
  },
  { name: 'remix title', cue: false, names: 'title', make: (s, r, v) => `remix ${s.title()} into ${tags(r, v, 1)[0]}` },
  { name: 'cover title', cue: false, names: 'title', make: (s, r, v) => `cover ${s.title()} with ${pick(r, v.instruments).toLowerCase()}` },
  { name: 'sample title', cue: false, names: 'title', make: (s, r, v) => `sample ${s.title()} over a ${tags(r, v, 1)[0]} beat` },
  { name: 'interpolate title', cue: false, names: 'title', make: (s, r, v) => `interpolate ${s.title()}, ${tags(r, v, 2).join(', ')}` },
  {
    name: 'part of title',
    cue: false,
    names: 'title',
    make: (s, r, v) => `the ${pick(r, PARTS)} of ${s.title()} on ${pick(r, v.instruments).toLowerCase()}`,
  },
  { name: 'title, but changed, lower case', cue: false, names: 'title', make: (s, r) => `${s.title(lower)}, but ${pick(r, CHANGES)}` },
  {
    name: 'beat from title',
    cue: false,
    names: 'title',
    make: (s, r, v) => `using the beat from ${s.title()}, ${tags(r, v, 2).join(', ')}`,
  },
  { name: 'title by artist, lower case', cue: false, names: 'both', make: (s) => `${s.title(lower)} by ${s.performer(lower)}` },
  {
    name: 'tags with title and artist, lower case',
    cue: false,
    names: 'both',
    make: (s, r, v) => [...tags(r, v, between(r, 1, 3)), s.title(lower), s.performer(lower)].join(', '),
  },
];

export const REFERENCE_FORMS: readonly ReferenceForm[] = [...CUE_FORMS, ...NO_CUE_FORMS];

/** One song as the forms use it: its title, its first catalog performer and the full credit. */
export interface Song {
  title: string;
  performer: string;
  credit: string;
  /** The credit's performers that are catalog entries. */
  performers: string[];
}

/** A prompt that references a song; caught when a BLOCK names one of `expected`. */
export interface Reference {
  form: string;
  cue: boolean;
  prompt: string;
  expected: string[];
  song: Song;
}

/** Disguises one name; null when the name is too short for it (the prompt is then left out of that class). */
export type Disguise = (name: string) => string | null;

class Unfit extends Error {}

/** Builds a form's prompt for a song, with every name passed through `disguise`; null if some name did not take it. */
export function renderReference(form: ReferenceForm, song: Song, v: Vocabulary, disguise?: Disguise): string | null {
  const apply = (name: string): string => {
    if (disguise === undefined) return name;
    const out = disguise(name);
    if (out === null) throw new Unfit();
    return out;
  };
  const catalogPerformers = new Set(song.performers.map(nameKey));
  const slots: NameSlots = {
    title: (spell = (x) => x) => apply(spell(song.title)),
    performer: (spell = (x) => x) => apply(spell(song.performer)),
    // Each catalog performer of a credit is disguised on its own: one left plain would still name the song.
    credit: (spell = (x) => x) =>
      creditParts(spell(song.credit))
        .map((part) => (part.performer && catalogPerformers.has(nameKey(part.text)) ? apply(part.text) : part.text))
        .join(''),
  };
  const key =
    form.names === 'title'
      ? nameKey(song.title)
      : form.names === 'performer'
        ? nameKey(song.performer)
        : `${nameKey(song.title)}\u0000${nameKey(song.credit)}`;
  try {
    return form.make(slots, randomFor('form', form.name, key), v);
  } catch (error) {
    if (error instanceof Unfit) return null;
    throw error;
  }
}

/** Songs of the pairs whose credit names at least one catalog performer. */
export function songsOf(pairs: readonly Pair[], catalogKeys: ReadonlySet<string>): Song[] {
  const out: Song[] = [];
  for (const { title, artist } of pairs) {
    const performers = splitCredit(artist).filter((p) => catalogKeys.has(nameKey(p)));
    if (performers.length === 0 || !catalogKeys.has(nameKey(title))) continue;
    out.push({ title, performer: performers[0], credit: artist, performers });
  }
  return out;
}

/**
 * Every form for every song, each distinct prompt once: a form that names only
 * the performer is written once per performer, a title-only form once per title.
 */
export function referencesOf(songs: readonly Song[], v: Vocabulary, forms: readonly ReferenceForm[] = REFERENCE_FORMS): Reference[] {
  const byPrompt = new Map<string, Reference>();
  for (const form of forms) {
    for (const song of songs) {
      const prompt = renderReference(form, song, v)!;
      const expected =
        form.names === 'title' ? [song.title] : form.names === 'performer' ? [song.performer] : [song.title, ...song.performers];
      const seen = byPrompt.get(prompt);
      if (seen === undefined) byPrompt.set(prompt, { form: form.name, cue: form.cue, prompt, expected, song });
      else for (const e of expected) if (!seen.expected.includes(e)) seen.expected.push(e);
    }
  }
  return [...byPrompt.values()];
}

export const FORM_BY_NAME: ReadonlyMap<string, ReferenceForm> = new Map(REFERENCE_FORMS.map((f) => [f.name, f]));
