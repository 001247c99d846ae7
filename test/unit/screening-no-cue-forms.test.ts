// Prompts that name a work or a performer without a naming phrase, as users of
// music generators write them, and the ordinary text beside each rule that
// must still pass (docs/screening.md, "How a match is judged").

import { CatalogKind, MatchVerdict } from '../../src/domain/enums';
import { opensClause, promptContext, splitPrompt, tagsOf } from '../../src/domain/screening/prompt-features';
import { CatalogEntryFact, ScreeningIndex } from '../../src/domain/screening/screening-index';
import { screeningVocabulary } from '../../src/services/catalog/screening-vocabulary';
import { subtlexWordFrequency } from '../../src/services/catalog/word-frequencies';

const { BLOCK, REVIEW } = MatchVerdict;
const frequency = subtlexWordFrequency();
const vocabulary = screeningVocabulary();

const names: Array<[string, CatalogKind]> = [
  ['All Of Me', CatalogKind.SONG_TITLE],
  ['Soul', CatalogKind.SONG_TITLE],
  ['Sandy', CatalogKind.SONG_TITLE],
  ['Otis', CatalogKind.ARTIST],
  ['Steve', CatalogKind.ARTIST],
  ['Chase', CatalogKind.ARTIST],
  ['Europe', CatalogKind.ARTIST],
];
const catalog: CatalogEntryFact[] = names.map(([text, kind]) => ({ id: text, kind, text }));
const index = ScreeningIndex.build(catalog, { wordFrequency: frequency, vocabulary });

/** The strongest verdict naming the entry, or null. */
function verdictOf(prompt: string, id: string): MatchVerdict | null {
  const found = index.screen(prompt).matches.filter((m) => m.entryId === id);
  if (found.some((m) => m.verdict === BLOCK)) return BLOCK;
  return found.length > 0 ? REVIEW : null;
}

describe('the vocabulary the rules rest on', () => {
  test.each([
    ['steve', true, true],
    ['otis', true, false],
    ['chase', true, false],
    ['sandy', true, true],
    ['europe', false, true],
  ])('%j: a first name %s, written capitalised in the subtitles %s', (word, firstName, capitalised) => {
    expect([vocabulary.isFirstName(word), frequency.usuallyCapitalised(word)]).toEqual([firstName, capitalised]);
  });
});

describe('"TITLE, but CHANGE": the whole opening clause is the name', () => {
  test.each([
    ['all of me, but slower', 'all of me', true],
    ['all of me; but slower', 'all of me', true],
    ['all of me but slower', 'all of me', false],
  ])('%j: %j ends the opening clause: %s', (prompt, phrase, expected) => {
    const words = splitPrompt(phrase).words.length;
    expect(opensClause(splitPrompt(prompt), words - 1)).toBe(expected);
  });

  test.each([
    // Grammar words are a title's when they make the whole clause.
    ['all of me, but slower', BLOCK],
    ['all of me, but in a minor key', BLOCK],
    // Without the comma the words may run on as prose.
    ['all of me but slower', null],
    ['all of me is yours, but slower', null],
    ['give me all of me, but slower', null],
    ['a song about all of me', null],
  ])('%j → %s', (prompt, expected) => {
    expect(verdictOf(prompt, 'All Of Me')).toBe(expected);
  });

  test('a descriptor stays a descriptor', () => {
    expect(verdictOf('soul, but slower', 'Soul')).toBeNull();
  });

  test('the evidence says so', () => {
    const [match] = index.screen('all of me, but slower').matches;
    expect(match.evidence).toContain('the whole opening clause, then what to change');
  });
});

describe('a first name before "vibes" is whose sound it is', () => {
  test.each([
    ['chillwave, otis vibes', BLOCK],
    ['otis vibes', BLOCK],
    ['Otis-like song, grunge', BLOCK],
    // In a story a first name is a person.
    ['a song about otis', null],
    ['a lullaby for my dog otis', null],
    ['a dog named Otis who loves the sea', REVIEW],
  ])('%j → %s', (prompt, expected) => {
    expect(verdictOf(prompt, 'Otis')).toBe(expected);
  });
});

describe("a performer's first name counts as uncommon where nothing makes it a person in a story", () => {
  test.each([
    ['jazz rock, steve vibes', 'Steve', BLOCK],
    ['post-bop, steve, 1960s', 'Steve', BLOCK],
    ['Steve-like song, grunge', 'Steve', BLOCK],
    // A person in a story stays one.
    ['a song about steve', 'Steve', null],
    ['A bear called Steve who wants to find the moon', 'Steve', null],
    ['Steve and Anna are getting married, make a happy song', 'Steve', null],
    // A first name that is an ordinary word too ("chase") stays a common word.
    ['post-bop, chase, 1960s', 'Chase', null],
    // A title's first name is not a performer's ("1970s, sandy, word").
    ['1970s, sandy, word, flame', 'Sandy', null],
    // A place is no first name: "europe vibes" is written as "summer vibes" is.
    ['europe vibes', 'Europe', REVIEW],
  ])('%j → %s: %s', (prompt, id, expected) => {
    expect(verdictOf(prompt, id)).toBe(expected);
  });
});

describe('a segment that is exactly a catalog name is a tag, however long', () => {
  const titles: Array<[string, CatalogKind]> = [
    ["I Can't Tell You Why", CatalogKind.SONG_TITLE],
    ['The Last Time', CatalogKind.SONG_TITLE],
    ['The Rolling Stones', CatalogKind.ARTIST],
    ['Brownstone', CatalogKind.ARTIST],
  ];
  const tagIndex = ScreeningIndex.build(
    titles.map(([text, kind]) => ({ id: text, kind, text })),
    { wordFrequency: frequency, vocabulary },
  );
  const blocked = (prompt: string, id: string) => tagIndex.screen(prompt).matches.some((m) => m.entryId === id && m.verdict === BLOCK);

  test.each([
    ['a segment of six words', "detroit techno, i can't tell you why, brownstone", 'Brownstone', true],
    ['grammar words in most segments', 'skacore, the last time, the rolling stones', 'The Last Time', true],
    ['grammar words in most segments', 'skacore, the last time, the rolling stones', 'The Rolling Stones', true],
    ['the whole prompt is no list', 'the last time', 'The Last Time', false],
    ['a name inside a longer segment is still prose', "synth pop, so i can't tell you why it hurts, brownstone", 'Brownstone', false],
    ['prose cut by a comma', 'Soft piano, and the singer says the last time, then a long pause', 'The Last Time', false],
  ])('%s: %j blocks %j: %s', (_why, prompt, id, expected) => {
    expect(blocked(prompt, id)).toBe(expected);
  });

  test.each([
    ["detroit techno, i can't tell you why, brownstone", true, 3],
    ["synth pop, so i can't tell you why it hurts, brownstone", false, 3],
    ['skacore, the last time, the rolling stones', true, 3],
  ])('%j is a tag list: %s (%d segments)', (prompt, tagList, segments) => {
    const words = splitPrompt(prompt);
    const context = promptContext(words, frequency, vocabulary);
    const names = new Set(titles.map(([text]) => splitPrompt(text).words.join(' ')));
    const isName = (a: number, b: number) => names.has(words.words.slice(a, b + 1).join(' '));
    expect(tagsOf(words, context.zipf, isName)).toMatchObject({ tagList, segments });
    expect(tagsOf(words, context.zipf).tagList).toBe(false);
  });
});

describe('hashtags, emoji and symbols separate tags as commas do', () => {
  test.each([
    ['#detroit #brownstone', 2],
    ['#detroittechno #chill #brownstone', 3],
    ['🎸 brownstone 🔥 detroit techno 🎶', 2],
    ['♪ brownstone ♪ skacore', 2],
    ['brownstone ✨ skacore', 2],
    // Inside a word or a number they separate nothing.
    ['lo-fi brownstone', 1],
    ['360° brownstone', 1],
    ['c# minor brownstone', 1],
    ['engine engine #9 brownstone', 1],
    // One hashtag alone is a name's, not a list ("remix #SELFIE into trance").
    ['remix #brownstone into trance', 1],
  ])('%j: %d segments', (prompt, segments) => {
    const words = splitPrompt(prompt);
    expect(tagsOf(words, promptContext(words, frequency, vocabulary).zipf).segments).toBe(segments);
  });

  const tagIndex = ScreeningIndex.build([{ id: 'Brownstone', kind: CatalogKind.ARTIST, text: 'Brownstone' }], {
    wordFrequency: frequency,
    vocabulary,
  });
  test.each([
    ['#detroittechno #chill #brownstone', BLOCK],
    ['🎸 brownstone 🔥 detroit techno 🎶', BLOCK],
    ['♪ skacore ♪ brownstone ♪', BLOCK],
    // The same words as prose are not a list of tags.
    ['an old brownstone house in the rain', null],
  ])('%j → %s', (prompt, expected) => {
    const found = tagIndex.screen(prompt).matches.filter((m) => m.entryId === 'Brownstone');
    expect(found.some((m) => m.verdict === BLOCK) ? BLOCK : found.length > 0 ? REVIEW : null).toBe(expected);
  });
});

describe('a word for a work after a performer says whose work it is', () => {
  test.each([
    ['make it like that otis song', 'Otis', BLOCK],
    ['an otis track with strings', 'Otis', BLOCK],
    ['something like a Steve song', 'Steve', BLOCK],
    ["otis's new album vibe", 'Otis', BLOCK],
    ["a lullaby for otis's dog", 'Otis', null],
    // "type beat" names an artist's sound, not a title's ("a sandy type beat" is a kind of beat).
    ['otis type beat', 'Otis', BLOCK],
    ['a sandy type beat', 'Sandy', null],
    // After a title it says nothing: "a soul song" is a kind of song.
    ['a soul song with horns', 'Soul', null],
    // Without it a first name in a story stays a person.
    ['a song about otis', 'Otis', null],
  ])('%j → %s: %s', (prompt, id, expected) => {
    expect(verdictOf(prompt, id)).toBe(expected);
  });

  test('grammar before a work noun is grammar ("a cover of a song")', () => {
    const grammarIndex = ScreeningIndex.build([{ id: 'A', kind: CatalogKind.ARTIST, text: 'A+' }], {
      wordFrequency: frequency,
      vocabulary,
    });
    expect(grammarIndex.screen('The recording features a cover of a song sung by two girls.').matches).toEqual([]);
  });
});

describe('"ARTIST\'s TITLE" pairs the two names as "TITLE by ARTIST" does', () => {
  const pairIndex = ScreeningIndex.build(
    [
      { id: 'artist', kind: CatalogKind.ARTIST, text: 'Ana Lux' },
      { id: 'title', kind: CatalogKind.SONG_TITLE, text: 'Dancing On My Own' },
      { id: 'grammar-title', kind: CatalogKind.SONG_TITLE, text: 'Feel It' },
    ],
    { wordFrequency: frequency, vocabulary },
  );
  const evidenceOf = (prompt: string, id: string) => pairIndex.screen(prompt).matches.find((m) => m.entryId === id)?.evidence ?? [];
  const paired = 'another catalog name across "by", " - " or "\'s"';

  test.each([
    ["ana lux's dancing on my own but trap", 'title', true],
    ['ana lux’s dancing on my own but trap', 'artist', true],
    ['dancing on my own by ana lux', 'title', true],
    // A possessive alone pairs nothing, and after grammar "'s" is "is".
    ["ana lux's dog dancing on my own", 'title', false],
    ["Feel It's Dancing On My Own", 'grammar-title', false],
    ["Feel It's Dancing On My Own", 'title', false],
  ])('%j: %s paired %s', (prompt, id, expected) => {
    expect(evidenceOf(prompt, id).includes(paired)).toBe(expected);
  });
});

describe('glue users write around a name: full names, "the song X", chat after a performer, labels, hedges, slips', () => {
  const glue: Array<[string, CatalogKind]> = [
    ['Peggy Lee', CatalogKind.ARTIST],
    ['Will Power', CatalogKind.ARTIST],
    ['Cozy Cole', CatalogKind.ARTIST],
    ['The Shields', CatalogKind.ARTIST],
    ['Ocean', CatalogKind.ARTIST],
    ['Mono', CatalogKind.ARTIST],
    ['Mood', CatalogKind.SONG_TITLE],
    ['Boston', CatalogKind.ARTIST],
    ['San Bernadino', CatalogKind.SONG_TITLE],
    ['Redman', CatalogKind.ARTIST],
    ['My Song', CatalogKind.SONG_TITLE],
    ['Princess', CatalogKind.SONG_TITLE],
    ["Fool's Paradise", CatalogKind.SONG_TITLE],
    ['My Last', CatalogKind.SONG_TITLE],
    ['Radio', CatalogKind.SONG_TITLE],
    ['Rosie', CatalogKind.ARTIST],
    ['Bird Dog', CatalogKind.SONG_TITLE],
  ];
  const glueIndex = ScreeningIndex.build(
    glue.map(([text, kind]) => ({ id: text, kind, text })),
    { wordFrequency: frequency, vocabulary },
  );
  const strongest = (prompt: string, id: string): MatchVerdict | null => {
    const found = glueIndex.screen(prompt).matches.filter((m) => m.entryId === id);
    if (found.some((m) => m.verdict === BLOCK)) return BLOCK;
    return found.length > 0 ? REVIEW : null;
  };

  test.each<[string, string, MatchVerdict | null]>([
    // A first name films write capitalised, then a surname: one person's full name.
    ['give me Peggy Lee but salsa', 'Peggy Lee', BLOCK],
    ['give me peggy lee but salsa', 'Peggy Lee', BLOCK],
    // "will" is a first name in the list, but films write it in lower case: a verb first.
    ['i need will power to finish this', 'Will Power', null],
    // "the song" names the work that follows when it is several words.
    ['something like the song bird dog but salsa', 'Bird Dog', BLOCK],
    // Chat after a performer's name says whose sound; after one common word it is the word's own meaning.
    ['trying to get that Cozy Cole sound, dark', 'Cozy Cole', BLOCK],
    ['lo-fi x Cozy Cole energy', 'Cozy Cole', BLOCK],
    ['ocean sound, calm waves', 'Ocean', null],
    ['The low quality recording plays the mono sound only', 'Mono', null],
    ['Dark trap with big Mono energy', 'Mono', BLOCK],
    ['Bird Dog energy all night', 'Bird Dog', REVIEW],
    // A label in a brief, after its colon; a title label is the user's own.
    ['**Genre:** dub\n**Reference:** The Shields', 'The Shields', BLOCK],
    ['ref artists: The Shields\nplus some dub', 'The Shields', BLOCK],
    ['Title: The Shields\nGenre: dub', 'The Shields', REVIEW],
    // Hedges inside a cue, a period between the cue and the name.
    ['it sounds kinda like cozy cole', 'Cozy Cole', BLOCK],
    ['make it sound a bit more like early Cozy Cole', 'Cozy Cole', BLOCK],
    ['in the style of 90s cozy cole', 'Cozy Cole', BLOCK],
    // Slips in the glue words.
    ['pls make a sogn in teh stlye of cozy cole thx', 'Cozy Cole', BLOCK],
    // In a brief written as JSON quote marks are syntax: a quoted key or value is not a quoted title.
    ['{"genre": "lofi", "mood": "happy", "bpm": 90}', 'Mood', null],
    ['a lofi beat, "mood" is happy', 'Mood', BLOCK],
    ['{"task": "cover", "original": "Cozy Cole - Bird Dog", "style": "dub"}', 'Bird Dog', BLOCK],
    // A place nothing says is a work or a performer is at most worth a look; a cue no place takes makes it one.
    ['a sad ballad reminiscent of Boston at night', 'Boston', REVIEW],
    ['it sounds like Boston in the 80s', 'Boston', REVIEW],
    ['a song by Boston, but slower', 'Boston', BLOCK],
    ['a Boston cover with strings', 'Boston', BLOCK],
    ['"Boston" but make it trap', 'Boston', BLOCK],
    ['a dark Boston type beat', 'Boston', BLOCK],
    // A place written right is no misspelt title.
    ['a night drive through San Bernardino', 'San Bernadino', null],
    ['remix San Bernadino into trap', 'San Bernadino', BLOCK],
    // Nor into a surname right after a first name.
    ['A ballad about my grandfather Krista Erdman', 'Redman', null],
    ['a beat like Redmn', 'Redman', BLOCK],
    // Several words, every one capitalised inside a sentence, are a name; not with one in lower case, nor opening one.
    ['play me something like The Shields tonight', 'The Shields', BLOCK],
    ['played with a flute, The shields ring out', 'The Shields', REVIEW],
    ['Rain falls. The Shields ring out', 'The Shields', REVIEW],
    // "my song" in lower case is the writer's own; capitalised or quoted it may be the title.
    ['a rumba version of my song "Classic Contrail"', 'My Song', null],
    ['a rumba version of "My Song"', 'My Song', BLOCK],
    // "like a X" is a simile.
    ['sung like a princess', 'Princess', null],
    ['sung like princess', 'Princess', REVIEW],
    // A request verb, the work, then what to change.
    ["can u do fool's paradise but funny", "Fool's Paradise", BLOCK],
    ["can u do fool's paradise", "Fool's Paradise", null],
    // Joined by a hyphen as "-like" is; a performer's fans.
    ['something cozy cole-ish with clavinet', 'Cozy Cole', BLOCK],
    ['something the cozy cole fans will love', 'Cozy Cole', BLOCK],
    // In a prompt written in Title Case capitals say nothing, possessives and all; around names only, they do.
    ["A Dark Song About Pearl's Ocean With The Shields", 'The Shields', null],
    ["a dark song about Pearl's ocean with The Shields", 'The Shields', BLOCK],
    // "my last song", "our new track": the writer's own work.
    ['Funk rock version of my last song Sometime Government', 'My Last', null],
    ['Funk rock version of "My Last"', 'My Last', BLOCK],
    // Across a period a cue names a performer, not a title.
    ['honky tonk track kinda like 80s radio, happy', 'Radio', null],
    ['make it sound like early Cozy Cole', 'Cozy Cole', BLOCK],
    // A name right after a noun the writer owns is a pet or a person in the story.
    ['post-rock style song about my dog Rosie', 'Rosie', null],
    ['post-rock style song about Rosie', 'Rosie', REVIEW],
    ['a ballad about my favourite singer Rosie', 'Rosie', REVIEW],
    // "To the tune of", "RIYL", "X parody", "a huge X fan".
    ["to the tune of fool's paradise: my zebra ate my homework", "Fool's Paradise", BLOCK],
    ['RIYL cozy cole. funny, flute', 'Cozy Cole', BLOCK],
    ["Fool's Paradise parody about my cat", "Fool's Paradise", BLOCK],
    ['a song for my friend, a huge cozy cole fan', 'Cozy Cole', BLOCK],
    // Glue in the other languages prompts are written in.
    ['ein Song, der klingt wie Cozy Cole', 'Cozy Cole', BLOCK],
    ['una canción que suene a cozy cole', 'Cozy Cole', BLOCK],
  ])('%j → %s %s', (prompt, id, expected) => {
    expect(strongest(prompt, id)).toBe(expected);
  });

  test('each piece of glue is shown as evidence', () => {
    const evidence = (prompt: string) => glueIndex.screen(prompt).matches.flatMap((m) => m.evidence);
    expect(evidence('give me Peggy Lee but salsa')).toContain("a person's full name");
    expect(evidence('**Reference:** The Shields')).toContain('after "reference:"');
    expect(evidence('pls make a sogn in teh stlye of cozy cole thx')).toContain('after "in the style of"');
    expect(evidence('a sad ballad reminiscent of Boston at night')).toContain('a place');
  });
});
