// Loads the public vocabularies screening tells descriptors and people's first
// names from (src/domain/screening/descriptors.ts): MusicBrainz's genre list
// (CC0) and AudioSet's music classes (CC BY-SA 4.0) in data/music-descriptors.json,
// common English first names (Moby Word II, public domain) in data/first-names.json,
// places (GeoNames, CC BY 4.0; data/build-places.mjs) in data/places.json.
// Imported as data, so the build carries the files; read once per process.

import firstNames from '../../../data/first-names.json';
import descriptors from '../../../data/music-descriptors.json';
import places from '../../../data/places.json';
import { PromptVocabulary } from '../../domain/screening/descriptors';

/**
 * "Song" and "music" in the other languages prompts are written in (AudioSet's
 * "Song" is a descriptor in English): "une chanson", "una canción", "lagu", "norae".
 */
const SONG_IN_OTHER_LANGUAGES = [
  'chanson',
  'morceau',
  'musique',
  'canción',
  'canção',
  'música',
  'canzone',
  'brano',
  'Lied',
  'Musik',
  'nummer',
  'piosenka',
  'lagu',
  'şarkı',
  'norae',
  'kyoku',
  'gaana',
];

let loaded: PromptVocabulary | null = null;

export function screeningVocabulary(): PromptVocabulary {
  loaded ??= PromptVocabulary.fromLists({
    descriptors: [...descriptors.musicbrainzGenres, ...descriptors.audiosetMusic, ...SONG_IN_OTHER_LANGUAGES],
    firstNames: firstNames.names,
    places: places.names,
  });
  return loaded;
}
