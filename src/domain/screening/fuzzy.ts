// One-edit lookup of distinctive catalog words (a misspelt name: "Neslon",
// "Nellson", "Neson"), without scanning: as in SymSpell, every deletion of
// each eligible word is stored, hashed, so a prompt word finds every word
// within one edit (insert, delete, substitute, transpose) with one probe per
// deletion of itself. Only words rare or long enough for one edit to still
// name them are stored (see FUZZY_RULE and bench/screening-fuzzy-rule.ts):
// at one edit "Heart" meets "heard", "hearts", "Hearth". Pure.

import { LRUCache } from 'lru-cache';
import { Growable } from './growable';
import { HashTable } from './hash-table';
import { Hash64, hashWord } from './word-hash';
import type { WordFrequency } from './word-frequency';

/**
 * A one-word name of this many letters or more ("Donovan", "Madonna", "Cream")
 * goes fuzzy whatever its Zipf value, but only for a written form that names
 * nothing else: no other catalog word and no English word one edit from it
 * (`uniqueMisspelling`). That check, not the word's own frequency, is what
 * tells a typo of a common word that might be another word ("Haert":
 * "hart") from one that can only be the name's; and a form it admits is
 * judged as the word written exactly in the same place ("Chnge" as "change"),
 * so a common word read from a typo blocks only where the word itself would.
 * On the tuning half lifting the former cap (Zipf 4.5) took the dropped,
 * doubled and swapped letter from 0.940, 0.971 and 0.963 to 0.942, 0.980 and
 * 0.970, every ordinary prompt matching as before.
 */
export const SHORT_FUZZY_MIN_LETTERS = 5;
/** Below 10 letters an English word at least this common one edit from the written form makes it ambiguous. */
export const SHORT_FUZZY_NEIGHBOUR_ZIPF = 1.5;

/**
 * Which one-word names go fuzzy, by letters and Zipf value (measured in
 * bench/screening-fuzzy-rule.ts on the development catalog and SUBTLEX-US;
 * the table is in docs/screening.md): a word of `minLetters` or more letters
 * whose Zipf value is below `belowZipf`; unless the row says `alone`, only for
 * a written form that names it alone (`uniqueMisspelling`). Shorter words have
 * a rare English word or another name one edit away too often.
 */
export const FUZZY_RULE: readonly { minLetters: number; belowZipf: number; alone: boolean }[] = [
  { minLetters: 10, belowZipf: 4.5, alone: true },
  { minLetters: SHORT_FUZZY_MIN_LETTERS, belowZipf: Infinity, alone: false },
];
/**
 * In a name of several words any word of this many letters goes fuzzy: the
 * other words, written exactly, anchor it ("Hard Headed Wman").
 */
export const FUZZY_MIN_LETTERS_IN_PHRASE = 5;
/**
 * With only grammar words around it ("The Beatels") a misspelling that is no
 * word is read in a name word of this many letters; in a shorter one (the five
 * letters of "The Kinks") only with a letter dropped ("The Kiks"). A letter
 * added or changed there makes another name as often as a typo ("for Eloise"
 * is not "For Elise"); a dropped one leaves the name's letters in order in a
 * stub that is no word. On the tuning half the dropped letter took the
 * dropped-letter class from 0.929 to 0.940 and changed no ordinary prompt.
 */
export const GRAMMAR_ANCHORED_MIN_LETTERS = 6;
/**
 * A name of this many words or more is anchored by its other words, written
 * exactly, even when they are grammar: three words in order are a name, two
 * ("for Elise") may be a phrase. On the tuning half, names of two grammar-
 * anchored words read a story's "for Eloise" or a caption's "the tempo".
 */
export const LONG_NAME_WORDS = 3;
// With another word that is not grammar among them, or with four words or more
// of grammar alone, they anchor a misspelling however common ("It Only Take A
// Minute", "Jimmy Eat Word", "Say You'll Be Thee"): on the tuning half's
// ordinary prompts that read one name where none was ("The Feeling Is Right"
// in "the feeling is light"), which the verdict did not report; names of two
// words read "the tempo" as "The Tempos" in 17% of the captions, and names of
// three grammar words "in the right" as "In The Night" in 9 prompts.
/** A prompt word this common is a word, not a misspelling: it is not read fuzzily as a one-word name. */
export const FUZZY_PROMPT_BELOW_ZIPF = 2;
/**
 * Inside a name of several words the other words anchor it, so a misspelling
 * that happens to be a word ("Jack Scot", "The Royal Tens") is read too, up to
 * this Zipf value; a commoner one only inside a long name with an anchor
 * (`LONG_NAME_WORDS`: "A Hear In New York", not "the tempo").
 */
export const FUZZY_PROMPT_IN_PHRASE_BELOW_ZIPF = 4.5;
const MAX_LETTERS = 40;
/** Position code of a word stored as itself (not a deletion of it); positions fit in 6 bits. */
const SELF = 0x3f;
/** Distinct letters the deleted-letter code can name (10 bits). */
const MAX_ALPHABET = 1024;
const MAX_LOAD = 0.8;
const TWO_32 = 4294967296;

/** Whether a catalog word is distinctive enough to be found one edit away. */
export function fuzzyEligible(word: string, zipf: number): boolean {
  if (word.length > MAX_LETTERS || !/^\p{L}+$/u.test(word)) return false;
  return FUZZY_RULE.some((r) => word.length >= r.minLetters && zipf < r.belowZipf);
}

/** Whether a misspelling of a fuzzy-eligible one-word name is read without checking that it names that word alone. */
export function fuzzyAlone(word: string, zipf: number): boolean {
  return FUZZY_RULE.some((r) => r.alone && word.length >= r.minLetters && zipf < r.belowZipf);
}

/**
 * The deletion map, 4 bytes a slot: a 16-bit fingerprint of the deletion's
 * hash (the slot itself holds more of it), the deleted letter's position
 * (6 bits) and the letter (10 bits, an index into `alphabet`). 0 is an empty slot.
 */
export interface FuzzyWords {
  slots: Uint32Array;
  /** The letters deletions removed, by code. */
  alphabet: string;
}

/** Collects the deletions of each distinct eligible word once. */
export class FuzzyWordsBuilder {
  /** Word hash → 1 eligible, 0 not: each distinct word is judged once. */
  private readonly seen = new HashTable(1024);
  private readonly hi = new Growable(Uint32Array);
  private readonly lo = new Growable(Uint32Array);
  private readonly values = new Growable(Uint32Array);
  private readonly hash: Hash64 = { hi: 0, lo: 0 };
  private readonly letterCode = new Map<number, number>();
  private alphabet = '';

  constructor(private readonly frequency: WordFrequency) {}

  /** Offers one word of a catalog name, by the hash it already has; `inPhrase` when the name has other words. */
  add(text: string, from: number, to: number, wordHash: Hash64, inPhrase: boolean): void {
    const letters = to - from;
    if (letters < FUZZY_MIN_LETTERS_IN_PHRASE || letters > MAX_LETTERS) return;
    const seen = this.seen.get(wordHash);
    if (seen === 1 || (seen === 0 && !inPhrase)) return;
    const word = text.slice(from, to);
    const eligible = /^\p{L}+$/u.test(word) && (inPhrase || fuzzyEligible(word, this.frequency.zipf(word))) && this.encodable(word);
    this.seen.set(wordHash, eligible ? 1 : 0);
    if (!eligible) return;
    this.push(word, SELF << 10);
    for (let i = 0; i < word.length; i++) {
      // Deleting either of two equal neighbours gives the same string: store it once.
      if (i > 0 && word[i] === word[i - 1]) continue;
      this.push(word.slice(0, i) + word.slice(i + 1), (i << 10) | this.letterCode.get(word.charCodeAt(i))!);
    }
  }

  /** Gives each letter of the word a code; false when the alphabet is full. */
  private encodable(word: string): boolean {
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (this.letterCode.has(c)) continue;
      if (this.alphabet.length >= MAX_ALPHABET) return false;
      this.letterCode.set(c, this.alphabet.length);
      this.alphabet += word[i];
    }
    return true;
  }

  private push(deletion: string, value: number): void {
    hashWord(deletion, this.hash);
    this.hi.push(this.hash.hi);
    this.lo.push(this.hash.lo);
    this.values.push(value);
  }

  finish(): FuzzyWords {
    const count = this.values.length;
    const capacity = Math.max(16, Math.ceil(count / MAX_LOAD));
    const slots = new Uint32Array(capacity);
    for (let i = 0; i < count; i++) {
      let slot = slotOf(this.hi.get(i), this.lo.get(i), capacity);
      while (slots[slot] !== 0) slot = slot + 1 === capacity ? 0 : slot + 1;
      slots[slot] = ((fingerprint(this.hi.get(i)) << 16) | this.values.get(i)) >>> 0;
    }
    this.hi.seal();
    this.lo.seal();
    this.values.seal();
    return { slots, alphabet: this.alphabet };
  }
}

/** 16 bits of the hash the slot number does not use, never 0. */
function fingerprint(hi: number): number {
  return hi >>> 16 || 1;
}

function slotOf(hi: number, lo: number, capacity: number): number {
  return Math.floor((((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) * capacity) / TWO_32);
}

/**
 * The catalog words one edit from a prompt word (Damerau: insert, delete,
 * substitute or swap two neighbours), the word itself excluded. A fingerprint
 * can collide, so a candidate is only a word to probe the name table with,
 * whose 64-bit keys decide.
 */
export function fuzzyCandidates(fuzzy: FuzzyWords, word: string): readonly string[] {
  if (fuzzy.slots.length === 0 || word.length < FUZZY_MIN_LETTERS_IN_PHRASE - 1 || word.length > MAX_LETTERS) return NO_CANDIDATES;
  // Prompts repeat their words ("guitar", "vocals"): each is probed once per index while it stays in use.
  let memo = candidatesMemo.get(fuzzy);
  if (memo === undefined) candidatesMemo.set(fuzzy, (memo = new LRUCache({ max: CANDIDATES_MEMO_WORDS })));
  let found = memo.get(word);
  if (found === undefined) {
    found = probeCandidates(fuzzy, word);
    memo.set(detached(word), found.length === 0 ? NO_CANDIDATES : Object.freeze(found.map(detached)));
  }
  return found;
}

/**
 * A copy of a string that holds on to nothing else: V8 keeps a slice or a
 * concatenation of 13 characters or more as a view of the string it came
 * from, and a remembered word must not keep its whole prompt alive.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : text.split('').join('');
}

const NO_CANDIDATES: readonly string[] = Object.freeze([]);
/** Distinct prompt words remembered per index: a few MB at most. */
const CANDIDATES_MEMO_WORDS = 50_000;
const candidatesMemo = new WeakMap<FuzzyWords, LRUCache<string, readonly string[]>>();

function probeCandidates(fuzzy: FuzzyWords, word: string): readonly string[] {
  const out: string[] = [];
  const hash: Hash64 = { hi: 0, lo: 0 };
  const lookup = (deletion: string, deletedAt: number) => {
    hashWord(deletion, hash);
    const { slots, alphabet } = fuzzy;
    const capacity = slots.length;
    const key = fingerprint(hash.hi);
    for (let slot = slotOf(hash.hi, hash.lo, capacity); slots[slot] !== 0; slot = slot + 1 === capacity ? 0 : slot + 1) {
      const value = slots[slot];
      if (value >>> 16 !== key) continue;
      const position = (value >>> 10) & SELF;
      let candidate: string;
      if (position === SELF) {
        // A stored word equal to a deletion of the prompt word: the prompt word has one letter more.
        if (deletedAt < 0) continue;
        candidate = deletion;
      } else {
        if (position > deletion.length) continue;
        candidate = deletion.slice(0, position) + alphabet[value & (MAX_ALPHABET - 1)] + deletion.slice(position);
      }
      if (candidate !== word && !out.includes(candidate) && oneEdit(candidate, word)) out.push(candidate);
    }
  };
  lookup(word, -1);
  for (let i = 0; i < word.length; i++) {
    if (i > 0 && word[i] === word[i - 1]) continue;
    lookup(word.slice(0, i) + word.slice(i + 1), i);
  }
  return out;
}

/** Endings a word gains, loses or swaps when it inflects or derives. */
const INFLECTION_LETTERS = /^[aeiosdny]$/;

/**
 * Whether the one edit from `a` to `b` is inflection-like: at the last letter
 * whichever way the two align (the common ending is empty), adding, dropping
 * or changing an ending letter (electronic → electronica, overdrive →
 * overdriven, Alejandro → Alejandra), so it reads as another word rather than
 * a misspelling. "Madona" aligns with "Madonna" away from the end; "Donovam"
 * changes the end to a letter no ending has.
 */
export function editAtEnd(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0 || a[a.length - 1] === b[b.length - 1]) return false;
  if (a.length !== b.length) {
    const [long, short] = a.length > b.length ? [a, b] : [b, a];
    return long.startsWith(short) && INFLECTION_LETTERS.test(long[long.length - 1]);
  }
  const last = a.length - 1;
  // A swap of the last two letters is a slip of the fingers, not an ending.
  if (a.slice(0, last) !== b.slice(0, last)) return false;
  return INFLECTION_LETTERS.test(a[last]) && INFLECTION_LETTERS.test(b[last]);
}

/**
 * Whether `written` is `word` with its last letter dropped and no word at all
 * (absent from the frequency list): an ending is only dropped from a word to
 * give another word ("fireballs" → "fireball"), so a stub that is no word
 * ("Girlstow", "Chameleo") is the name cut short, not an inflection of it.
 */
export function cutShort(word: string, written: string, zipf: (w: string) => number): boolean {
  return written.length + 1 === word.length && word.startsWith(written) && zipf(written) === 0;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Whether `written` is one edit from `word` and from no other catalog word and
 * no English word of Zipf `minZipf` or more (probes only: the deletion map, then
 * about 54 probes a letter of the frequency list). Ambiguity is evidence that
 * the written form is a word of its own or another name's misspelling.
 */
export function uniqueMisspelling(fuzzy: FuzzyWords, written: string, word: string, zipf: (w: string) => number, minZipf: number): boolean {
  const candidates = fuzzyCandidates(fuzzy, written);
  if (candidates.length !== 1 || candidates[0] !== word) return false;
  // The name's own inflection is no rival ("firebals": "fireball" of "Fireballs").
  const known = (n: string) => n !== word && n !== written && !editAtEnd(word, n) && zipf(n) >= minZipf;
  for (let i = 0; i <= written.length; i++) {
    const head = written.slice(0, i);
    const tail = written.slice(i);
    if (i < written.length && known(head + tail.slice(1))) return false;
    if (i + 1 < written.length && known(head + tail[1] + tail[0] + tail.slice(2))) return false;
    for (const c of LETTERS) {
      if (known(head + c + tail)) return false;
      if (i < written.length && known(head + c + tail.slice(1))) return false;
    }
  }
  return true;
}

/** Whether two different strings are one Damerau edit apart (optimal string alignment). */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // Substitution: the rest equal; transposition: a swapped pair, then the rest equal.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Bytes held by the deletion map. */
export function fuzzyBytes(fuzzy: FuzzyWords): number {
  return fuzzy.slots.byteLength + 2 * fuzzy.alphabet.length;
}

export const EMPTY_FUZZY: FuzzyWords = { slots: new Uint32Array(0), alphabet: '' };
