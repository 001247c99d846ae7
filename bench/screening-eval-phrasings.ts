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
import { ReferenceForm } from './screening-eval-forms';
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
];
