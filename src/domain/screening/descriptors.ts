// The words people use to describe music rather than to name a work (genres,
// instruments, moods, roles of music), people's first names and places, from
// public vocabularies (data/music-descriptors.json, data/first-names.json,
// data/places.json; loaded by src/services/catalog/screening-vocabulary.ts). A
// catalog name used as a descriptor ("punk rock style", "trance vibes",
// "happy") is not a reference, a lone first name in a story is a person, not
// the artist, and a place after "sounds like" may be the place.
// Lookups are hash probes of normalized words. Pure.

import { normalizeText } from './normalize';

/** The lists a vocabulary is built from, as their sources write them. */
export interface VocabularyLists {
  /** Descriptor phrases: "punk rock", "Happy music", "Violin, fiddle", "Keyboard (musical)". */
  descriptors: readonly string[];
  firstNames: readonly string[];
  /** Places: cities, countries, states ("San Bernardino", "Isle of Man"). */
  places?: readonly string[];
}

/**
 * A source's descriptor as the phrases users write: "Violin, fiddle" → both,
 * "Keyboard (musical)" → "Keyboard", "Happy music" → also "Happy".
 */
export function descriptorPhrases(name: string): string[] {
  const out: string[] = [];
  for (const part of name.replace(/\s*\([^)]*\)/g, '').split(/,\s*/)) {
    const phrase = normalizeText(part);
    if (phrase === '') continue;
    out.push(phrase);
    // AudioSet names moods and roles "X music"; users write the X alone ("happy", "birthday").
    if (phrase.endsWith(' music') && !phrase.startsWith('music ')) out.push(phrase.slice(0, -' music'.length));
  }
  return out;
}

/** Words a place may have beyond a misspelt name inside it. */
const MAX_PLACE_EXTRA = 3;

/** Normalized phrases as word arrays by their first word, longest first: one probe per prompt word. */
function byFirstWord(phrases: Iterable<string>): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const phrase of [...phrases].map((p) => p.split(' ')).sort((a, b) => b.length - a.length)) {
    const list = out.get(phrase[0]);
    if (list === undefined) out.set(phrase[0], [phrase]);
    else list.push(phrase);
  }
  return out;
}

/** Whether the prompt's words from `first` on are the phrase's. */
function phraseAt(words: readonly string[], first: number, phrase: readonly string[]): boolean {
  if (first + phrase.length > words.length) return false;
  for (let k = 1; k < phrase.length; k++) if (words[first + k] !== phrase[k]) return false;
  return true;
}

export class PromptVocabulary {
  /** Descriptor phrases as word arrays by their first word, longest first: one probe per prompt word. */
  private readonly byFirstWord: ReadonlyMap<string, string[][]>;
  /** Places, the same way. */
  private readonly placesByFirstWord: ReadonlyMap<string, string[][]>;

  private constructor(
    private readonly phrases: ReadonlySet<string>,
    /** Descriptors of one word ("rock", "soul", "piano", "happy"): a name made only of them describes. */
    private readonly words: ReadonlySet<string>,
    private readonly firstNames: ReadonlySet<string>,
    /** Words in the longest descriptor phrase: the prompt's word sequences stop there. */
    readonly maxDescriptorWords: number,
    places: ReadonlySet<string> = new Set(),
  ) {
    this.byFirstWord = byFirstWord(phrases);
    this.placesByFirstWord = byFirstWord(places);
  }

  static fromLists(lists: VocabularyLists): PromptVocabulary {
    const phrases = new Set<string>();
    const words = new Set<string>();
    let maxWords = 0;
    for (const name of lists.descriptors) {
      for (const phrase of descriptorPhrases(name)) {
        phrases.add(phrase);
        const count = phrase.split(' ').length;
        if (count === 1) words.add(phrase);
        maxWords = Math.max(maxWords, count);
      }
    }
    const firstNames = new Set<string>();
    for (const name of lists.firstNames) {
      const n = normalizeText(name);
      if (n !== '' && !n.includes(' ')) firstNames.add(n);
    }
    const places = new Set<string>();
    for (const name of lists.places ?? []) {
      const n = normalizeText(name);
      if (n !== '') places.add(n);
    }
    return new PromptVocabulary(phrases, words, firstNames, maxWords, places);
  }

  /** A vocabulary that knows no descriptor and no first name: the rules that need one stay silent. */
  static empty(): PromptVocabulary {
    return new PromptVocabulary(new Set(), new Set(), new Set(), 0);
  }

  /** Whether normalized words joined by single spaces are a descriptor ("punk rock", "avant garde"). */
  isDescriptor(phrase: string): boolean {
    return this.phrases.has(phrase);
  }

  /** Last word of the longest descriptor that starts at `words[first]`, or -1. */
  descriptorEndingAt(words: readonly string[], first: number): number {
    const candidates = this.byFirstWord.get(words[first]);
    if (candidates === undefined) return -1;
    for (const phrase of candidates) if (phraseAt(words, first, phrase)) return first + phrase.length - 1;
    return -1;
  }

  /** Whether one normalized word is a descriptor by itself ("rock", "happy", "lullaby"). */
  isDescriptorWord(word: string): boolean {
    return this.words.has(word);
  }

  /** Whether a normalized word starts some descriptor phrase ("synth" of "synth pop"): a word of music vocabulary. */
  startsDescriptor(word: string): boolean {
    return this.byFirstWord.has(word);
  }

  isFirstName(word: string): boolean {
    return this.firstNames.has(word);
  }

  /** Whether words first..last lie inside a place of up to three more words ("caledonia" in "new caledonia"). */
  insidePlace(words: readonly string[], first: number, last: number): boolean {
    for (let a = Math.max(0, first - MAX_PLACE_EXTRA); a <= first; a++)
      for (let b = last; b < words.length && b <= last + MAX_PLACE_EXTRA; b++) if (this.isPlace(words, a, b)) return true;
    return false;
  }

  /** Whether words first..last are exactly a place ("san bernardino"). */
  isPlace(words: readonly string[], first: number, last: number): boolean {
    const candidates = this.placesByFirstWord.get(words[first]);
    if (candidates === undefined) return false;
    return candidates.some((place) => place.length === last - first + 1 && phraseAt(words, first, place));
  }
}
