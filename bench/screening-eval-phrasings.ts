// Phrasings outside the evaluation's forms, written on 2026-12-03 by probes
// that did not see the forms' templates, as users of music generators might
// write a reference, and ordinary prompts with the same glue words. They are
// measured apart and never join the forms: the forms are what the rules are
// tuned on, these say how far the rules carry to phrasings nobody tuned on.
// Round 1 chose changes to the rules (its figures are in sample since);
// round 2 was measured out of sample before the changes it then chose; each
// later round is measured out of sample once, then kept here as a regression
// check. docs/screening.md ("Known limits") has the figures of each round.

import { nameKey, pick, between, Random } from './screening-eval-random';
import { NameSlots, ReferenceForm, Spelling } from './screening-eval-forms';
import { Vocabulary } from './screening-eval-vocabulary';

export interface Phrasing extends ReferenceForm {
  round: number;
  /** Judged by its author among the commonest ways to write such a reference. */
  common: boolean;
}

export interface OrdinaryPhrasing {
  name: string;
  round: number;
  /** A prompt with no catalog reference, or null when the draw happens to be a catalog name. */
  make(r: Random, v: Vocabulary, catalogKeys: ReadonlySet<string>): string | null;
}

const lower = (s: string) => s.toLowerCase();
const noPunct = (s: string) =>
  s
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const tagify = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '');
const pascal = (s: string) =>
  s
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const g = (r: Random, v: Vocabulary) => pick(r, v.genres).toLowerCase();
const m = (r: Random, v: Vocabulary) => pick(r, v.moods).toLowerCase();
const ins = (r: Random, v: Vocabulary) => pick(r, v.instruments).toLowerCase();

type Make = ReferenceForm['make'];
const phrasing = (round: number, common: boolean, name: string, names: ReferenceForm['names'], make: Make): Phrasing => ({
  round,
  common,
  name,
  names,
  make,
  cue: false,
});

// Round 4's own helpers, as its probe wrote them (all randomness goes through r, in the probe's order).
const r4Maybe = (r: Random, p = 0.5) => r() < p;
const r4Cap = (x: string) => (x ? x.charAt(0).toUpperCase() + x.slice(1) : x);
const r4Upper = (x: string) => x.toUpperCase();
const r4Squash = (x: string) => x.toLowerCase().replace(/[^a-z0-9]+/g, '');
/** Indefinite article for the word that follows ("an 80s", "an acoustic", "a synth"). */
const r4An = (x: string) => (/^(?:[aeio]|u(?![nr]i|s[eu])|8|11|18|'8)/i.test(x) ? 'an' : 'a');
/** A lower-case word from a vocabulary list. */
const r4Word = (r: Random, xs: readonly string[]) => pick(r, xs).toLowerCase();
/** A genre other than `genre`, if five draws find one. */
function r4OtherGenre(r: Random, v: Vocabulary, genre: string): string {
  for (let i = 0; i < 5; i++) {
    const x = g(r, v);
    if (x !== genre) return x;
  }
  return g(r, v);
}
function r4MadeTitle(r: Random, v: Vocabulary): string {
  const a = r4Cap(r4Word(r, v.adjectives));
  const n = r4Cap(r4Word(r, v.titleWords.length > 0 && r4Maybe(r) ? v.titleWords : v.nouns));
  return `${a} ${n}`;
}
/** `n` different comma-separable tags (fewer if 4n draws do not find them). */
function r4Tags(r: Random, v: Vocabulary, n: number): string[] {
  const pool: Array<() => string> = [
    () => g(r, v),
    () => m(r, v),
    () => ins(r, v),
    () => r4Word(r, v.vocals),
    () => r4Word(r, v.tempos),
    () => r4Word(r, v.eras),
  ];
  const out: string[] = [];
  for (let i = 0; i < n * 4 && out.length < n; i++) {
    const x = pick(r, pool)();
    if (!out.includes(x)) out.push(x);
  }
  return out;
}
/** A made-up title that happens to be a catalog name is skipped. */
const r4KnownTitle = (keys: ReadonlySet<string>, t: string) => keys.has(nameKey(t));

// Round 5's own helpers, as its probe wrote them (all randomness goes through r, in the probe's order).
/** A made-up title: an adjective and a title word or noun, each capitalized. */
const r5MadeTitle = (r: Random, v: Vocabulary) => `${r4Cap(r4Word(r, v.adjectives))} ${r4Cap(r4Word(r, v.titleWords.concat(v.nouns)))}`;
const r5Emoji = (r: Random) => pick(r, ['🔥', '✨', '🎧', '💜', '🌙', '😭', '🎸', '💀', '🌊', '🖤']);
function r5Emojis(r: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += r5Emoji(r);
  return out;
}
/** The performer, in lower case half the time. */
const r5P = (s: NameSlots, r: Random) => (r4Maybe(r) ? s.performer(lower) : s.performer());
/** The title, in lower case half the time. */
const r5T = (s: NameSlots, r: Random) => (r4Maybe(r) ? s.title(lower) : s.title());

// Round 6's own helpers, as its probe wrote them (all randomness goes through r, in the probe's order).
/** The word with "a" or "an" before it, chosen by its first letter alone. */
const r6A = (x: string) => (/^[aeiou]/i.test(x) ? 'an ' : 'a ') + x;
/** A plural by the word's ending ("boxes", "cities", "rivers"). */
const r6Plural = (x: string) => (/(s|x|ch|sh)$/.test(x) ? x + 'es' : /[^aeiou]y$/.test(x) ? x.slice(0, -1) + 'ies' : x + 's');
/** A genre other than `genre` if five draws find one, else the fifth draw. */
function r6OtherGenre(r: Random, v: Vocabulary, genre: string): string {
  let x = g(r, v);
  for (let i = 0; i < 4 && x === genre; i++) x = g(r, v);
  return x;
}
/** The performer, in lower case with probability `p`. */
const r6P = (s: NameSlots, r: Random, p = 0.25) => (r() < p ? s.performer(lower) : s.performer());
/** The title, in lower case with probability `p`. */
const r6T = (s: NameSlots, r: Random, p = 0.2) => (r() < p ? s.title(lower) : s.title());
/** A shuffled copy (Fisher–Yates, from the end). */
function r6Shuffle<T>(r: Random, xs: readonly T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
/** A made-up title (adjective and noun, or two title words, each capitalized), or null when it is a catalog name. */
function r6MadeTitle(r: Random, v: Vocabulary, keys: ReadonlySet<string>): string | null {
  const t =
    r() < 0.6
      ? `${r4Cap(r4Word(r, v.adjectives))} ${r4Cap(r4Word(r, v.nouns))}`
      : `${r4Cap(r4Word(r, v.titleWords))} ${r4Cap(r4Word(r, v.titleWords))}`;
  return r4KnownTitle(keys, t) ? null : t;
}
/** An adjective and a noun (plural if asked), or null when it or its plural, with or without "the", is a catalog name. */
function r6AdjNoun(r: Random, v: Vocabulary, keys: ReadonlySet<string>, plural = false): string | null {
  const a = r4Word(r, v.adjectives);
  const n = r4Word(r, v.nouns);
  const one = `${a} ${n}`;
  const many = `${a} ${r6Plural(n)}`;
  if ([one, many, `the ${one}`, `the ${many}`].some((x) => r4KnownTitle(keys, x))) return null;
  return plural ? many : one;
}
/** A first and a last name, or null when it is a catalog name. */
function r6FullName(r: Random, v: Vocabulary, keys: ReadonlySet<string>): string | null {
  const n = `${pick(r, v.firstNames)} ${pick(r, v.lastNames)}`;
  return r4KnownTitle(keys, n) ? null : n;
}

// Round 7's own helpers, as its probe wrote them (all randomness goes through r, in the probe's order).
const r7Same: Spelling = (x) => x;
/** Each space-separated word in lower case with its first letter capitalized. */
const r7TitleCase = (x: string) =>
  x
    .split(' ')
    .map((w) => r4Cap(w.toLowerCase()))
    .join(' ');
/** How a user types a name: as written or in lower case, rarely in capitals. */
function r7UserCase(r: Random): Spelling {
  const x = r();
  return x < 0.5 ? r7Same : x < 0.93 ? lower : r4Upper;
}
/** How a quick, sloppy prompt types a name: mostly in lower case. */
function r7SloppyCase(r: Random): Spelling {
  const x = r();
  return x < 0.7 ? lower : x < 0.95 ? r7Same : r4Upper;
}
/** The title as it is, in double quotes or in single quotes. */
function r7Quote(r: Random, t: string): string {
  const x = r();
  return x < 0.45 ? t : x < 0.85 ? `"${t}"` : `'${t}'`;
}
/** The possessive ("Tom's", "James'"). */
const r7Poss = (x: string) => (/s$/i.test(x) ? `${x}'` : `${x}'s`);
/** A role with "a" or "an" before it, unless it reads as a mass noun or plural ("video game music", "lullabies"). */
const r7RoleA = (x: string) => (/(music|s)$/i.test(x) ? x : /^[aeiou]/i.test(x) ? `an ${x}` : `a ${x}`);
/** An ordinal number ("21st", "42nd", "13th"). */
function r7Ordinal(n: number): string {
  const t = n % 100;
  const u = n % 10;
  return n + (t >= 11 && t <= 13 ? 'th' : u === 1 ? 'st' : u === 2 ? 'nd' : u === 3 ? 'rd' : 'th');
}
/** A made-up title: an adjective and a noun, title-cased. */
const r7MadeTitle = (r: Random, v: Vocabulary) => r7TitleCase(`${r4Word(r, v.adjectives)} ${r4Word(r, v.nouns)}`);
/** A made-up title (adjective and noun, or title word and noun), or null when it is a catalog name. */
function r7OwnTitle(r: Random, v: Vocabulary, keys: ReadonlySet<string>): string | null {
  const t = r4Maybe(r) ? r7MadeTitle(r, v) : r7TitleCase(`${r4Word(r, v.titleWords)} ${r4Word(r, v.nouns)}`);
  return r4KnownTitle(keys, t) ? null : t;
}

export const PHRASINGS: readonly Phrasing[] = [
  // Round 1.
  phrasing(1, false, 'in the vein of P', 'performer', (s, r, v) => `something in the vein of ${s.performer()}, ${g(r, v)}`),
  phrasing(1, false, 'reminiscent of P', 'performer', (s, r, v) => `a ${m(r, v)} ballad reminiscent of ${s.performer()}`),
  phrasing(1, false, 'GENRE à la P', 'performer', (s, r, v) => `${g(r, v)} à la ${s.performer()}`),
  phrasing(1, false, 'channel P', 'performer', (s, r, v) => `channel ${s.performer()} on this one, ${ins(r, v)} and big drums`),
  phrasing(1, true, 'P type beat', 'performer', (s, r, v) =>
    r() < 0.5 ? `${s.performer()} type beat` : `${s.performer(lower)} type beat, ${g(r, v)}`,
  ),
  phrasing(1, false, "P's sound", 'performer', (s) => `I want ${s.performer()}'s sound from their early records`),
  phrasing(1, false, 'question: sounds like P?', 'performer', (s) => `can you make something that sounds like ${s.performer()}?`),
  phrasing(1, false, '#PascalCase hashtag', 'performer', (s, r, v) => `#${s.performer(pascal)} #${tagify(g(r, v))} #${tagify(m(r, v))}`),
  phrasing(
    1,
    false,
    '#lowercase hashtag',
    'performer',
    (s, r, v) => `#${tagify(g(r, v))} #${tagify(m(r, v))} #${s.performer((x) => lower(tagify(x)))}`,
  ),
  phrasing(1, false, 'emoji separated P', 'performer', (s, r, v) => `🎸 ${s.performer()} 🔥 ${g(r, v)} 🎶`),
  phrasing(
    1,
    false,
    'ALL CAPS: SONG LIKE P',
    'performer',
    (s, r, v) => `${g(r, v).toUpperCase()} SONG LIKE ${s.performer((x) => x.toUpperCase())}`,
  ),
  phrasing(1, false, 'edit: vocals more like P', 'performer', (s) => `make the vocals more like ${s.performer()}`),
  phrasing(
    1,
    true,
    'inspired by p, lower case, no punctuation',
    'performer',
    (s) => `song inspired by ${s.performer(noPunct)} sad and slow`,
  ),
  phrasing(1, false, 'as if P sang it', 'performer', (s, r, v) => `${g(r, v)}, as if ${s.performer()} sang it`),
  phrasing(1, true, 'like that P song', 'performer', (s) => `something like that ${s.performer()} song from the radio`),
  phrasing(1, false, 'like that TITLE song', 'title', (s) => `make it like that ${s.title()} song`),
  phrasing(1, true, 'TITLE but make it GENRE', 'title', (s, r, v) => `${s.title()} but make it ${g(r, v)}`),
  phrasing(1, false, 'a GENRE version of TITLE', 'title', (s, r, v) => `a ${g(r, v)} version of ${s.title()}`),
  phrasing(1, false, 'title in parentheses', 'title', (s, r, v) => `${g(r, v)} remake (${s.title()})`),
  phrasing(1, false, 'TITLE (year) but lofi', 'title', (s, r) => `${s.title()} (${between(r, 1958, 2019)}) but lofi`),
  phrasing(1, false, 'ALL CAPS TITLE REMIX', 'title', (s) => `${s.title((x) => x.toUpperCase())} REMIX`),
  phrasing(1, false, 'question: TITLE as GENRE?', 'title', (s, r, v) => `what would ${s.title()} sound like as ${g(r, v)}?`),
  phrasing(1, false, 'TITLE vibes', 'title', (s, r, v) => `${s.title()} vibes, ${m(r, v)}`),
  phrasing(1, false, 'emoji-wrapped title', 'title', (s) => `🎵${s.title()}🎵 acoustic`),
  phrasing(1, true, 'play title, lower case, no punctuation', 'title', (s) => `play ${s.title(noPunct)} acoustic version`),
  phrasing(1, true, "cover P's TITLE", 'both', (s) => `cover ${s.performer()}'s ${s.title()}`),
  phrasing(1, false, 'sounds like TITLE by P', 'both', (s) => `sounds like ${s.title()} by ${s.performer()}`),
  phrasing(1, false, 'P - TITLE (acoustic cover)', 'both', (s) => `${s.performer()} - ${s.title()} (acoustic cover)`),
  phrasing(1, false, "P's TITLE but GENRE", 'both', (s, r, v) => `${s.performer()}'s ${s.title()} but ${g(r, v)}`),
  // Round 2.
  phrasing(2, true, 'a GENRE song in the style of P', 'performer', (s, r, v) => `a ${g(r, v)} song in the style of ${s.performer()}`),
  phrasing(2, true, 'P style, GENRE, MOOD', 'performer', (s, r, v) => `${s.performer()} style, ${g(r, v)}, ${m(r, v)}`),
  phrasing(2, true, 'write me a song like P', 'performer', (s) => `write me a song like ${s.performer()}`),
  phrasing(2, false, 'a track P would put out', 'performer', (s) => `could you do a track ${s.performer()} would put out?`),
  phrasing(
    2,
    true,
    'tag soup with P',
    'performer',
    (s, r, v) => `${g(r, v)}, ${m(r, v)}, ${ins(r, v)}, ${s.performer()}, male vocals, 120 bpm`,
  ),
  phrasing(2, false, "Make It Sound Like It's By P", 'performer', (s) => `Make It Sound Like It's By ${s.performer()}`),
  phrasing(2, false, 'GENRE for fans of p', 'performer', (s, r, v) => `${g(r, v)} for fans of ${s.performer(lower)}`),
  phrasing(2, false, 'P sound-alike, social', 'performer', (s) => `ngl need a ${s.performer()} sound-alike rn 😭🔥`),
  phrasing(2, false, 'canción estilo P', 'performer', (s, r, v) => `canción estilo ${s.performer()}, ${g(r, v)}`),
  phrasing(2, false, 'similar to P but darker', 'performer', (s, r, v) => `${g(r, v)} track, similar to ${s.performer()} but darker`),
  phrasing(2, false, 'BASICALLY a rip-off of P LOL', 'performer', (s) => `BASICALLY a rip-off of ${s.performer()} LOL`),
  phrasing(2, false, 'a MOOD pastiche of P', 'performer', (s, r, v) => `a ${m(r, v)} pastiche of ${s.performer()}`),
  phrasing(2, false, 'tribute to P', 'performer', (s, r, v) => `tribute to ${s.performer()}, ${ins(r, v)} solo`),
  phrasing(2, false, 'in homage of P', 'performer', (s, r, v) => `${m(r, v)} ${g(r, v)} in homage of ${s.performer()}`),
  phrasing(2, false, 'parody of P', 'performer', (s) => `parody of ${s.performer()} about doing laundry`),
  phrasing(2, false, 'produced like P', 'performer', (s, r, v) => `${g(r, v)}, produced like ${s.performer()}`),
  phrasing(2, false, "P's new album vibe", 'performer', (s) => `${s.performer()}'s new album vibe`),
  phrasing(2, false, 'the next P single', 'performer', (s) => `write the next ${s.performer()} single`),
  phrasing(2, true, 'a song like "TITLE" but GENRE', 'title', (s, r, v) => `a song like "${s.title()}" but ${g(r, v)}`),
  phrasing(2, false, 'homage to TITLE', 'title', (s, r, v) => `homage to ${s.title()}, ${m(r, v)}`),
  phrasing(2, false, 'algo como TITLE pero GENRE', 'title', (s, r, v) => `algo como ${s.title()} pero ${g(r, v)}`),
  phrasing(2, true, 'TITLE by P but GENRE', 'both', (s, r, v) => `${s.title()} by ${s.performer()} but ${g(r, v)}`),
  // Round 3, written after the changes rounds 1 and 2 chose.
  phrasing(3, true, 'make me a GENRE song like P', 'performer', (s, r, v) => `make me a ${g(r, v)} song like ${s.performer()}`),
  phrasing(3, true, 'lower case: in the style of p', 'performer', (s, r, v) =>
    lower(`${m(r, v)} ${g(r, v)} track in the style of ${s.performer()}`),
  ),
  phrasing(3, true, 'vibes like P', 'performer', (s, r, v) => `${g(r, v)} with vibes like ${s.performer()}, ${pick(r, v.tempos)} tempo`),
  phrasing(
    3,
    false,
    'kinda reminds me of P lol',
    'performer',
    (s, r, v) => `ok so i want something that kinda reminds me of ${s.performer()} lol, ${m(r, v)} but ${g(r, v)}`,
  ),
  phrasing(
    3,
    false,
    'the way P does it',
    'performer',
    (s, r, v) => `${ins(r, v)} solo the way ${s.performer()} does it, ${g(r, v)} backing`,
  ),
  phrasing(3, true, 'P-inspired GENRE', 'performer', (s, r, v) => `${s.performer()}-inspired ${g(r, v)} beat`),
  phrasing(
    3,
    false,
    'pcore, lower case, joined',
    'performer',
    (s, r, v) => `${s.performer(lower)}core ${g(r, v)} with ${pick(r, v.vocals)}`,
  ),
  phrasing(3, true, 'P era GENRE', 'performer', (s, r, v) => `${s.performer()} era ${g(r, v)}, ${pick(r, v.eras)} production`),
  phrasing(3, false, 'big P energy', 'performer', (s, r, v) => `${m(r, v)} song with big ${s.performer()} energy`),
  phrasing(3, true, 'what if P made a GENRE album', 'performer', (s, r, v) => `what if ${s.performer()} made a ${g(r, v)} album`),
  phrasing(3, true, 'give me P but GENRE', 'performer', (s, r, v) => `give me ${s.performer()} but ${g(r, v)}`),
  phrasing(
    3,
    false,
    'MAKE IT SOUND LIKE P!!!',
    'performer',
    (s, r, v) => `MAKE IT SOUND LIKE ${s.performer((x) => x.toUpperCase())}!!! ${g(r, v).toUpperCase()}`,
  ),
  phrasing(
    3,
    false,
    'typos in the glue words',
    'performer',
    (s, r, v) => `pls make a ${g(r, v)} sogn in teh stlye of ${s.performer()} thx`,
  ),
  phrasing(
    3,
    false,
    'French: dans le style de P',
    'performer',
    (s, r, v) => `une chanson ${g(r, v)} dans le style de ${s.performer()}, voix ${pick(r, ['douce', 'grave', 'aiguë'])}`,
  ),
  phrasing(
    3,
    false,
    'German: im Stil von P',
    'performer',
    (s, r, v) => `Ein ${g(r, v)}-Song im Stil von ${s.performer()}, bitte mit ${ins(r, v)}`,
  ),
  phrasing(3, false, 'Portuguese / Spanish: estilo de P', 'performer', (s, r, v) =>
    pick(r, [`uma música ${g(r, v)} no estilo de ${s.performer()}`, `una canción ${g(r, v)} al estilo de ${s.performer()}, por favor`]),
  ),
  phrasing(3, false, 'romaji: P mitai na', 'performer', (s, r, v) => `${s.performer()} mitai na ${g(r, v)} no kyoku tsukutte`),
  phrasing(3, false, 'emoji slang: P type beat', 'performer', (s, r, v) => `🔥🔥 ${g(r, v)} banger fr fr, ${s.performer()} type beat 💯`),
  phrasing(
    3,
    false,
    'markdown: reference artist P',
    'performer',
    (s, r, v) => `**Genre:** ${g(r, v)}\n**Mood:** ${m(r, v)}\n**Reference artist:** ${s.performer()}\n- ${ins(r, v)} lead`,
  ),
  phrasing(3, true, 'vocals that sound like P', 'performer', (s, r, v) => `${g(r, v)} song with vocals that sound like ${s.performer()}`),
  phrasing(3, true, 'TITLE remake but GENRE', 'title', (s, r, v) => `${s.title()} remake but ${g(r, v)}`),
  phrasing(3, false, 'redo title as GENRE, lower case', 'title', (s, r, v) => `redo ${s.title(lower)} as ${g(r, v)}`),
  phrasing(3, true, 'TITLE instrumental', 'title', (s) => `${s.title()} instrumental`),
  phrasing(3, true, 'karaoke version of TITLE', 'title', (s) => `karaoke version of ${s.title()}`),
  phrasing(3, true, 'TITLE sped up / nightcore TITLE', 'title', (s, r) =>
    pick(r, [`${s.title()} sped up`, `nightcore ${s.title()}`, `${s.title(lower)} (sped up)`]),
  ),
  phrasing(3, true, 'TITLE slowed + reverb', 'title', (s) => `${s.title()} slowed + reverb`),
  phrasing(3, true, 'GENRE cover of TITLE by P', 'both', (s, r, v) => `${g(r, v)} cover of ${s.title()} by ${s.performer()}`),
  phrasing(3, false, '"TITLE" - P but make it GENRE', 'both', (s, r, v) => `"${s.title()}" - ${s.performer()} but make it ${g(r, v)} 🎶`),
  // Round 4, written after the changes rounds 1 to 3 chose; measured out of sample before the changes it then chose.
  phrasing(4, true, 'chat-sounds-like-but-more', 'performer', (s, r, v) => {
    const p = s.performer(r4Maybe(r) ? lower : undefined);
    return pick(r, [
      `make me a song that sounds like ${p} but more ${m(r, v)}`,
      `can you make a song that sounds like ${p}, just a bit more ${m(r, v)} and ${r4Word(r, v.tempos)}`,
      `i want something that sounds like ${p} but ${g(r, v)}`,
    ]);
  }),
  phrasing(4, true, 'bare-tag-list-with-artist', 'performer', (s, r, v) => {
    const t = r4Tags(r, v, between(r, 2, 4));
    t.splice(between(r, 0, t.length), 0, s.performer(r4Maybe(r) ? lower : undefined));
    return t.join(r4Maybe(r) ? ', ' : ' , ');
  }),
  phrasing(4, true, 'cover-title-by-artist', 'both', (s, r, v) => {
    const sp = r4Maybe(r, 0.4) ? lower : undefined;
    return pick(r, [
      `cover of ${s.title(sp)} by ${s.performer(sp)} but make it ${g(r, v)}`,
      `${g(r, v)} cover of ${s.title(sp)} by ${s.performer(sp)}`,
      `do a ${m(r, v)} ${g(r, v)} cover of ${s.performer(sp)} - ${s.title(sp)}`,
    ]);
  }),
  phrasing(
    4,
    true,
    'in-the-style-of',
    'performer',
    (s, r, v) => `${r4Cap(g(r, v))} song in the style of ${s.performer()}, ${ins(r, v)} and ${m(r, v)} vibes`,
  ),
  phrasing(
    4,
    true,
    'quoted-title-dash-artist-first',
    'both',
    (s, r, v) => `"${s.title()}" - ${s.performer()}, ${g(r, v)} version, ${r4Word(r, v.tempos)}`,
  ),
  phrasing(4, true, 'remix-paren-artist', 'both', (s, r, v) => {
    const sp = r4Maybe(r) ? lower : undefined;
    return pick(r, [
      `${g(r, v)} remix of ${s.title(sp)} (${s.performer(sp)})`,
      `remix ${s.title(sp)} (${s.performer(sp)}) into ${g(r, v)}, ${r4Word(r, v.tempos)}`,
    ]);
  }),
  phrasing(4, true, 'artist-meets-genre', 'performer', (s, r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `${s.performer()} meets ${pick(r, v.eras)} ${genre}`,
      `like ${s.performer(lower)} meets ${genre} at 3am`,
      `${genre} x ${s.performer()} energy`,
    ]);
  }),
  phrasing(4, false, 'mashup-title-with-role', 'both', (s, r, v) => {
    const role = r4Word(r, v.roles);
    return pick(r, [
      `mashup of ${s.title()} by ${s.performer()} and ${r4An(role)} ${role}`,
      `${s.title(lower)} (${s.performer(lower)}) x ${r4Word(r, v.roles)} mashup`,
    ]);
  }),
  phrasing(
    4,
    true,
    'question-kinda-like-their-era',
    'performer',
    (s, r, v) => `can u do something that sounds kinda like ${s.performer(lower)}?? idk like their ${pick(r, v.eras)} stuff, ${m(r, v)}`,
  ),
  phrasing(4, false, 'typo-sumthing-pls', 'performer', (s, r, v) =>
    pick(r, [
      `sumthing like ${s.performer(lower)} pls, ${m(r, v)} n ${r4Word(r, v.tempos)}`,
      `a song liek ${s.performer(lower)} but sadder lol`,
      `gimme a ${g(r, v)} track thats rly ${s.performer(lower)}-ish`,
    ]),
  ),
  phrasing(4, false, 'emoji-vibes', 'both', (s, r, v) => `🎶 ${s.title()} vibes 🎶 but ${g(r, v)} 🔥 ${s.performer()} energy ✨`),
  phrasing(4, false, 'spanish-estilo', 'performer', (s, r, v) =>
    pick(r, [
      `una canción de ${g(r, v)} al estilo de ${s.performer()}, con ${ins(r, v)}`,
      `hazme algo tipo ${s.performer(lower)} pero más lento`,
      `canción rollo ${s.performer()}, triste, voz femenina`,
    ]),
  ),
  phrasing(4, false, 'french-refais-title', 'title', (s, r, v) =>
    pick(r, [`refais la chanson « ${s.title()} » mais en version ${g(r, v)}`, `je veux une reprise de ${s.title()} en ${g(r, v)} svp`]),
  ),
  phrasing(
    4,
    false,
    'german-wie-von',
    'performer',
    (s, r, v) => `ein Song, der klingt wie von ${s.performer()}, ${g(r, v)}, ${r4Word(r, v.tempos)}`,
  ),
  phrasing(4, false, 'portuguese-versao-do', 'both', (s, r, v) => `faz uma versão de ${s.title()} do ${s.performer()} em ${g(r, v)}`),
  phrasing(4, true, 'markdown-brief-reference', 'performer', (s, r, v) =>
    [
      `**Genre:** ${g(r, v)}`,
      `**Mood:** ${m(r, v)}`,
      `**Reference:** ${s.performer()}`,
      `**Vocals:** ${r4Word(r, v.vocals)}`,
      `**Tempo:** ${r4Word(r, v.tempos)}`,
    ].join('\n'),
  ),
  phrasing(4, true, 'long-descriptive-buried', 'performer', (s, r, v) => {
    const mood = m(r, v);
    return (
      `${r4Cap(r4An(mood))} ${mood} ${g(r, v)} track that opens with a lone ${ins(r, v)} and slowly builds, ` +
      `${r4Word(r, v.vocals)} come in on the second verse, the chorus should hit like something off a ${s.performer()} record, ` +
      `then a long ${ins(r, v)} outro that fades into rain sounds. ${r4Cap(r4Word(r, v.tempos))}, lots of reverb.`
    );
  }),
  phrasing(4, true, 'edit-more-like-the-song', 'title', (s, r, v) =>
    pick(r, [
      `ok now make it sound more like the song ${s.title()}, keep the lyrics`,
      `keep everything but make the beat more like "${s.title()}"`,
      `can you redo this so the ${r4Word(r, v.concepts)} is closer to ${s.title()}?`,
    ]),
  ),
  phrasing(
    4,
    true,
    'lyrics-to-the-tune-of',
    'both',
    (s, r, v) => `write lyrics about my ${r4Word(r, v.nouns)} to the tune of ${s.title()} by ${s.performer()}`,
  ),
  phrasing(
    4,
    false,
    'sample-the-hook',
    'both',
    (s, r, v) => `sample the hook from ${s.title()} (${s.performer()}) and flip it into ${g(r, v)}`,
  ),
  phrasing(
    4,
    true,
    'trying-to-get-that-sound',
    'performer',
    (s, r, v) => `trying to get that ${s.performer()} sound — ${g(r, v)}, ${m(r, v)}, ${r4Word(r, v.vocals)}`,
  ),
  phrasing(
    4,
    true,
    'parody-about-pet',
    'both',
    (s, r, v) => `parody of ${s.title()} by ${s.performer()} about my ${r4Word(r, v.animals)} named ${pick(r, v.petNames)}`,
  ),
  phrasing(
    4,
    true,
    'birthday-to-the-melody',
    'title',
    (s, r, v) => `birthday song for ${pick(r, v.firstNames)} to the melody of ${s.title()}`,
  ),
  phrasing(4, true, 'voice-like-the-singer', 'performer', (s, r, v) =>
    pick(r, [
      `${r4Word(r, v.vocals)} that sound like the singer from ${s.performer()}`,
      `voice like ${s.performer()}, ${g(r, v)} backing`,
      `make the vocals sound like ${s.performer(lower)}`,
    ]),
  ),
  phrasing(4, true, 'type-beat', 'performer', (s, r, v) =>
    pick(r, [
      `${s.performer()} type beat, ${r4Word(r, v.tempos)}, ${m(r, v)}`,
      `${r4Word(r, v.eras)} ${s.performer(lower)} type beat`,
      `free ${s.performer()} type beat - "${r4MadeTitle(r, v)}"`,
    ]),
  ),
  phrasing(
    4,
    false,
    'ref-artists-line',
    'performer',
    (s, r, v) => `ref artists: ${s.performer()}\nplus some ${g(r, v)} influence, ${m(r, v)}`,
  ),
  phrasing(
    4,
    false,
    'hashtag-artist',
    'performer',
    (s, r, v) => `#${r4Squash(g(r, v))} #${r4Squash(m(r, v))} #${s.performer(r4Squash)} #newmusic`,
  ),
  phrasing(4, true, 'possessive-title-as-role', 'both', (s, r, v) => `${s.performer()}'s ${s.title()} but as a ${r4Word(r, v.roles)}`),
  phrasing(4, false, 'credit-new-song', 'performer', (s, r, v) => `new unreleased song by ${s.credit()}, ${g(r, v)}, ${m(r, v)}`),
  phrasing(
    4,
    true,
    'instrumental-no-vocals',
    'both',
    (s, r, v) => `instrumental version of ${s.title()} by ${s.performer()}, no vocals, just ${ins(r, v)}`,
  ),
  phrasing(
    4,
    false,
    'not-a-copy-but-close',
    'performer',
    (s, r, v) => `not a copy obviously but close to ${s.performer()}'s sound, ${g(r, v)}`,
  ),
  phrasing(4, true, 'that-song-title', 'title', (s, r, v) =>
    pick(r, [`kinda like that song ${s.title()}, you know the one`, `something like the song ${s.title(lower)} but ${g(r, v)}`]),
  ),
  phrasing(
    4,
    false,
    'pretend-you-are-artist',
    'performer',
    (s, r, v) => `pretend you're ${s.performer()} writing a song about ${r4Word(r, v.nouns)}`,
  ),
  phrasing(
    4,
    false,
    'playlist-between',
    'performer',
    (s, r, v) => `something that would fit on a playlist between ${s.performer()} and some ${pick(r, v.eras)} ${g(r, v)}`,
  ),
  phrasing(4, false, 'japanese-ppoi', 'performer', (s, r, v) => `${s.performer()}っぽい曲、${g(r, v)}、${m(r, v)}`),
  phrasing(4, false, 'follow-up-chorus-like', 'title', (s) => `same as before but make the chorus more like the chorus of ${s.title()}`),
  phrasing(4, false, 'karaoke-backing', 'both', (s) => `karaoke backing track for ${s.title()} - ${s.performer()}`),
  phrasing(
    4,
    false,
    'extend-add-outro',
    'both',
    (s, r, v) => `extend ${s.title()} by ${s.performer(r4Maybe(r) ? lower : undefined)}, add a ${r4Word(r, v.concepts)} outro`,
  ),
  phrasing(4, false, 'all-caps-shout', 'performer', (s, r, v) => `${r4Upper(g(r, v))} BANGER LIKE ${s.performer(r4Upper)}!!!`),
  // Round 5, written blind after the changes rounds 1 to 4 chose; measured out of sample before the changes it then chose.
  phrasing(
    5,
    true,
    'p_sounds_like_lc',
    'performer',
    (s, r, v) => `${g(r, v)} track that sounds like ${s.performer(lower)}, ${m(r, v)}, lots of ${ins(r, v)}`,
  ),
  phrasing(5, true, 'p_tag_soup', 'performer', (s, r, v) =>
    [g(r, v), r5P(s, r), r4Word(r, v.vocals), r4Word(r, v.tempos), m(r, v)].join(r4Maybe(r) ? ', ' : ' '),
  ),
  phrasing(
    5,
    true,
    'p_meets_genre',
    'performer',
    (s, r, v) => `${s.performer()} meets ${g(r, v)} in a sweaty ${pick(r, v.places)} basement at 3am`,
  ),
  phrasing(5, true, 'p_edit_more_ish', 'performer', (s, r, v) =>
    pick(r, [
      `ok that last one was way too ${r4Word(r, v.adjectives)}. can you make it more ${r5P(s, r)}-ish? keep the ${ins(r, v)} tho`,
      `redo v${between(r, 2, 6)} but lean harder into that ${r5P(s, r)} sound, drop the ${ins(r, v)}`,
    ]),
  ),
  phrasing(
    5,
    true,
    'p_question_but',
    'performer',
    (s, r, v) => `can you do something like ${r5P(s, r)} but ${m(r, v)} and ${r4Word(r, v.tempos)}?`,
  ),
  phrasing(
    5,
    false,
    'p_decade_scene',
    'performer',
    (s, r, v) =>
      `${pick(r, v.eras)} ${pick(r, v.places)} club scene, the kind of record ${s.performer()} would have put out back then, ${ins(r, v)} up front, ${r4Word(r, v.vocals)}`,
  ),
  phrasing(5, false, 'p_spanish', 'performer', (s, r, v) =>
    pick(r, [
      `una canción de ${g(r, v)} al estilo de ${r5P(s, r)}, con mucho ${ins(r, v)} y que suene ${m(r, v)}`,
      `hazme un tema tipo ${r5P(s, r)} pero mas lento, para dedicarselo a mi novia`,
    ]),
  ),
  phrasing(
    5,
    false,
    'p_portuguese',
    'performer',
    (s, r, v) => `faz uma música no estilo do ${r5P(s, r)}, bem ${m(r, v)}, com ${ins(r, v)} e ${r4Word(r, v.vocals)}`,
  ),
  phrasing(
    5,
    false,
    'p_french',
    'performer',
    (s, r, v) => `une chanson ${g(r, v)} façon ${r5P(s, r)}, ambiance ${m(r, v)}, un peu de ${ins(r, v)} stp`,
  ),
  phrasing(
    5,
    false,
    'p_german',
    'performer',
    (s, r, v) => `Ein ${g(r, v)} Song im Stil von ${s.performer()}, eher ${m(r, v)}, mit ${ins(r, v)} und ${r4Word(r, v.vocals)}`,
  ),
  phrasing(
    5,
    false,
    'p_indonesian',
    'performer',
    (s, r, v) => `bikinin lagu ${g(r, v)} yg mirip ${r5P(s, r)} dong, suasananya ${m(r, v)}, pake ${ins(r, v)} ya kak`,
  ),
  phrasing(
    5,
    false,
    'p_korean_roman',
    'performer',
    (s, r, v) => `${r5P(s, r)} neukkim naneun ${g(r, v)} norae mandeureo juseyo, ${m(r, v)} gamseong-euro`,
  ),
  phrasing(
    5,
    false,
    'p_italian',
    'performer',
    (s, r, v) => `canzone ${g(r, v)} in stile ${r5P(s, r)}, atmosfera ${m(r, v)}, voce ${r4Word(r, v.vocals)}`,
  ),
  phrasing(5, false, 'p_json', 'performer', (s, r, v) =>
    JSON.stringify({ genre: g(r, v), mood: m(r, v), style_reference: s.performer(), bpm: between(r, 70, 170) }),
  ),
  phrasing(
    5,
    false,
    'p_key_value',
    'performer',
    (s, r, v) =>
      `genre: ${g(r, v)}\nmood: ${m(r, v)}\nsounds like: ${s.performer()}\ninstruments: ${ins(r, v)}, ${ins(r, v)}\nvocals: ${r4Word(r, v.vocals)}`,
  ),
  phrasing(
    5,
    false,
    'p_bullets',
    'performer',
    (s, r, v) => `- ${g(r, v)}\n- vibe: ${r5P(s, r)} circa ${pick(r, v.eras)}\n- ${r4Word(r, v.tempos)}\n- ${m(r, v)} ending`,
  ),
  phrasing(
    5,
    true,
    'p_emoji_vibes',
    'performer',
    (s, r, v) => `${r5Emojis(r, 2)} ${r5P(s, r)} vibes ${r5Emoji(r)} ${g(r, v)} ${r5Emojis(r, between(r, 1, 3))}`,
  ),
  phrasing(5, true, 'p_slang', 'performer', (s, r, v) =>
    pick(r, [
      `ngl i need a ${g(r, v)} beat that goes as hard as ${s.performer(lower)} fr fr no cap`,
      `lowkey want smth giving ${s.performer(lower)} energy, ${m(r, v)} af`,
      `bro make it slap like ${s.performer(lower)} does 😤`,
    ]),
  ),
  phrasing(
    5,
    false,
    'p_typos',
    'performer',
    (s, r, v) => `plz make a song that soundz lik ${r5P(s, r)} but wit more ${ins(r, v)} and a realy ${m(r, v)} coruss`,
  ),
  phrasing(
    5,
    false,
    'p_halfway',
    'performer',
    (s, r, v) => `somewhere halfway between ${s.performer()} and ${g(r, v)}, ${r4Word(r, v.tempos)}`,
  ),
  phrasing(
    5,
    false,
    'p_lyrics_voice',
    'performer',
    (s, r, v) =>
      `write me lyrics about ${r4Word(r, v.nouns)} the way ${s.performer()} would write them, ${between(r, 2, 3)} verses and a hook`,
  ),
  phrasing(
    5,
    false,
    'p_rambling',
    'performer',
    (s, r, v) =>
      `so my dog ${pick(r, v.petNames)} passed away last week and i want to make a little song for her, nothing fancy, kind of ${m(r, v)} but also warm? ` +
      `i keep thinking of how early ${s.performer()} sounded, just ${ins(r, v)} and a voice, maybe ${r4Word(r, v.vocals)}. around ${between(r, 2, 4)} minutes`,
  ),
  phrasing(5, false, 'p_what_if', 'performer', (s, r, v) => `what if ${r5P(s, r)} made a ${r4Word(r, v.roles)} track`),
  phrasing(
    5,
    true,
    'p_singer_voice',
    'performer',
    (s, r, v) => `${g(r, v)}, vocals that sound like the singer from ${r5P(s, r)}, ${m(r, v)}`,
  ),
  phrasing(5, true, 't_cover', 'title', (s, r, v) => `a ${g(r, v)} cover of "${s.title()}", ${r4Word(r, v.vocals)}`),
  phrasing(5, true, 't_but_make_it', 'title', (s, r, v) => `${s.title(lower)} but make it ${g(r, v)}`),
  phrasing(5, true, 't_sped_up', 'title', (s, r) => `${r5T(s, r)} (sped up + reverb) tiktok version ${r5Emoji(r)}`),
  phrasing(
    5,
    false,
    't_edit_closer',
    'title',
    (s, r, v) => `same as the last gen but closer to the song ${s.title()}, especially the chorus ${r4Word(r, v.concepts)}`,
  ),
  phrasing(5, false, 't_spanish', 'title', (s, r, v) => `versión ${g(r, v)} de la canción "${s.title()}", mas ${m(r, v)}`),
  phrasing(
    5,
    false,
    't_melody_lift',
    'title',
    (s, r, v) => `use the ${pick(r, ['melody', 'hook', 'chorus', 'riff'])} from the song "${r5T(s, r)}" but play it on ${ins(r, v)}`,
  ),
  phrasing(
    5,
    false,
    't_parody_lyrics',
    'title',
    (s, r, v) => `write parody lyrics to the song ${s.title()} but it's about my ${r4Word(r, v.animals)} ${pick(r, v.petNames)}`,
  ),
  phrasing(
    5,
    false,
    't_reference_track',
    'title',
    (s, r, v) => `reference track: "${s.title()}"\ngenre: ${g(r, v)}\ntempo: ${r4Word(r, v.tempos)}`,
  ),
  phrasing(5, true, 't_instrumental_of', 'title', (s, r, v) => `${r4Word(r, v.roles)} version of ${r5T(s, r)} ${r5Emoji(r)}`),
  phrasing(5, true, 'b_dash', 'both', (s, r, v) => `${s.title()} - ${s.performer()} but ${g(r, v)}`),
  phrasing(5, true, 'b_by_lc', 'both', (s, r, v) => `${s.title(lower)} by ${s.performer(lower)} as ${r4Word(r, v.roles)}`),
  phrasing(5, false, 'b_possessive', 'both', (s, r, v) => `${s.performer()}'s "${s.title()}" reimagined as ${pick(r, v.eras)} ${g(r, v)}`),
  phrasing(
    5,
    false,
    'b_json',
    'both',
    (s, r, v) =>
      `{"task": "cover", "original": "${s.performer()} - ${s.title()}", "style": "${g(r, v)}", "vocals": "${r4Word(r, v.vocals)}"}`,
  ),
  phrasing(5, false, 'b_portuguese', 'both', (s, r, v) => `versão ${g(r, v)} de ${r5T(s, r)} do ${r5P(s, r)}, bem ${m(r, v)}`),
  phrasing(5, false, 'b_german', 'both', (s, r, v) => `"${s.title()}" von ${s.performer()} als ${g(r, v)} Version, bitte mit ${ins(r, v)}`),
  phrasing(5, false, 'b_question', 'both', (s, r, v) => `do u know ${r5T(s, r)} by ${r5P(s, r)}?? something like that but more ${m(r, v)}`),
  phrasing(
    5,
    false,
    'b_rambling_mom',
    'both',
    (s, r, v) =>
      `my mom's favorite song ever is ${s.title()} (${s.performer()}) and her ${pick(r, ['50th', '60th', '65th', '70th'])} birthday is coming up ` +
      `so i want a ${m(r, v)} ${g(r, v)} song that feels like that one, with her name ${pick(r, v.firstNames)} in it`,
  ),
  // Round 6, written blind after the changes rounds 1 to 5 chose; measured out of sample before the changes it then chose.
  phrasing(6, true, 'genre-like-artist', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const mood = m(r, v);
    const p = r6P(s, r, 0.3);
    return pick(r, [
      `${genre} like ${p}`,
      `${r6A(genre)} song like ${p}`,
      `${mood} ${genre} track like ${p}`,
      `${genre}, like ${p}`,
      `${genre} song kinda like ${p}`,
      `${r6A(mood)} song like ${p} about ${r6Plural(r4Word(r, v.nouns))}`,
    ]);
  }),
  phrasing(6, true, 'artist-style', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r, 0.3);
    return pick(r, [
      `${p} style ${genre}`,
      `${p} style`,
      `${p}-style ${genre} song`,
      `${genre} in ${p} style`,
      `${p} style song about ${r6Plural(r4Word(r, v.nouns))}`,
      `song in ${p}'s style, ${m(r, v)}`,
    ]);
  }),
  phrasing(6, true, 'in-the-style-of, round 6', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `in the style of ${p}`,
      `${r6A(m(r, v))} ${genre} song in the style of ${p}`,
      `${genre} song about ${r6Plural(r4Word(r, v.nouns))} in the style of ${p}`,
      `write a song in the style of ${p} about ${pick(r, v.places)}`,
      `In the style of ${p}, ${r4Word(r, v.vocals)}, ${r4Word(r, v.tempos)}`,
    ]);
  }),
  phrasing(6, true, 'sound-like', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `make it sound like ${p}`,
      `should sound like ${p}, ${m(r, v)}, ${r4Word(r, v.tempos)}`,
      `${genre} that sounds like ${p}`,
      `i want it to sound exactly like ${p}`,
      `a song about ${r4Word(r, v.nouns)} that sounds like it was made by ${p}`,
    ]);
  }),
  phrasing(6, true, 'tag-list', 'performer', (s, r, v) => {
    const p = r6P(s, r, 0.4);
    const tags = r6Shuffle(r, [g(r, v), m(r, v), r4Word(r, v.vocals), ins(r, v), p]);
    if (r() < 0.4) tags.push(pick(r, v.eras));
    return tags.join(r() < 0.8 ? ', ' : ' ');
  }),
  phrasing(6, true, 'inspired-by', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `${genre} inspired by ${p}`,
      `${p}-inspired ${genre}`,
      `${r6A(m(r, v))} song inspired by ${p}`,
      `inspired by ${p}, ${genre}, ${r4Word(r, v.vocals)}`,
      `heavily influenced by ${p}, ${ins(r, v)} driven`,
    ]);
  }),
  phrasing(6, true, 'vibes', 'performer', (s, r, v) => {
    const p = r6P(s, r, 0.35);
    return pick(r, [
      `${p} vibes`,
      `${m(r, v)} ${p} vibes`,
      `giving ${p} vibes`,
      `${g(r, v)} with ${p} vibes`,
      `${p} energy, ${g(r, v)}`,
      `${p} vibe but ${m(r, v)}`,
    ]);
  }),
  phrasing(6, true, 'lowercase-something-like', 'performer', (s, r, v) => {
    const p = s.performer(lower);
    return pick(r, [
      `something like ${p} but ${m(r, v)}`,
      `smth like ${p} but more ${g(r, v)}`,
      `kinda like ${p}`,
      `something ${p}-ish with ${ins(r, v)}`,
    ]);
  }),
  phrasing(6, true, 'era-artist', 'performer', (s, r, v) => {
    const era = pick(r, v.eras);
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `${era} ${genre} like early ${p}`,
      `${p} in the ${era}`,
      `${era} ${p} sound`,
      `old school ${p} from the ${era}`,
      `late ${era} ${p} era, ${m(r, v)}`,
    ]);
  }),
  phrasing(6, true, 'voice-like', 'performer', (s, r, v) => {
    const p = r6P(s, r);
    return pick(r, [
      `${r4Word(r, v.vocals)} like ${p}`,
      `singer with a voice like ${p}`,
      `vocals that sound like ${p}, ${g(r, v)}`,
      `sing it like ${p} would`,
      `${p} voice, ${m(r, v)} ${g(r, v)}`,
    ]);
  }),
  phrasing(6, false, 'run-on-description', 'performer', (s, r, v) => {
    const p = r6P(s, r, 0.4);
    return pick(r, [
      `i want a song about my ${r4Word(r, v.animals)} named ${pick(r, v.petNames)} who always sleeps on the couch and its kinda ${m(r, v)} with ${ins(r, v)} and the singer should sound kinda like ${p} lol and then at the end it gets really loud and everyone is singing`,
      `so basically its ${r6A(g(r, v))} song about driving to ${pick(r, v.places)} at night with my friends and the windows down and the chorus is really catchy and the whole thing has that ${p} feel to it and maybe some ${ins(r, v)} in the background and it ends kind of sad`,
      `${r6A(r4Word(r, v.tempos))} ${g(r, v)} track that starts with just ${ins(r, v)} and then builds up slowly, lyrics about ${r6Plural(r4Word(r, v.nouns))} and growing up, the guitars and drums sort of like ${p}, ${r4Word(r, v.vocals)}, no autotune, about three minutes long`,
    ]);
  }),
  phrasing(6, true, 'meets', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `${p} meets ${genre}`,
      `${genre} meets ${p}`,
      `somewhere between ${p} and ${r6OtherGenre(r, v, genre)}`,
      `${p} x ${genre}`,
      `like if ${p} and ${r6A(genre)} band had a baby`,
    ]);
  }),
  phrasing(6, false, 'nostalgic-story', 'performer', (s, r, v) => {
    const p = r6P(s, r);
    return pick(r, [
      `my dad used to blast ${p} in the car every summer when we drove to ${pick(r, v.places)}, can you make something that feels like that but ${m(r, v)}`,
      `the band my mom always played while cooking was ${p}, i want ${r6A(g(r, v))} song that feels like her kitchen on sunday mornings`,
      `growing up my grandpa only listened to ${p} and i miss him, make ${r6A(m(r, v))} song in that sound for his memorial`,
      `when I was a kid my uncle had every ${p} record and played them at every family party. make me a song that sounds like those parties`,
    ]);
  }),
  phrasing(6, false, 'dj-set', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `${genre} dj set opener, think ${p}`,
      `warmup track for my dj set, ${r4Word(r, v.tempos)}, ${p} type energy`,
      `a ${between(r, 3, 8)}-minute ${genre} track that would go right before ${p} in a club set`,
      `peak time ${genre} for my set tonight, something the ${p} fans will lose it to`,
    ]);
  }),
  phrasing(6, false, 'all-caps', 'performer', (s, r, v) => {
    const p = s.performer(r4Upper);
    const genre = r4Upper(g(r, v));
    return pick(r, [
      `MAKE A ${genre} BANGER LIKE ${p}!!!`,
      `${p} STYLE ${genre} PLEASE`,
      `I WANT IT TO SOUND LIKE ${p}`,
      `${genre} SONG ABOUT ${r4Upper(r6Plural(r4Word(r, v.nouns)))} LIKE ${p}`,
    ]);
  }),
  phrasing(6, false, 'multilingual', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `una canción de ${genre} al estilo de ${p}`,
      `une chanson ${genre} dans le style de ${p}, ambiance ${m(r, v)}`,
      `ein ${genre} Song im Stil von ${p}`,
      `uma música ${genre} no estilo de ${p}, bem animada`,
      `una canzone ${genre} come ${p}`,
      `${p}っぽい${genre}の曲`,
      `quiero algo que suene como ${p} pero más ${r6OtherGenre(r, v, genre)}`,
    ]);
  }),
  phrasing(6, false, 'typos', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r, 0.4);
    return pick(r, [
      `pls make ${r6A(genre)} sonq kinda liek ${p} but more ${m(r, v)}`,
      `somthing simliar to ${p}, ${genre}, realy ${m(r, v)}`,
      `${r6A(genre)} tune in the stlye of ${p} plz`,
      `make a song that sonds like ${p} with ${ins(r, v)} and a catchy chorous`,
    ]);
  }),
  phrasing(6, false, 'parenthetical', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `${m(r, v)} ${genre} with ${ins(r, v)} (think ${p})`,
      `${genre} ballad (a la ${p}) about ${r6Plural(r4Word(r, v.nouns))}`,
      `${genre} track — kind of ${p}-ish — with ${ins(r, v)}`,
      `a song about ${pick(r, v.places)} (very ${p}) with ${r4Word(r, v.vocals)}`,
    ]);
  }),
  phrasing(6, true, 'but-make-it', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `${p} but ${genre}`,
      `${p} but make it ${genre}`,
      `what if ${p} made ${r6A(genre)} song`,
      `${p} if they went full ${genre}`,
      `imagine ${p} doing ${genre}`,
    ]);
  }),
  phrasing(6, false, 'structured-lines', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `Genre: ${genre}\nMood: ${m(r, v)}\nReference: ${p}\nVocals: ${r4Word(r, v.vocals)}`,
      `[Style]\n${genre}, ${p}-esque, ${ins(r, v)}\n\n[Mood]\n${m(r, v)}`,
      `style: ${genre}\nsimilar artists: ${p}\ntempo: ${r4Word(r, v.tempos)}`,
      `${genre}\n${m(r, v)}\nsounds like ${p}\n${r4Word(r, v.vocals)}`,
    ]);
  }),
  phrasing(6, true, 'type-beat, round 6', 'performer', (s, r, v) => {
    const p = r6P(s, r, 0.3);
    return pick(r, [
      `${p} type beat`,
      `${m(r, v)} ${p} type beat`,
      `[FREE] ${p} type beat - "${r4Cap(r4Word(r, v.adjectives))} ${r4Cap(r4Word(r, v.nouns))}"`,
      `${p} x ${g(r, v)} type beat ${between(r, 80, 160)} bpm`,
    ]);
  }),
  phrasing(6, false, 'slang', 'performer', (s, r, v) => {
    const p = r6P(s, r, 0.5);
    return pick(r, [
      `smth that goes hard like ${p} fr fr`,
      `need ${r6A(g(r, v))} banger, ${p} core, no cap`,
      `lowkey ${p} vibes but ${m(r, v)} ngl`,
      `make it slap like ${p} bro`,
    ]);
  }),
  phrasing(6, false, 'multi-request', 'performer', (s, r, v) => {
    const genre = g(r, v);
    const p = r6P(s, r);
    return pick(r, [
      `two songs please: first ${r6A(m(r, v))} ${genre} ballad about ${r6Plural(r4Word(r, v.nouns))}, second one more like ${p}, and make both ${r4Word(r, v.tempos)}`,
      `1) ${genre} intro with ${ins(r, v)}\n2) build up like ${p}\n3) big ${m(r, v)} chorus\n4) fade out`,
      `make ${r6A(genre)} song for my sister's birthday. also can the second verse sound like ${p}? and add ${ins(r, v)} at the end`,
    ]);
  }),
  phrasing(6, false, 'production-like', 'performer', (s, r, v) => {
    const p = r6P(s, r);
    return pick(r, [
      `produced like a ${p} record`,
      `mix and master it like ${p}`,
      `${g(r, v)}, drums like ${p}`,
      `${ins(r, v)} tone like ${p}, ${m(r, v)}`,
    ]);
  }),
  phrasing(6, true, 'cover-title', 'title', (s, r, v) => {
    const t = r6T(s, r);
    const genre = g(r, v);
    return pick(r, [
      `cover of ${t}`,
      `${genre} cover of ${t}`,
      `make a cover of "${t}"`,
      `${m(r, v)} acoustic cover of ${t}`,
      `cover "${t}" with ${r4Word(r, v.vocals)}`,
    ]);
  }),
  phrasing(6, true, 'version-title', 'title', (s, r, v) => {
    const t = r6T(s, r);
    const genre = g(r, v);
    return pick(r, [
      `${genre} version of ${t}`,
      `"${t}" but ${genre}`,
      `${t} in ${genre} style`,
      `redo the song ${t} as ${genre}`,
      `${genre} version of the song "${t}"`,
    ]);
  }),
  phrasing(6, true, 'song-like-title', 'title', (s, r, v) => {
    const t = r6T(s, r);
    const genre = g(r, v);
    return pick(r, [
      `a song like "${t}"`,
      `something that sounds like the song ${t}`,
      `${r6A(genre)} song similar to "${t}"`,
      `same vibe as the song "${t}", ${m(r, v)}`,
    ]);
  }),
  phrasing(6, true, 'remix-title', 'title', (s, r, v) => {
    const t = r6T(s, r);
    const genre = g(r, v);
    return pick(r, [
      `${t} remix, ${genre}, ${r4Word(r, v.tempos)}`,
      `${genre} remix of "${t}"`,
      `remix "${t}" with ${ins(r, v)}`,
      `"${t}" (${genre} remix)`,
    ]);
  }),
  phrasing(6, false, 'part-of-title', 'title', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    return pick(r, [
      `a drop like the one in "${t}"`,
      `intro like the intro of the song ${t}`,
      `use the ${r4Word(r, v.concepts)} from "${t}" but make it ${g(r, v)}`,
      `a bridge that feels like the bridge in "${t}"`,
      `start with that famous opening from "${t}" and then go ${g(r, v)}`,
    ]);
  }),
  phrasing(6, true, 'lyric-rewrite', 'title', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    return pick(r, [
      `rewrite the lyrics of "${t}" about my ${r4Word(r, v.animals)} ${pick(r, v.petNames)}`,
      `parody of ${t} about ${r6Plural(r4Word(r, v.nouns))}`,
      `same melody as "${t}" but the words are about ${pick(r, v.places)}`,
      `change the lyrics of the song ${t} so it's about my coworker ${pick(r, v.firstNames)}`,
    ]);
  }),
  phrasing(6, true, 'sped-up-title', 'title', (s, r, v) => {
    const t = r6T(s, r, 0.35);
    return pick(r, [
      `${t} sped up`,
      `${t} slowed + reverb`,
      `${t} (sped up version)`,
      `nightcore ${t}`,
      `${t} slowed and reverb, ${m(r, v)}`,
    ]);
  }),
  phrasing(6, false, 'instrumental-title', 'title', (s, r, v) => {
    const t = r6T(s, r);
    return pick(r, [
      `instrumental version of ${t}`,
      `karaoke track for "${t}"`,
      `"${t}" but just ${ins(r, v)}`,
      `${t} piano version`,
      `${ins(r, v)} cover of "${t}", no vocals`,
    ]);
  }),
  phrasing(6, false, 'title-memory', 'title', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    return pick(r, [
      `that song "${t}" that was always on the radio in the ${pick(r, v.eras)}, make it ${g(r, v)}`,
      `the song ${t} from my prom night but in a ${r4Word(r, v.roles)} style`,
      `my husband and I had our first dance to "${t}", can you make ${r6A(m(r, v))} ${g(r, v)} version for our anniversary`,
    ]);
  }),
  phrasing(6, false, 'title-caps-or-lower', 'title', (s, r, v) =>
    pick(r, [
      `${s.title(r4Upper)} BUT ${r4Upper(g(r, v))}`,
      `can u do ${s.title(lower)} but ${m(r, v)}`,
      `the song ${s.title(lower)} but ${g(r, v)} pls`,
      `${s.title(r4Upper)} COVER!!! ${r4Upper(r4Word(r, v.vocals))}`,
    ]),
  ),
  phrasing(6, true, 'cover-title-by-artist, round 6', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.15);
    const p = r6P(s, r, 0.15);
    const genre = g(r, v);
    return pick(r, [
      `cover of ${t} by ${p}`,
      `${genre} cover of "${t}" by ${p}`,
      `${p} ${t} cover`,
      `cover ${t} (${p}) in ${genre}`,
      `${t} by ${p} but ${genre}`,
    ]);
  }),
  phrasing(6, true, 'dash-format', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.15);
    const p = r6P(s, r, 0.15);
    const genre = g(r, v);
    return pick(r, [
      `${p} - ${t} but ${genre}`,
      `${p} – ${t} (${genre} remix)`,
      `${p} - ${t}, ${genre} version`,
      `${t} - ${p} (${m(r, v)} cover)`,
    ]);
  }),
  phrasing(6, true, 'possessive', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    const p = r6P(s, r, 0.15);
    return pick(r, [
      `like ${p}'s ${t} but ${m(r, v)}`,
      `${g(r, v)} version of ${p}'s "${t}"`,
      `something like "${t}" by ${p}`,
      `a song like ${t} from ${p}`,
    ]);
  }),
  phrasing(6, false, 'mashup', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    const p = r6P(s, r, 0.15);
    const genre = g(r, v);
    return pick(r, [
      `mashup of ${t} by ${p} with ${r6A(genre)} beat`,
      `mash up "${t}" (${p}) and some ${genre}`,
      `${p}'s ${t} mashed up with ${genre} drums`,
    ]);
  }),
  phrasing(6, false, 'wedding-story', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    const p = r6P(s, r, 0.15);
    return pick(r, [
      `the song my parents danced to at their wedding was ${t} by ${p}, make a ${m(r, v)} ${r4Word(r, v.roles)} version for my daughter ${pick(r, v.firstNames)}`,
      `my grandma loved "${t}" by ${p} more than anything, can you make a soft ${ins(r, v)} version for her funeral`,
      `back in the ${pick(r, v.eras)} we used to sing ${t} by ${p} on the bus to school, make ${r6A(g(r, v))} version for our class reunion`,
    ]);
  }),
  phrasing(6, false, 'playlist-next', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    const p = r6P(s, r, 0.15);
    const genre = g(r, v);
    return pick(r, [
      `a track that would fit on a playlist right after ${t} by ${p}`,
      `for my ${genre} playlist, something that flows after "${t}" (${p})`,
      `road trip playlist song, same feel as ${p} - ${t}`,
    ]);
  }),
  phrasing(6, false, 'multilingual-both', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    const p = r6P(s, r, 0.1);
    const genre = g(r, v);
    return pick(r, [
      `versión ${genre} de "${t}" de ${p}`,
      `une reprise ${genre} de ${t} de ${p}`,
      `${t} von ${p} als ${genre} Version`,
      `faz um cover de ${t} do ${p} em ${genre}`,
      `una cover ${genre} di "${t}" di ${p}`,
    ]);
  }),
  phrasing(6, false, 'part-of-song-both', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    const p = r6P(s, r, 0.15);
    const genre = g(r, v);
    return pick(r, [
      `take the chorus of ${t} (${p}) and make it ${genre}`,
      `i want the drop from ${p}'s ${t} but longer`,
      `${r6A(genre)} song with an intro like ${t} by ${p}`,
      `the guitar solo from "${t}" by ${p} but on ${ins(r, v)}`,
    ]);
  }),
  phrasing(6, false, 'caps-or-lower-both', 'both', (s, r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `${s.title(r4Upper)} BY ${s.performer(r4Upper)} BUT ${r4Upper(genre)}`,
      `${s.performer(lower)} ${s.title(lower)} ${genre} remix`,
      `${s.title(lower)} ${s.performer(lower)} slowed`,
    ]);
  }),
  phrasing(6, false, 'dj-edit-both', 'both', (s, r, v) => {
    const t = r6T(s, r, 0.1);
    const p = r6P(s, r, 0.15);
    const genre = g(r, v);
    return pick(r, [
      `extended edit of ${p} ${t} for my dj set, ${r4Word(r, v.tempos)}`,
      `${t} - ${p} (${genre} club edit)`,
      `${genre} bootleg of ${t} by ${p}, ${between(r, 118, 132)} bpm`,
    ]);
  }),
  // Round 7, written blind after the changes rounds 1 to 6 chose; measured out of sample before the changes it then chose.
  phrasing(7, true, 'genre-mood-like-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const genre = g(r, v);
    const mood = m(r, v);
    return pick(r, [
      `${genre}, ${mood}, like ${p}`,
      `${mood} ${genre} song like ${p}`,
      `${genre} track kinda like ${p}, ${mood}`,
      `${r4Cap(mood)} ${genre} - think ${p}`,
      `${genre} ${mood} like ${p} with ${ins(r, v)}`,
    ]);
  }),
  phrasing(7, true, 'artist-style-genre', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const genre = g(r, v);
    return pick(r, [
      `${p} style ${genre} song about ${r4Word(r, v.nouns)}`,
      `${p} style, ${m(r, v)}, ${r4Word(r, v.vocals)}`,
      `${genre}, ${p} style`,
      `${p} style song about a ${r4Word(r, v.adjectives)} ${r4Word(r, v.nouns)}`,
    ]);
  }),
  phrasing(7, true, 'in-the-style-of, round 7', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const genre = g(r, v);
    const mood = m(r, v);
    return pick(r, [
      `in the style of ${p}, ${mood} ${genre}`,
      `A ${mood} ${genre} song in the style of ${p}`,
      `${genre} in the style of ${p} with ${r4Word(r, v.vocals)}`,
      `song about ${r4Word(r, v.nouns)} in the style of ${p}`,
    ]);
  }),
  phrasing(7, true, 'sounds-like-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `make a song that sounds like ${p}`,
      `sounds like ${p}`,
      `something that sounds like ${p} but ${m(r, v)}`,
      `${g(r, v)}, should sound like ${p}`,
      `I want it to sound like ${p}`,
    ]);
  }),
  phrasing(7, true, 'cover-of-title', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `cover of ${t}`,
      `${g(r, v)} cover of ${t}`,
      `do a cover of ${t} with ${r4Word(r, v.vocals)}`,
      `${t} cover, ${m(r, v)}, ${ins(r, v)}`,
      `acoustic cover of the song ${t}`,
    ]);
  }),
  phrasing(7, true, 'title-by-artist', 'both', (s, r, v) => {
    const c = r7UserCase(r);
    const t = r7Quote(r, s.title(c));
    const p = s.performer(c);
    return pick(r, [
      `${t} by ${p} but ${g(r, v)}`,
      `make ${t} by ${p} as a ${g(r, v)} song`,
      `${t} by ${p}, ${m(r, v)} version`,
      `${t} by ${p}`,
    ]);
  }),
  phrasing(7, true, 'tag-list-with-artist', 'performer', (s, r, v) => {
    const lowAll = r4Maybe(r, 0.6);
    const p = s.performer(lowAll ? lower : r7Same);
    const tags = r6Shuffle(r, [g(r, v), m(r, v), r4Word(r, v.vocals), r4Word(r, v.tempos), ins(r, v)]).slice(0, between(r, 2, 5));
    tags.splice(between(r, 0, tags.length), 0, p);
    return tags.join(pick(r, [', ', ', ', ' , ', '; ']));
  }),
  phrasing(7, true, 'type-beat, round 7', 'performer', (s, r, v) => {
    const p = s.performer(r7SloppyCase(r));
    return pick(r, [
      `${p} type beat`,
      `[FREE] ${p} type beat - "${r7MadeTitle(r, v)}"`,
      `${m(r, v)} ${p} type beat ${r4Word(r, v.tempos)}`,
      `${g(r, v)} x ${p} type beat`,
    ]);
  }),
  phrasing(7, true, 'artist-meets-genre, round 7', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const genre = g(r, v);
    return pick(r, [
      `sounds like ${p} meets ${genre}`,
      `${p} meets ${genre}`,
      `${genre} meets ${p}, ${m(r, v)}`,
      `imagine ${p} meets ${pick(r, v.eras)} ${genre}`,
    ]);
  }),
  phrasing(7, true, 'inspired-by, round 7', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const genre = g(r, v);
    return pick(r, [
      `${genre} song inspired by ${p}`,
      `inspired by ${p}`,
      `${p} inspired ${genre}`,
      `${p}-inspired ${genre} with ${ins(r, v)}`,
      `${m(r, v)} track, heavily inspired by ${p}`,
    ]);
  }),
  phrasing(7, true, 'artist-vibes', 'performer', (s, r, v) => {
    const p = s.performer(r7SloppyCase(r));
    return pick(r, [
      `${p} vibes, ${m(r, v)}, ${ins(r, v)}`,
      `${m(r, v)} ${g(r, v)} with ${p} vibes`,
      `giving ${p} vibes`,
      `${g(r, v)} but with ${p} vibes`,
    ]);
  }),
  phrasing(7, true, 'remix-of-title-by', 'both', (s, r, v) => {
    const c = r7UserCase(r);
    const t = r7Quote(r, s.title(c));
    const p = s.performer(c);
    return pick(r, [`remix of ${t} by ${p}`, `${g(r, v)} remix of ${r7Poss(p)} ${t}`, `remix ${p} ${t} into ${g(r, v)}`]);
  }),
  phrasing(7, true, 'genre-version-of-title', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `${g(r, v)} version of ${t}`,
      `${t} but it's ${g(r, v)}`,
      `the song ${t} as ${g(r, v)}`,
      `${m(r, v)} ${g(r, v)} version of the song ${t}`,
    ]);
  }),
  phrasing(7, true, 'like-title-by-artist-but', 'both', (s, r, v) => {
    const c = r7UserCase(r);
    const t = r7Quote(r, s.title(c));
    const p = s.performer(c);
    return pick(r, [`something like ${t} by ${p} but more ${m(r, v)}`, `a song like ${t} by ${p}`, `like ${t} by ${p} but ${g(r, v)}`]);
  }),
  phrasing(7, true, 'similar-to', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `similar to ${p}`,
      `${g(r, v)}, similar to ${p}`,
      `a song similar to ${p} about ${r4Word(r, v.nouns)}`,
      `${m(r, v)} ${g(r, v)} similar to the sound of ${p}`,
    ]);
  }),
  phrasing(7, true, 'artist-esque', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `${p}-esque ${g(r, v)}`,
      `very ${p}-esque, ${m(r, v)}`,
      `${p}-ish ${g(r, v)} with ${ins(r, v)}`,
      `kinda ${p}-ish, ${m(r, v)}`,
    ]);
  }),
  phrasing(7, true, 'lyrics-like-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `write lyrics like ${p} would about ${r4Word(r, v.nouns)}`,
      `lyrics in the style of ${p}`,
      `a song about ${r4Word(r, v.nouns)} with lyrics like ${p}`,
      `write a ${g(r, v)} song the way ${p} would`,
    ]);
  }),
  phrasing(7, true, 'voice-like-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `vocals like ${p}`,
      `${r4Word(r, v.vocals)}, voice like the singer of ${p}`,
      `singer should sound like ${p}`,
      `${g(r, v)} with a voice similar to ${p}`,
    ]);
  }),
  phrasing(7, true, 'sounds-like-the-song', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `make it sound like the song ${t}`,
      `${g(r, v)} song that sounds like the song ${t}`,
      `a beat like the one in the song ${t}`,
      `same vibe as the song ${t}`,
    ]);
  }),
  phrasing(7, false, 'era-like-early-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const e = pick(r, v.eras);
    return pick(r, [`${e} ${g(r, v)} like early ${p}`, `think ${p} circa ${e}`, `${e} ${p} sound`, `like ${p} back in the ${e}`]);
  }),
  phrasing(7, false, 'in-the-vein-of', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `${g(r, v)} in the vein of ${p}`,
      `A ${m(r, v)} piece in the vein of ${p}, featuring ${ins(r, v)}`,
      `along the lines of ${p}`,
    ]);
  }),
  phrasing(7, true, 'artist-but-genre', 'performer', (s, r, v) => {
    const p = s.performer(r7SloppyCase(r));
    return pick(r, [`${p} but ${g(r, v)}`, `${p} but it's ${pick(r, v.eras)} ${g(r, v)}`, `${p} but make it ${g(r, v)}`]);
  }),
  phrasing(7, false, 'between-artist-and-genre', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const genre = g(r, v);
    return pick(r, [
      `somewhere between ${p} and ${r4OtherGenre(r, v, genre)}, ${ins(r, v)} heavy`,
      `half ${p}, half ${genre}`,
      `more ${p} than ${genre}, ${m(r, v)}`,
      `${genre} with a little bit of ${p} thrown in`,
    ]);
  }),
  phrasing(7, false, 'bracket-style-metatag', 'performer', (s, r, v) => {
    const p = s.performer(r7Same);
    const line1 = `${r4Cap(r4Word(r, v.adjectives))} ${r4Word(r, v.nouns)} in the ${r4Word(r, v.nouns)}`;
    const line2 = `I ${r4Word(r, v.verbs)} the ${r4Word(r, v.nouns)} again`;
    return pick(r, [
      `[Style: ${g(r, v)}, ${p}]\n[Verse 1]\n${line1}\n${line2}`,
      `[Genre: ${g(r, v)}]\n[Sound: ${p}]\n[Intro]\n[Verse]\n${line1}`,
      `[Verse 1: ${p} style]\n${line1}\n${line2}\n[Chorus]`,
    ]);
  }),
  phrasing(7, false, 'spanish-estilo, round 7', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `una canción de ${g(r, v)} estilo ${p}`,
      `quiero una canción tipo ${p}, que sea ${m(r, v)}`,
      `canción al estilo de ${p} sobre ${r4Word(r, v.nouns)}`,
      `algo como ${p} pero en español`,
    ]);
  }),
  phrasing(7, false, 'portuguese-estilo', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [`música no estilo de ${p}, ${g(r, v)}`, `uma música tipo ${p}`, `faz uma música parecida com ${p}`]);
  }),
  phrasing(7, false, 'french-reprise', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `une reprise de ${t} en version ${g(r, v)}`,
      `reprise de la chanson ${t}, ${r4Word(r, v.vocals)}`,
      `refais la chanson ${t} mais en ${g(r, v)}`,
    ]);
  }),
  phrasing(7, false, 'german-von', 'both', (s, r, v) => {
    const c = r7UserCase(r);
    const t = r7Quote(r, s.title(c));
    const p = s.performer(c);
    return pick(r, [`${t} von ${p} als ${g(r, v)} Version`, `ein Song wie ${t} von ${p}`, `Cover von ${t} (${p}) im ${g(r, v)} Stil`]);
  }),
  phrasing(7, false, 'japanese-ppoi, round 7', 'performer', (s, r, v) => {
    const p = s.performer(r7Same);
    return pick(r, [`${p}っぽい${g(r, v)}`, `${p}風の曲`, `${p}みたいな${m(r, v)}な曲`]);
  }),
  phrasing(7, false, 'edit-previous-title', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7SloppyCase(r)));
    return pick(r, [
      `same as the last one but make the chorus more like the song ${t}`,
      `v2: closer to the original ${t}, less ${ins(r, v)}`,
      `too slow. i wanted it to sound closer to the song ${t}`,
      `redo it, the melody should follow ${t} more closely`,
    ]);
  }),
  phrasing(7, false, 'edit-previous-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7SloppyCase(r));
    return pick(r, [
      `try again, more ${p} and less ${g(r, v)}`,
      `extend: keep going but make the bridge more ${p}`,
      `that's close but it needs to sound more like ${p}`,
      `regenerate, it doesn't sound enough like ${p} yet`,
    ]);
  }),
  phrasing(7, false, 'birthday-passing-mention', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    const n = pick(r, v.firstNames);
    return pick(r, [
      `birthday song for my best friend ${n}, obsessed with ${p} so make it sound like them, ${m(r, v)}`,
      `happy birthday song for ${n}. grew up on ${p}, so something in that style`,
      `a song for my friend ${r7Poss(n)} ${r7Ordinal(between(r, 18, 60))} birthday, ${g(r, v)}, huge ${p} fan`,
    ]);
  }),
  phrasing(7, false, 'wedding-our-song', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `first dance song for our wedding. our song has always been ${t}, so something that feels like that song`,
      `anniversary song, we danced to ${t} at prom, make it sound like that song but ${m(r, v)}`,
      `song for ${pick(r, v.firstNames)}, our favorite song is ${t}, make it similar`,
    ]);
  }),
  phrasing(7, false, 'what-if-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [
      `what if ${p} made a ${g(r, v)} song`,
      `${p} if they were a ${g(r, v)} band`,
      `${p} if they were from ${pick(r, v.places)}`,
      `imagine ${p} writing ${r7RoleA(r4Word(r, v.roles))}`,
    ]);
  }),
  phrasing(7, false, 'json-reference', 'performer', (s, r, v) => {
    const p = s.performer(r7Same);
    const key = pick(r, ['reference_artist', 'artist_reference', 'similar_to', 'style_of']);
    return `{"genre": "${g(r, v)}", "mood": "${m(r, v)}", "${key}": "${p}", "tempo": "${r4Word(r, v.tempos)}"}`;
  }),
  phrasing(7, false, 'intro-of-title', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `an intro like the one in the song ${t}`,
      `${ins(r, v)} riff similar to the intro of ${t}`,
      `start with a ${r4Word(r, v.concepts)} like the opening of ${t}`,
    ]);
  }),
  phrasing(7, false, 'sample-hook', 'both', (s, r, v) => {
    const c = r7SloppyCase(r);
    const t = r7Quote(r, s.title(c));
    const p = s.performer(c);
    return pick(r, [
      `sample the hook from ${t} by ${p}`,
      `flip the ${t} sample (${p}) into a ${g(r, v)} beat`,
      `${g(r, v)} beat sampling ${p} - ${t}`,
    ]);
  }),
  phrasing(7, false, 'reimagine-title-role', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `reimagine the song ${t} as ${r7RoleA(r4Word(r, v.roles))}`,
      `turn ${t} into ${r7RoleA(r4Word(r, v.roles))}`,
      `${t} reimagined as ${r4Word(r, v.roles)}, ${m(r, v)}`,
    ]);
  }),
  phrasing(7, true, 'parody-of-title', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `parody of ${t} about ${r4Word(r, v.nouns)}`,
      `${t} parody but it's about my ${r4Word(r, v.animals)} ${pick(r, v.petNames)}`,
      `a funny parody of ${t} about working in ${pick(r, v.places)}`,
    ]);
  }),
  phrasing(7, true, 'to-the-tune-of', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `lyrics about ${r4Word(r, v.nouns)}, to the tune of ${t}`,
      `sung to the melody of ${t}`,
      `to the tune of ${t}: my ${r4Word(r, v.animals)} ${pick(r, v.petNames)} ate my ${r4Word(r, v.nouns)}`,
    ]);
  }),
  phrasing(7, false, 'mashup, round 7', 'both', (s, r, v) => {
    const c = r7UserCase(r);
    const t = r7Quote(r, s.title(c));
    const p = s.performer(c);
    return pick(r, [
      `mashup: ${p} ${t} x ${g(r, v)} beat`,
      `mashup of ${t} (${p}) with a ${g(r, v)} drop`,
      `${r7Poss(p)} ${t} mashed up with ${pick(r, v.eras)} ${g(r, v)}`,
    ]);
  }),
  phrasing(7, false, 'reference-track', 'both', (s, r, v) => {
    const t = s.title(r7Same);
    const p = s.performer(r7Same);
    return pick(r, [
      `Reference track: ${p} - ${t}. ${g(r, v)}, ${r4Word(r, v.tempos)}.`,
      `ref: ${t} - ${p}`,
      `${g(r, v)}, ${m(r, v)}. Reference: "${t}" (${p})`,
    ]);
  }),
  phrasing(7, false, 'filename-remix', 'both', (s, r, v) => {
    const c = r7UserCase(r);
    const t = s.title(c);
    const p = s.performer(c);
    return pick(r, [
      `${p} - ${t} (${g(r, v)} remix)`,
      `${p} - ${t} [slowed + reverb]`,
      `${t} - ${p} (sped up)`,
      `${p} - ${t} (${pick(r, v.eras)} version)`,
    ]);
  }),
  phrasing(7, false, 'for-fans-of', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [`${g(r, v)} for fans of ${p}`, `FFO: ${p}, ${g(r, v)}`, `RIYL ${p}. ${m(r, v)}, ${ins(r, v)}`]);
  }),
  phrasing(7, false, 'channel-artist', 'performer', (s, r, v) => {
    const p = s.performer(r7UserCase(r));
    return pick(r, [`the vocalist should channel ${p}`, `${r4Word(r, v.vocals)} channeling ${p}`, `${g(r, v)}, channel your inner ${p}`]);
  }),
  phrasing(7, false, 'karaoke-title', 'title', (s, r) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [`karaoke instrumental of ${t}`, `backing track for ${t} without vocals`, `instrumental version of the song ${t}`]);
  }),
  phrasing(7, false, 'that-artist-song', 'both', (s, r, v) => {
    const c = r7SloppyCase(r);
    const t = s.title(c);
    const p = s.performer(c);
    return pick(r, [`like that ${p} song ${t}`, `like the ${p} song "${t}"`, `you know ${t}? the ${p} one. like that but ${g(r, v)}`]);
  }),
  phrasing(7, false, 'tone-from-title', 'title', (s, r, v) => {
    const t = r7Quote(r, s.title(r7UserCase(r)));
    return pick(r, [
      `the ${ins(r, v)} tone from the song ${t}`,
      `${g(r, v)} with drums like in ${t}`,
      `${r4Word(r, v.concepts)} that feels like the song ${t}`,
    ]);
  }),
  phrasing(7, false, 'artist-energy', 'performer', (s, r, v) => {
    const p = s.performer(r7SloppyCase(r));
    return pick(r, [`${m(r, v)} breakup song, ${p} energy`, `${g(r, v)} with big ${p} energy`, `${p} energy but ${pick(r, v.eras)}`]);
  }),
  phrasing(7, false, 'dad-favorite-song', 'both', (s, r, v) => {
    const c = r7UserCase(r);
    const t = r7Quote(r, s.title(c));
    const p = s.performer(c);
    return pick(r, [
      `my dad's favorite song is ${t} by ${p}. make a song for his retirement party that sounds like it`,
      `for ${pick(r, v.firstNames)}, who always sings ${t} by ${p} in the car, something in that style`,
    ]);
  }),
];

const ordinary = (round: number, name: string, make: OrdinaryPhrasing['make']): OrdinaryPhrasing => ({ round, name, make });

export const ORDINARY_PHRASINGS: readonly OrdinaryPhrasing[] = [
  // Round 1.
  ordinary(1, 'in the vein of ERA GENRE', (r, v) => `something in the vein of ${pick(r, v.eras)} ${g(r, v)}`),
  ordinary(1, 'reminiscent of PLACE at night', (r, v) => `a ${m(r, v)} ballad reminiscent of ${pick(r, v.places)} at night`),
  ordinary(1, 'GENRE à la ERA', (r, v) => `${g(r, v)} à la ${pick(r, v.eras)}`),
  ordinary(1, 'channel a rainy night in PLACE', (r, v) => `channel a rainy night in ${pick(r, v.places)}, ${ins(r, v)}`),
  ordinary(1, 'GENRE type beat', (r, v) => (r() < 0.5 ? `${g(r, v)} type beat` : `${m(r, v)} ${g(r, v)} type beat`)),
  ordinary(1, '#hashtags', (r, v) => [g(r, v), m(r, v), ins(r, v)].map((x) => `#${r() < 0.5 ? pascal(x) : tagify(x)}`).join(' ')),
  ordinary(1, 'emoji separated', (r, v) => `🎸 ${g(r, v)} 🔥 ${m(r, v)} 🎶`),
  ordinary(1, 'think GENRE meets GENRE', (r, v) => `think ${g(r, v)} meets ${g(r, v)}`),
  ordinary(1, 'GENRE x GENRE', (r, v) => `${g(r, v)} x ${g(r, v)}, ${m(r, v)}`),
  ordinary(1, 'like that MOOD GENRE song', (r, v) => `something like that ${m(r, v)} ${g(r, v)} song with the ${ins(r, v)}`),
  ordinary(
    1,
    'sounds like PLACE in ERA?',
    (r, v) => `can you make something that sounds like ${pick(r, v.places)} in the ${pick(r, v.eras)}?`,
  ),
  ordinary(1, 'Own Words (year) but lofi', (r, v, keys) => {
    const title = [pick(r, v.adjectives), pick(r, v.nouns)].map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
    return keys.has(nameKey(title)) ? null : `${title} (${between(r, 1958, 2019)}) but lofi`;
  }),
  // Round 2.
  ordinary(2, 'in the style of old GENRE', (r, v) => `a ${g(r, v)} song in the style of old ${g(r, v)}`),
  ordinary(2, 'GENRE style, MOOD, INSTR', (r, v) => `${g(r, v)} style, ${m(r, v)}, ${ins(r, v)}`),
  ordinary(2, 'canción estilo GENRE', (r, v) => `canción estilo ${g(r, v)}, ${m(r, v)}`),
  ordinary(2, 'GENRE for fans of INSTR solos', (r, v) => `${g(r, v)} for fans of ${ins(r, v)} solos`),
  ordinary(2, 'tribute to INSTR players', (r, v) => `tribute to ${ins(r, v)} players, ${m(r, v)} ${g(r, v)}`),
  ordinary(2, 'GENRE + GENRE mashup', (r, v) => `${g(r, v)} + ${g(r, v)} mashup`),
  // Round 3.
  ordinary(3, 'ERA GENRE energy', (r, v) => `${pick(r, v.eras)} ${g(r, v)} energy, ${m(r, v)}`),
  ordinary(3, 'nightcore GENRE', (r, v) => `nightcore ${g(r, v)} with ${pick(r, v.vocals)}`),
  ordinary(3, 'GENRE slowed + reverb', (r, v) => `${g(r, v)} slowed + reverb, ${m(r, v)}`),
  ordinary(
    3,
    'kinda reminds me of PLACE lol',
    (r, v) => `ok so i want something that kinda reminds me of ${pick(r, v.places)} lol, ${m(r, v)} but ${g(r, v)}`,
  ),
  ordinary(3, 'karaoke version / instrumental', (r, v) =>
    pick(r, [`karaoke version of a ${m(r, v)} ${g(r, v)} song`, `${g(r, v)} instrumental with ${ins(r, v)}`]),
  ),
  ordinary(3, 'GENRE-inspired / -core', (r, v) =>
    pick(r, [`${g(r, v)}-inspired ${pick(r, v.roles).toLowerCase()}`, `${pick(r, v.animals)}core ${g(r, v)}`]),
  ),
  ordinary(3, 'give me GENRE but GENRE', (r, v) => `give me ${g(r, v)} but ${g(r, v)}`),
  ordinary(3, 'remake / redo my song', (r, v) =>
    pick(r, [
      `${pick(r, v.titleWords)} ${pick(r, v.nouns)} remake but ${g(r, v)}`,
      `redo my ${pick(r, v.adjectives)} ${pick(r, v.nouns)} song as ${g(r, v)}`,
    ]),
  ),
  ordinary(3, 'French / German / romaji glue', (r, v) =>
    pick(r, [
      `une chanson ${m(r, v)} dans le style de la ${g(r, v)}`,
      `Ein Song im Stil von ${g(r, v)}, bitte mit ${ins(r, v)}`,
      `${g(r, v)} mitai na kyoku tsukutte`,
    ]),
  ),
  ordinary(3, 'CHARACTER type beat / markdown', (r, v) =>
    pick(r, [
      `🔥🔥 ${g(r, v)} banger fr fr, ${pick(r, v.characters)} type beat 💯`,
      `**Genre:** ${g(r, v)}\n**Mood:** ${m(r, v)}\n- ${ins(r, v)} lead`,
    ]),
  ),
  // Round 4, written after the changes rounds 1 to 3 chose; measured out of sample before the changes it then chose.
  ordinary(4, 'ord-sounds-like-band-but-more', (r, v) => {
    const era = pick(r, v.eras);
    return `make me a song that sounds like ${r4An(era)} ${era} ${g(r, v)} band but more ${m(r, v)}`;
  }),
  ordinary(4, 'ord-bare-tag-list', (r, v) => r4Tags(r, v, between(r, 3, 6)).join(', ')),
  ordinary(4, 'ord-cover-old-tune', (r, v) => {
    const genre = g(r, v);
    return `cover of an old ${genre} tune but make it ${r4OtherGenre(r, v, genre)}`;
  }),
  ordinary(
    4,
    'ord-in-the-style-of-role',
    (r, v) => `${r4Cap(g(r, v))} song in the style of ${r4Word(r, v.eras)} ${r4Word(r, v.roles)}, ${ins(r, v)} and ${m(r, v)} vibes`,
  ),
  ordinary(4, 'ord-quoted-made-title-dash', (r, v, keys) => {
    const t = r4MadeTitle(r, v);
    if (r4KnownTitle(keys, t)) return null;
    return `"${t}" - ${g(r, v)} version, ${r4Word(r, v.tempos)}`;
  }),
  ordinary(4, 'ord-genre-meets-genre', (r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `${genre} meets ${pick(r, v.eras)} ${r4OtherGenre(r, v, genre)}`,
      `like ${genre} meets ${r4OtherGenre(r, v, genre)} at 3am`,
    ]);
  }),
  ordinary(
    4,
    'ord-kinda-like-city-at-night',
    (r, v) => `can u do something that sounds kinda like ${pick(r, v.places)} at night?? idk like ${pick(r, v.eras)} stuff, ${m(r, v)}`,
  ),
  ordinary(4, 'ord-emoji-vibes', (r, v) => `🎶 ${m(r, v)} vibes 🎶 but ${g(r, v)} 🔥 ${ins(r, v)} energy ✨`),
  ordinary(4, 'ord-spanish-estilo', (r, v) => `una canción de ${g(r, v)} que suene a ${pick(r, v.places)}, con ${ins(r, v)}`),
  ordinary(4, 'ord-markdown-brief', (r, v) =>
    [
      `**Genre:** ${g(r, v)}`,
      `**Mood:** ${m(r, v)}`,
      `**Reference:** ${pick(r, v.eras)} ${r4Word(r, v.roles)}`,
      `**Vocals:** ${r4Word(r, v.vocals)}`,
      `**Tempo:** ${r4Word(r, v.tempos)}`,
    ].join('\n'),
  ),
  ordinary(4, 'ord-long-descriptive', (r, v) => {
    const mood = m(r, v);
    return (
      `${r4Cap(r4An(mood))} ${mood} ${g(r, v)} track that opens with a lone ${ins(r, v)} and slowly builds, ` +
      `${r4Word(r, v.vocals)} come in on the second verse, the chorus should hit like a ${g(r, v)} record from the ${pick(r, v.eras)}, ` +
      `then a long ${ins(r, v)} outro that fades into rain sounds. ${r4Cap(r4Word(r, v.tempos))}, lots of reverb.`
    );
  }),
  ordinary(4, 'ord-type-beat', (r, v) => `${m(r, v)} ${g(r, v)} type beat, ${r4Word(r, v.tempos)}`),
  ordinary(4, 'ord-hashtags', (r, v) => `#${r4Squash(g(r, v))} #${r4Squash(m(r, v))} #${r4Squash(ins(r, v))} #newmusic`),
  ordinary(
    4,
    'ord-birthday-pet-song',
    (r, v) =>
      `birthday song for ${pick(r, v.firstNames)} about their ${r4Word(r, v.animals)} named ${pick(r, v.petNames)}, ${g(r, v)} melody`,
  ),
  ordinary(4, 'ord-pretend-you-are-composer', (r, v) => {
    const role = r4Word(r, v.roles);
    return `pretend you're ${r4An(role)} ${role} composer writing a song about ${r4Word(r, v.nouns)}`;
  }),
  ordinary(4, 'ord-karaoke-made-title', (r, v, keys) => {
    const t = r4MadeTitle(r, v);
    if (r4KnownTitle(keys, t)) return null;
    return `karaoke-style ${g(r, v)} song called "${t}", ${r4Word(r, v.vocals)}`;
  }),
  ordinary(4, 'ord-edit-chorus-more-like', (r, v) =>
    pick(r, [
      `same as before but make the chorus more like a ${r4Word(r, v.roles)}`.replace(/ a (?=[aeiou])/, ' an '),
      `ok now make it sound more ${m(r, v)}, keep the lyrics`,
      `can you redo this so the ${r4Word(r, v.concepts)} is closer to ${g(r, v)}?`,
    ]),
  ),
  ordinary(4, 'ord-sample-and-flip', (r, v) => {
    const instrument = ins(r, v);
    return `sample ${r4An(instrument)} ${instrument} ${r4Word(r, v.concepts)} and flip it into ${g(r, v)}`;
  }),
  ordinary(4, 'ord-story-character', (r, v) => {
    const mood = m(r, v);
    return (
      `${r4An(mood)} ${mood} ballad about ${pick(r, v.characters)} and ${pick(r, v.firstNames)}, ` +
      `who ${r4Word(r, v.verbs)} together in ${pick(r, v.places)}, ${r4Word(r, v.adjectives)} and ${r4Word(r, v.tempos)}`
    );
  }),
  ordinary(4, 'ord-playlist-between', (r, v) => {
    const genre = g(r, v);
    return `something that would fit on a playlist between ${pick(r, v.eras)} ${genre} and some ${r4OtherGenre(r, v, genre)}`;
  }),
  // Round 5, written blind after the changes rounds 1 to 4 chose; measured out of sample before the changes it then chose.
  ordinary(
    5,
    'o_sounds_like_place',
    (r, v) => `${g(r, v)} track that sounds like a ${m(r, v)} night in ${pick(r, v.places)}, lots of ${ins(r, v)}`,
  ),
  ordinary(5, 'o_tag_soup', (r, v) =>
    [g(r, v), pick(r, v.eras), r4Word(r, v.vocals), r4Word(r, v.tempos), m(r, v)].join(r4Maybe(r) ? ', ' : ' '),
  ),
  ordinary(5, 'o_meets_genre', (r, v) => `${g(r, v)} meets ${g(r, v)} in a sweaty ${pick(r, v.places)} basement at 3am`),
  ordinary(
    5,
    'o_edit_more_ish',
    (r, v) => `ok that last one was way too ${r4Word(r, v.adjectives)}. can you make it more ${g(r, v)}-ish? keep the ${ins(r, v)} tho`,
  ),
  ordinary(5, 'o_question_but', (r, v) => `can you do something like ${g(r, v)} but ${m(r, v)} and ${r4Word(r, v.tempos)}?`),
  ordinary(
    5,
    'o_decade_scene',
    (r, v) =>
      `${pick(r, v.eras)} ${pick(r, v.places)} club scene, the kind of record you'd hear back then, ${ins(r, v)} up front, ${r4Word(r, v.vocals)}`,
  ),
  ordinary(
    5,
    'o_spanish',
    (r, v) => `una canción de ${g(r, v)} al estilo de los ${pick(r, v.eras)}, con mucho ${ins(r, v)} y que suene ${m(r, v)}`,
  ),
  ordinary(
    5,
    'o_portuguese',
    (r, v) => `faz uma música no estilo ${g(r, v)}, bem ${m(r, v)}, sobre ${pick(r, v.places)}, com ${ins(r, v)}`,
  ),
  ordinary(5, 'o_french', (r, v) => `une chanson ${g(r, v)} façon ${pick(r, v.eras)}, ambiance ${m(r, v)}, un peu de ${ins(r, v)} stp`),
  ordinary(
    5,
    'o_german',
    (r, v) => `Ein ${g(r, v)} Song über ${pick(r, v.places)}, eher ${m(r, v)}, mit ${ins(r, v)} und ${r4Word(r, v.vocals)}`,
  ),
  ordinary(
    5,
    'o_indonesian',
    (r, v) => `bikinin lagu ${g(r, v)} buat ulang tahun ${pick(r, v.firstNames)} dong, suasananya ${m(r, v)}, pake ${ins(r, v)} ya kak`,
  ),
  ordinary(5, 'o_korean_roman', (r, v) => `${g(r, v)} neukkim naneun norae mandeureo juseyo, ${m(r, v)} gamseong-euro, ${ins(r, v)} manhi`),
  ordinary(5, 'o_json', (r, v) =>
    JSON.stringify({ genre: g(r, v), mood: m(r, v), style_reference: `${pick(r, v.eras)} ${g(r, v)}`, bpm: between(r, 70, 170) }),
  ),
  ordinary(
    5,
    'o_key_value',
    (r, v) =>
      `genre: ${g(r, v)}\nmood: ${m(r, v)}\nsounds like: ${m(r, v)} ${pick(r, v.places)} rain\ninstruments: ${ins(r, v)}, ${ins(r, v)}\nvocals: ${r4Word(r, v.vocals)}`,
  ),
  ordinary(5, 'o_emoji_vibes', (r, v) => `${r5Emojis(r, 2)} ${g(r, v)} vibes ${r5Emoji(r)} ${m(r, v)} ${r5Emojis(r, between(r, 1, 3))}`),
  ordinary(5, 'o_slang', (r, v) =>
    pick(r, [
      `ngl i need a ${g(r, v)} beat that goes hard fr fr no cap`,
      `lowkey want smth giving ${pick(r, v.eras)} ${g(r, v)} energy, ${m(r, v)} af`,
    ]),
  ),
  ordinary(5, 'o_typos', (r, v) => `plz make a song that soundz lik ${g(r, v)} but wit more ${ins(r, v)} and a realy ${m(r, v)} coruss`),
  ordinary(5, 'o_halfway', (r, v) => `somewhere halfway between ${g(r, v)} and ${g(r, v)}, ${r4Word(r, v.tempos)}`),
  ordinary(
    5,
    'o_lyrics_pet',
    (r, v) =>
      `write me lyrics about my ${r4Word(r, v.animals)} ${pick(r, v.petNames)} who keeps stealing my ${r4Word(r, v.nouns)}, ${between(r, 2, 3)} verses and a hook`,
  ),
  ordinary(
    5,
    'o_rambling',
    (r, v) =>
      `so my dog ${pick(r, v.petNames)} passed away last week and i want to make a little song for her, nothing fancy, kind of ${m(r, v)} but also warm? ` +
      `just ${ins(r, v)} and a voice, maybe ${r4Word(r, v.vocals)}. around ${between(r, 2, 4)} minutes`,
  ),
  ordinary(5, 'o_what_if', (r, v) => `what if a ${r4Word(r, v.animals)} made a ${r4Word(r, v.roles)} track`),
  ordinary(5, 'o_own_title_cover', (r, v, keys) => {
    const t = r5MadeTitle(r, v);
    if (r4KnownTitle(keys, t)) return null;
    return `a ${g(r, v)} version of my own song "${t}", ${r4Word(r, v.vocals)}, same chords as before`;
  }),
  ordinary(5, 'o_title_character', (r, v, keys) => {
    const t = r5MadeTitle(r, v);
    if (r4KnownTitle(keys, t)) return null;
    return `song called "${t}" about ${pick(r, v.characters)} lost somewhere in ${pick(r, v.places)}, ${g(r, v)}, ${m(r, v)}`;
  }),
  ordinary(
    5,
    'o_mom_birthday',
    (r, v) =>
      `my mom's ${pick(r, ['50th', '60th', '65th', '70th'])} birthday is coming up so i want a ${m(r, v)} ${g(r, v)} song ` +
      `that feels like the ${pick(r, v.eras)}, with her name ${pick(r, v.firstNames)} in it`,
  ),
  // Round 6, written blind after the changes rounds 1 to 5 chose; measured out of sample before the changes it then chose.
  ordinary(6, 'genre-like-scene', (r, v, keys) => {
    const genre = g(r, v);
    const phrase = r6AdjNoun(r, v, keys);
    if (!phrase) return null;
    return pick(r, [
      `${genre} like something you'd hear in a ${pick(r, v.places)} cafe`,
      `${genre} like the ${pick(r, v.eras)}`,
      `${r6A(m(r, v))} song that feels like a ${r4Word(r, v.roles)} track`,
      `${genre} song kinda like ${r6A(phrase)}`,
    ]);
  }),
  ordinary(6, 'style-of-era-place', (r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `in the style of ${pick(r, v.eras)} ${genre}`,
      `in a ${r4Word(r, v.roles)} style`,
      `${pick(r, v.eras)} style ${genre}`,
      `${pick(r, v.places)} style ${genre}`,
      `${genre} in ${pick(r, v.places)} style, ${r4Word(r, v.vocals)}`,
    ]);
  }),
  ordinary(6, 'vibes', (r, v, keys) => {
    const phrase = r6AdjNoun(r, v, keys);
    if (!phrase) return null;
    return pick(r, [
      `${pick(r, v.places)} vibes`,
      `${m(r, v)} ${pick(r, v.eras)} vibes`,
      `giving ${phrase} vibes`,
      `${g(r, v)} with ${pick(r, v.places)} vibes`,
    ]);
  }),
  ordinary(6, 'cover-own-song', (r, v, keys) => {
    const t = r6MadeTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [
      `${g(r, v)} version of my song "${t}"`,
      `cover of my grandpa's old song ${t}, ${m(r, v)}`,
      `make an acoustic cover of "${t}", the song i wrote last week`,
    ]);
  }),
  ordinary(6, 'remix-made-up', (r, v, keys) => {
    const t = r6MadeTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [`${t} remix, ${g(r, v)}, ${r4Word(r, v.tempos)}`, `"${t}" (${g(r, v)} remix)`, `${t} - extended mix`]);
  }),
  ordinary(6, 'dad-story', (r, v) =>
    pick(r, [
      `my dad ${pick(r, v.firstNames)} used to play ${ins(r, v)} in the garage every summer in ${pick(r, v.places)}, make something that feels like that`,
      `growing up my grandpa only listened to ${pick(r, v.eras)} ${g(r, v)} and i miss him, make ${r6A(m(r, v))} song for his memorial`,
      `my mom always hummed while cooking on sunday mornings, i want ${r6A(g(r, v))} song that feels like her kitchen`,
    ]),
  ),
  ordinary(6, 'type-beat', (r, v, keys) => {
    const t = r6MadeTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [
      `${m(r, v)} ${g(r, v)} type beat`,
      `[FREE] ${g(r, v)} type beat - "${t}"`,
      `${g(r, v)} type beat ${between(r, 80, 160)} bpm`,
    ]);
  }),
  ordinary(6, 'pet-lyrics', (r, v) =>
    pick(r, [
      `rewrite the chorus so it's about my ${r4Word(r, v.animals)} ${pick(r, v.petNames)}`,
      `a song about my ${r4Word(r, v.animals)} named ${pick(r, v.petNames)} who always sleeps on the couch, ${g(r, v)}`,
      `${pick(r, v.petNames)} the ${r4Word(r, v.animals)}, ${m(r, v)} ${r4Word(r, v.roles)}`,
    ]),
  ),
  ordinary(6, 'character', (r, v) =>
    pick(r, [
      `sung like a ${lower(pick(r, v.characters))}`,
      `${r6A(g(r, v))} song about ${pick(r, v.characters)} going to ${pick(r, v.places)}`,
      `${pick(r, v.characters)} theme song, ${m(r, v)}`,
    ]),
  ),
  ordinary(6, 'meets', (r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `${genre} meets ${r6OtherGenre(r, v, genre)}`,
      `${pick(r, v.places)} meets ${genre}`,
      `somewhere between ${genre} and ${r6OtherGenre(r, v, genre)}`,
      `${genre} x ${r6OtherGenre(r, v, genre)}`,
    ]);
  }),
  ordinary(6, 'birthday-full-name', (r, v, keys) => {
    const n = r6FullName(r, v, keys);
    if (!n) return null;
    return pick(r, [
      `happy birthday song for ${n}, ${g(r, v)}, ${m(r, v)}`,
      `a retirement song for ${n} from ${pick(r, v.places)}, she loves ${ins(r, v)}`,
      `song for my coach ${n}, make it sound epic`,
    ]);
  }),
  ordinary(6, 'all-caps', (r, v) =>
    pick(r, [
      `MAKE A ${r4Upper(g(r, v))} BANGER ABOUT ${r4Upper(r6Plural(r4Word(r, v.nouns)))}!!!`,
      `${r4Upper(g(r, v))} PLEASE`,
      `I WANT IT TO SOUND ${r4Upper(m(r, v))}`,
    ]),
  ),
  ordinary(6, 'multilingual', (r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `una canción de ${genre} sobre ${pick(r, v.places)}`,
      `une chanson ${genre} dans le style des années 80, ambiance ${m(r, v)}`,
      `ein ${genre} Song über meinen Hund ${pick(r, v.petNames)}`,
      `uma música ${genre} bem animada para o aniversário de ${pick(r, v.firstNames)}`,
      `${genre}っぽい曲`,
    ]);
  }),
  ordinary(6, 'song-part', (r, v, keys) => {
    const phrase = r6AdjNoun(r, v, keys);
    if (!phrase) return null;
    return pick(r, [
      `a drop like ${r6A(phrase)}`,
      `intro with ${ins(r, v)}, then the drop hits hard`,
      `a bridge that feels like ${pick(r, v.places)} at 3am`,
      `use a ${r4Word(r, v.concepts)} that builds slowly and then go ${g(r, v)}`,
    ]);
  }),
  ordinary(6, 'structured-lines', (r, v, keys) => {
    const t = r6MadeTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [
      `Genre: ${g(r, v)}\nMood: ${m(r, v)}\nTitle: ${t}\nVocals: ${r4Word(r, v.vocals)}`,
      `[Style]\n${g(r, v)}, ${ins(r, v)}\n\n[Mood]\n${m(r, v)}`,
      `style: ${g(r, v)}\ntempo: ${r4Word(r, v.tempos)}\ntitle: ${t}`,
    ]);
  }),
  ordinary(6, 'dj-set', (r, v) =>
    pick(r, [
      `${g(r, v)} dj set opener for a rooftop party in ${pick(r, v.places)}, ${r4Word(r, v.tempos)}`,
      `warmup track for my dj set, ${r4Word(r, v.tempos)}, ${m(r, v)}`,
      `peak time ${g(r, v)} for my set tonight`,
    ]),
  ),
  ordinary(6, 'mashup', (r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `mashup of ${genre} and ${r6OtherGenre(r, v, genre)}`,
      `mash up ${r4Word(r, v.roles)} with ${genre}`,
      `${genre} mashed up with ${ins(r, v)}`,
    ]);
  }),
  ordinary(6, 'era-parents', (r, v) =>
    pick(r, [
      `${pick(r, v.eras)} ${g(r, v)} like my mom used to play when we drove to ${pick(r, v.places)}`,
      `old school ${g(r, v)} from the ${pick(r, v.eras)}`,
      `that song that was always on the radio in the ${pick(r, v.eras)} vibe, ${g(r, v)}`,
    ]),
  ),
  ordinary(6, 'slang', (r, v) =>
    pick(r, [
      `smth that goes hard fr fr, ${g(r, v)}, ${m(r, v)}, no cap`,
      `lowkey ${m(r, v)} ${g(r, v)} ngl`,
      `make it slap bro, ${g(r, v)}`,
    ]),
  ),
  ordinary(6, 'typos', (r, v) =>
    pick(r, [
      `pls make ${r6A(g(r, v))} sonq kinda liek the ${pick(r, v.eras)} but more ${m(r, v)}`,
      `somthing realy ${m(r, v)}, ${g(r, v)}, with ${ins(r, v)}`,
      `${r6A(g(r, v))} tune with a catchy chorous plz`,
    ]),
  ),
  ordinary(6, 'song-by-person', (r, v, keys) => {
    const t = r6MadeTitle(r, v, keys);
    const n = r6FullName(r, v, keys);
    const phrase = r6AdjNoun(r, v, keys, true);
    if (!t || !n || !phrase) return null;
    const band = phrase.split(' ').map(r4Cap).join(' ');
    return pick(r, [
      `write a song called "${t}" for my friend ${n}`,
      `my band ${band} needs ${r6A(g(r, v))} song called "${t}"`,
      `"${t}" by ${n}, ${g(r, v)}, ${m(r, v)}`,
    ]);
  }),
  ordinary(6, 'sped-up-own', (r, v, keys) => {
    const t = r6MadeTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [`my song ${t} but sped up`, `${t} (slowed + reverb)`, `nightcore version of my track "${t}"`]);
  }),
  ordinary(6, 'parenthetical', (r, v, keys) => {
    const phrase = r6AdjNoun(r, v, keys, true);
    if (!phrase) return null;
    return pick(r, [
      `${m(r, v)} ${g(r, v)} with ${ins(r, v)} (think ${phrase} at night)`,
      `${g(r, v)} ballad (a la ${pick(r, v.eras)}) about ${r6Plural(r4Word(r, v.nouns))}`,
      `a song about ${pick(r, v.places)} (very ${m(r, v)}) with ${r4Word(r, v.vocals)}`,
    ]);
  }),
  ordinary(6, 'voice-like', (r, v) =>
    pick(r, [
      `${r4Word(r, v.vocals)} like a ${lower(pick(r, v.characters))}`,
      `singer with ${r6A(r4Word(r, v.adjectives))} voice like an old ${pick(r, v.places)} jazz club`,
      `${r4Word(r, v.vocals)}, sung in a ${r4Word(r, v.roles)} style`,
    ]),
  ),
  ordinary(6, 'anniversary-story', (r, v) => {
    const a = pick(r, v.firstNames);
    let b = pick(r, v.firstNames);
    for (let i = 0; i < 5 && b === a; i++) b = pick(r, v.firstNames);
    return pick(r, [
      `a song for my parents ${a} and ${b}, married ${between(r, 10, 50)} years, make it ${m(r, v)} ${g(r, v)}, kind of ${r4Word(r, v.roles)}`,
      `my husband ${a} and I had our first dance in ${pick(r, v.places)}, can you make ${r6A(m(r, v))} ${g(r, v)} song for our anniversary`,
    ]);
  }),
  // Round 7, written blind after the changes rounds 1 to 6 chose; measured out of sample before the changes it then chose.
  ordinary(7, 'ord-genre-mood-like-place', (r, v) => {
    const genre = g(r, v);
    const mood = m(r, v);
    return pick(r, [
      `${genre}, ${mood}, like a street festival in ${pick(r, v.places)}`,
      `${mood} ${genre} song like a rainy night in ${pick(r, v.places)}`,
      `${genre} track kinda like ${pick(r, v.eras)} radio, ${mood}`,
    ]);
  }),
  ordinary(7, 'ord-style-pet', (r, v) =>
    pick(r, [
      `${g(r, v)} style song about my ${r4Word(r, v.animals)} ${pick(r, v.petNames)}`,
      `${pick(r, v.eras)} style, ${m(r, v)}, ${r4Word(r, v.vocals)}`,
      `${r4Cap(pick(r, v.places))} style ${g(r, v)} song about ${r4Word(r, v.nouns)}`,
    ]),
  ),
  ordinary(7, 'ord-in-the-style-of-era', (r, v) =>
    pick(r, [
      `in the style of ${pick(r, v.eras)} ${g(r, v)}, ${m(r, v)}`,
      `A ${m(r, v)} song in the style of ${r7RoleA(r4Word(r, v.roles))}`,
      `song about ${r4Word(r, v.nouns)} in the style of old ${g(r, v)} records`,
    ]),
  ),
  ordinary(7, 'ord-cover-own-song', (r, v, keys) => {
    const t = r7OwnTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [
      `${g(r, v)} cover of my own song "${t}"`,
      `cover of ${t} (my song from last week) with ${r4Word(r, v.vocals)}`,
      `remake my track ${t} as ${g(r, v)}`,
    ]);
  }),
  ordinary(7, 'ord-title-by-person', (r, v, keys) => {
    const t = r7OwnTitle(r, v, keys);
    const n = r6FullName(r, v, keys);
    if (!t || !n) return null;
    return pick(r, [
      `"${t}" by ${n} (my band), ${g(r, v)} version`,
      `${t} by ${n} - a ${m(r, v)} ${g(r, v)} song I wrote for my class`,
      `song called ${t}, written by my friend ${n}, ${g(r, v)}`,
    ]);
  }),
  ordinary(7, 'ord-tag-list', (r, v) => {
    const shuffled = r6Shuffle(r, [g(r, v), m(r, v), r4Word(r, v.vocals), r4Word(r, v.tempos), ins(r, v), pick(r, v.eras)]);
    const tags = shuffled.slice(0, between(r, 3, 6));
    return tags.join(pick(r, [', ', ', ', '; ']));
  }),
  ordinary(7, 'ord-type-beat, round 7', (r, v, keys) => {
    const t = r7OwnTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [
      `${m(r, v)} ${g(r, v)} type beat`,
      `[FREE] ${g(r, v)} type beat - "${t}"`,
      `${pick(r, v.eras)} ${g(r, v)} type beat ${r4Word(r, v.tempos)}`,
    ]);
  }),
  ordinary(7, 'ord-meets', (r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `sounds like ${pick(r, v.places)} at night meets ${genre}`,
      `${genre} meets ${r4OtherGenre(r, v, genre)}, ${m(r, v)}`,
      `${r4Word(r, v.roles)} meets ${genre}`,
    ]);
  }),
  ordinary(7, 'ord-inspired-by', (r, v) =>
    pick(r, [
      `${g(r, v)} song inspired by a trip to ${pick(r, v.places)}`,
      `inspired by my ${r4Word(r, v.animals)} ${pick(r, v.petNames)}, ${m(r, v)}`,
      `${m(r, v)} track, heavily inspired by ${pick(r, v.eras)} ${g(r, v)}`,
    ]),
  ),
  ordinary(7, 'ord-vibes', (r, v) =>
    pick(r, [
      `${pick(r, v.eras)} vibes, ${m(r, v)}, ${ins(r, v)}`,
      `${m(r, v)} ${g(r, v)} with ${pick(r, v.places)} vibes`,
      `${g(r, v)} but with summer road trip vibes`,
    ]),
  ),
  ordinary(7, 'ord-version-of-own', (r, v, keys) => {
    const t = r7OwnTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [
      `${g(r, v)} version of my last song ${t}`,
      `${t} but it's ${g(r, v)}`,
      `turn my song "${t}" into ${r7RoleA(r4Word(r, v.roles))}`,
    ]);
  }),
  ordinary(7, 'ord-edit-previous', (r, v) =>
    pick(r, [
      `try again, more ${ins(r, v)} and less ${g(r, v)}`,
      `same as the last one but make the chorus more ${m(r, v)}`,
      `extend: keep going but make the bridge more ${g(r, v)}`,
      `v2: closer to the original, less ${ins(r, v)}`,
    ]),
  ),
  ordinary(7, 'ord-birthday-person', (r, v) => {
    const n = pick(r, v.firstNames);
    return pick(r, [
      `birthday song for my best friend ${n}, obsessed with ${g(r, v)} so make it sound like that, ${m(r, v)}`,
      `happy birthday song for ${n}. grew up in ${pick(r, v.places)}, so something ${pick(r, v.eras)}`,
      `a song for my friend ${r7Poss(n)} ${r7Ordinal(between(r, 18, 60))} birthday, ${g(r, v)}, loves ${r4Word(r, v.animals)}s`,
    ]);
  }),
  ordinary(7, 'ord-wedding', (r, v) => {
    const a = pick(r, v.firstNames);
    let b = pick(r, v.firstNames);
    for (let i = 0; i < 5 && b === a; i++) b = pick(r, v.firstNames);
    return pick(r, [
      `first dance song for our wedding. ${a} and ${b}, we met in ${pick(r, v.places)}, ${m(r, v)} ${g(r, v)}`,
      `anniversary song for ${a}, we danced to ${g(r, v)} at prom, make it ${m(r, v)}`,
    ]);
  }),
  ordinary(7, 'ord-what-if', (r, v) =>
    pick(r, [
      `what if a ${r4Word(r, v.animals)} made a ${g(r, v)} song`,
      `a ${g(r, v)} band if they were from ${pick(r, v.places)}`,
      `imagine a ${r4Word(r, v.characters)} writing ${r7RoleA(r4Word(r, v.roles))}`,
    ]),
  ),
  ordinary(7, 'ord-genre-but-era', (r, v) =>
    pick(r, [`${g(r, v)} but it's ${pick(r, v.eras)}`, `${r4Word(r, v.roles)} but make it ${g(r, v)}`, `${g(r, v)} but ${m(r, v)}`]),
  ),
  ordinary(7, 'ord-json', (r, v) => {
    const key = pick(r, ['theme', 'setting', 'subject', 'instrument_focus']);
    const val = key === 'setting' ? pick(r, v.places) : key === 'instrument_focus' ? ins(r, v) : r4Word(r, v.nouns);
    return `{"genre": "${g(r, v)}", "mood": "${m(r, v)}", "${key}": "${val}", "tempo": "${r4Word(r, v.tempos)}"}`;
  }),
  ordinary(7, 'ord-parody-tune', (r, v) =>
    pick(r, [
      `parody of ${r7RoleA(r4Word(r, v.roles))} about ${r4Word(r, v.nouns)}`,
      `lyrics about ${r4Word(r, v.nouns)}, to the tune of ${r7RoleA(r4Word(r, v.roles))}`,
      `funny song about my ${r4Word(r, v.animals)} ${pick(r, v.petNames)} eating my ${r4Word(r, v.nouns)}`,
    ]),
  ),
  ordinary(7, 'ord-ffo-genres', (r, v) => {
    const genre = g(r, v);
    return pick(r, [
      `for fans of ${genre} and ${r4OtherGenre(r, v, genre)}`,
      `FFO: ${pick(r, v.eras)} ${genre}, ${ins(r, v)}`,
      `somewhere between ${genre} and ${r4OtherGenre(r, v, genre)}, ${ins(r, v)} heavy`,
    ]);
  }),
  ordinary(7, 'ord-story-person', (r, v, keys) => {
    const n = r6FullName(r, v, keys);
    if (!n) return null;
    return pick(r, [
      `${g(r, v)} story song about ${n} from ${pick(r, v.places)}`,
      `ballad about ${n}, a ${r4Word(r, v.adjectives)} ${r4Word(r, v.characters)} who lost a ${r4Word(r, v.nouns)}`,
      `song about my grandpa ${n}, ${m(r, v)}, ${ins(r, v)}`,
    ]);
  }),
  ordinary(7, 'ord-foreign-language', (r, v) =>
    pick(r, [
      `una canción de ${g(r, v)} sobre ${pick(r, v.places)}`,
      `música no estilo ${g(r, v)}, ${m(r, v)}`,
      `${g(r, v)} Song im Stil der ${pick(r, v.eras)}`,
      `${g(r, v)}っぽい曲`,
    ]),
  ),
  ordinary(7, 'ord-filename', (r, v, keys) => {
    const t = r7OwnTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [`${t} (${g(r, v)} remix)`, `${t} [slowed + reverb]`, `${t} - final_v3 (${pick(r, v.eras)} version)`]);
  }),
  ordinary(7, 'ord-metatag-lyrics', (r, v) => {
    const line1 = `${r4Cap(r4Word(r, v.adjectives))} ${r4Word(r, v.nouns)} in the ${r4Word(r, v.nouns)}`;
    const line2 = `I ${r4Word(r, v.verbs)} the ${r4Word(r, v.nouns)} again`;
    return `[Style: ${g(r, v)}, ${m(r, v)}]\n[Verse 1]\n${line1}\n${line2}\n[Chorus]`;
  }),
  ordinary(7, 'ord-reference-own', (r, v, keys) => {
    const t = r7OwnTitle(r, v, keys);
    if (!t) return null;
    return pick(r, [
      `Reference: my previous track "${t}". ${g(r, v)}, ${r4Word(r, v.tempos)}.`,
      `like my song ${t} but more ${m(r, v)}`,
      `the ${ins(r, v)} tone from my demo ${t}`,
    ]);
  }),
];
