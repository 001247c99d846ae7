import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { ChangeListener, listenerConfig } from '../../src/infrastructure/change-listener';
import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { ScreeningService } from '../../src/services/catalog/screening.service';
import { bulkImportCatalogCsv, importCatalogCsv } from '../../src/services/catalog/catalog-import';
import { admin, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';

// The way forward for a blocked prompt (InputScreening.suggestion) and the
// entries' descriptions behind it (CatalogEntry.describeAs), through GraphQL
// against the real database.

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample-catalog.csv');
const user = userOf('00000000-0000-4000-8000-000000000003');
const SCREEN = `query($t: String!) {
  screenInput(text: $t) { allowed suggestion matches { entryText verdict start end } }
}`;
const DESCRIBE = `mutation($input: SetCatalogEntryDescribeAsInput!) {
  setCatalogEntryDescribeAs(input: $input) { id kind text override describeAs }
}`;
const ADD = 'mutation($e: [CatalogEntryInput!]!) { addCatalogEntries(entries: $e) }';
const SEARCH = 'query($s: String!) { catalogEntriesConnection(search: $s) { edges { node { id text describeAs } } } }';

interface Screening {
  allowed: boolean;
  suggestion: string | null;
  matches: Array<{ entryText: string; verdict: string; start: number; end: number }>;
}

let app: TestApp;

async function screen(text: string, on: TestApp = app): Promise<Screening> {
  const r = await on.exec(user, SCREEN, { t: text });
  expect(r.errors).toBeUndefined();
  return r.data!.screenInput;
}

async function idOf(kind: string, text: string): Promise<string> {
  const [row] = await app.dataSource.query('SELECT id FROM catalog_entries WHERE kind = $1 AND text = $2', [kind, text]);
  return row.id;
}

async function describeAs(entryId: string, value: string | null) {
  return app.exec(admin, DESCRIBE, { input: { entryId, describeAs: value } });
}

async function catalogState(): Promise<{ version: number; audits: number }> {
  const [row] = await app.dataSource.query(`
    SELECT (SELECT version FROM catalog_state)::int AS version,
           (SELECT count(*) FROM audit_events WHERE action LIKE 'catalog.%')::int AS audits`);
  return row;
}

/** Polls until `check` holds, for at most `ms`. */
async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  app = await startTestApp();
  await importCatalogCsv(app.services.catalog, SYSTEM_ACTOR, createReadStream(SAMPLE));
});
afterAll(async () => {
  await app?.close();
});

describe('screenInput.suggestion', () => {
  test('null when the prompt is allowed', async () => {
    expect(await screen('an upbeat synth-pop song about a banana boat, 120 bpm')).toEqual({
      allowed: true,
      suggestion: null,
      matches: [],
    });
  });

  test.each([
    ['a dreamy ballad in the style of Zoë Marlowe-Crane, with soft piano', 'a dreamy ballad, with soft piano'],
    ['lofi, Ana Lux vibes, rainy night', 'lofi, rainy night'],
    ['Write a song called Paper Satellites about the sea', 'Write a song about the sea'],
    ['a cover of "Paper Satellites" with strings', 'with strings'],
    ['Moody jazz sounding like Søren Ashgrove and Ana Lux.', 'Moody jazz.'],
  ])('%j: the blocked reference goes with its cue -> %j', async (prompt, suggestion) => {
    const result = await screen(prompt);
    expect(result.allowed).toBe(false);
    expect(result.suggestion).toBe(suggestion);
    // What is offered is itself allowed.
    expect((await screen(suggestion)).allowed).toBe(true);
  });

  test('a REVIEW match stays in the suggestion; a prompt with REVIEW matches only has none', async () => {
    expect((await app.exec(admin, ADD, { e: [{ kind: 'SONG_TITLE', text: 'Low' }] })).errors).toBeUndefined();
    const reviewed = await screen('Deep bass and Low drums');
    expect(reviewed).toMatchObject({ allowed: true, suggestion: null, matches: [{ entryText: 'Low', verdict: 'REVIEW' }] });

    const both = await screen('Deep bass and Low drums, in the style of Ana Lux');
    expect(both.matches.map((m) => [m.entryText, m.verdict])).toEqual([
      ['Low', 'REVIEW'],
      ['Ana Lux', 'BLOCK'],
    ]);
    expect(both.suggestion).toBe('Deep bass and Low drums');
  });

  test('a prompt naming more than 100 protected entries gets no suggestion', async () => {
    const many = await screen(`lo-fi, ${'Ana Lux, '.repeat(101)}rain`);
    expect(many.matches.filter((m) => m.verdict === 'BLOCK')).toHaveLength(101);
    expect(many).toMatchObject({ allowed: false, suggestion: null });
    expect((await screen(`lo-fi, ${'Ana Lux, '.repeat(100)}rain`)).suggestion).toBe('lo-fi, rain');
  });

  test('a prompt that is nothing but the reference has no suggestion', async () => {
    expect(await screen('in the style of Ana Lux')).toMatchObject({ allowed: false, suggestion: null });
  });
});

describe('setCatalogEntryDescribeAs', () => {
  const prompt = 'a dreamy ballad in the style of Zoë Marlowe-Crane, with soft piano';

  test('sets the description: in one transaction with its audit event and a new catalog version, used by screenInput at once', async () => {
    const id = await idOf('ARTIST', 'Zoë Marlowe-Crane');
    const before = await catalogState();
    const r = await describeAs(id, '  soulful baroque pop  ');
    expect(r.errors).toBeUndefined();
    expect(r.data!.setCatalogEntryDescribeAs).toEqual({
      id,
      kind: 'ARTIST',
      text: 'Zoë Marlowe-Crane',
      override: 'AUTO',
      describeAs: 'soulful baroque pop',
    });
    expect(await catalogState()).toEqual({ version: before.version + 1, audits: before.audits + 1 });
    const [row] = await app.dataSource.query('SELECT describe_as, describe_as_version FROM catalog_entries WHERE id = $1', [id]);
    expect(row).toEqual({ describe_as: 'soulful baroque pop', describe_as_version: String(before.version + 1) });
    const [event] = await app.dataSource.query(
      `SELECT actor, action, target_type, target_id, before, after FROM audit_events ORDER BY sequence DESC LIMIT 1`,
    );
    expect(event).toEqual({
      actor: admin.sub,
      action: 'catalog.describe-as',
      target_type: 'CatalogEntry',
      target_id: id,
      before: { describeAs: null },
      after: { describeAs: 'soulful baroque pop', version: before.version + 1 },
    });

    // This process screens with it as soon as the mutation returns.
    expect((await screen(prompt)).suggestion).toBe('a dreamy ballad in the style of soulful baroque pop, with soft piano');
    expect((await screen('a ballad by Zoë Marlowe-Crane')).suggestion).toBe('a ballad, soulful baroque pop');
    const listed = await app.exec(admin, SEARCH, { s: 'marlowe' });
    expect(listed.data!.catalogEntriesConnection.edges).toEqual([
      { node: { id, text: 'Zoë Marlowe-Crane', describeAs: 'soulful baroque pop' } },
    ]);

    // The same value again changes nothing: no version, no event.
    expect((await describeAs(id, 'soulful baroque pop')).data!.setCatalogEntryDescribeAs.describeAs).toBe('soulful baroque pop');
    expect(await catalogState()).toEqual({ version: before.version + 1, audits: before.audits + 1 });
  });

  test('null clears it, audited; the reference is then only removed', async () => {
    const id = await idOf('ARTIST', 'Zoë Marlowe-Crane');
    const before = await catalogState();
    const r = await describeAs(id, null);
    expect(r.data!.setCatalogEntryDescribeAs.describeAs).toBeNull();
    const [event] = await app.dataSource.query(`SELECT action, before, after FROM audit_events ORDER BY sequence DESC LIMIT 1`);
    expect(event).toEqual({
      action: 'catalog.describe-as',
      before: { describeAs: 'soulful baroque pop' },
      after: { describeAs: null, version: before.version + 1 },
    });
    expect((await screen(prompt)).suggestion).toBe('a dreamy ballad, with soft piano');
  });

  test.each([
    ['too long', 'x'.repeat(201), 'BAD_USER_INPUT', 'TEXT_TOO_LONG'],
    ['empty', '   ', 'BAD_USER_INPUT', 'TEXT_REQUIRED'],
    ['a line break', 'dream\npop', 'BAD_USER_INPUT', 'TEXT_CONTAINS_CONTROL'],
    ['a tab', 'dream\tpop', 'BAD_USER_INPUT', 'TEXT_CONTAINS_CONTROL'],
    ['a NUL', 'dream\u0000pop', 'BAD_USER_INPUT', 'TEXT_CONTAINS_CONTROL'],
    ['no letter or digit', '…', 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['a protected name', 'airy pop in the style of Ana Lux', 'BAD_USER_INPUT', 'DESCRIBE_AS_BLOCKED'],
  ])('%s is refused with its reason, and nothing is written', async (_what, value, code, reason) => {
    const id = await idOf('ARTIST', 'Søren Ashgrove');
    const before = await catalogState();
    const r = await describeAs(id, value);
    expect(refusalOf(r)).toEqual({ code, reason });
    expect(r.errors![0].extensions!.fields).toEqual([{ field: 'describeAs', message: r.errors![0].message }]);
    expect(await catalogState()).toEqual(before);
    const [row] = await app.dataSource.query('SELECT describe_as FROM catalog_entries WHERE id = $1', [id]);
    expect(row.describe_as).toBeNull();
  });

  test('a description naming an entry says which', async () => {
    const r = await describeAs(await idOf('ARTIST', 'Søren Ashgrove'), 'like Ana Lux');
    expect(r.errors![0].message).toBe('describeAs must not name a protected entry; it names "Ana Lux"');
  });

  test.each([
    ['unknown', '999999999'],
    ['malformed', 'abc'],
  ])('an %s entry id is NOT_FOUND', async (_what, entryId) => {
    expect(refusalOf(await describeAs(entryId, 'airy dream pop'))).toEqual({ code: 'NOT_FOUND', reason: 'CATALOG_ENTRY_NOT_FOUND' });
  });

  test('admins only', async () => {
    const entryId = await idOf('ARTIST', 'Søren Ashgrove');
    for (const who of [service, user]) {
      expect(refusalOf(await app.exec(who, DESCRIBE, { input: { entryId, describeAs: 'x' } }))).toEqual({
        code: 'FORBIDDEN',
        reason: 'ROLE_NOT_ALLOWED',
      });
    }
  });

  test('the database refuses an untrimmed, overlong or multi-line description written around the service', async () => {
    const id = await idOf('ARTIST', 'Søren Ashgrove');
    for (const value of [' padded', 'x'.repeat(201), 'two\nlines', '']) {
      await expect(app.dataSource.query('UPDATE catalog_entries SET describe_as = $2 WHERE id = $1', [id, value])).rejects.toThrow(
        /catalog_entries_describe_as_check/,
      );
    }
  });
});

describe('describeAs in bulk: addCatalogEntries and the CSV import', () => {
  test('addCatalogEntries: a new entry gets its description; given for an entry already present it changes it, counted and audited', async () => {
    const before = await catalogState();
    const add = async (e: unknown[]) => app.exec(admin, ADD, { e });
    expect((await add([{ kind: 'ARTIST', text: 'Orla Wrenfield', describeAs: 'hushed indie folk' }])).data!.addCatalogEntries).toBe(1);
    expect((await screen('a lullaby like Orla Wrenfield')).suggestion).toBe('a lullaby like hushed indie folk');

    // Already present: not added, its description changes; without one, it keeps its own.
    expect((await add([{ kind: 'ARTIST', text: 'ORLA WRENFIELD', describeAs: 'whispered indie folk' }])).data!.addCatalogEntries).toBe(0);
    expect((await add([{ kind: 'ARTIST', text: 'Orla Wrenfield' }])).data!.addCatalogEntries).toBe(0);
    expect((await screen('a lullaby like Orla Wrenfield')).suggestion).toBe('a lullaby like whispered indie folk');
    expect(await catalogState()).toEqual({ version: before.version + 2, audits: before.audits + 2 });
    const [event] = await app.dataSource.query(
      `SELECT after FROM audit_events WHERE action = 'catalog.add' ORDER BY sequence DESC LIMIT 1`,
    );
    expect(event.after).toEqual({
      version: before.version + 2,
      requested: 1,
      added: 0,
      duplicates: 1,
      overridesChanged: 0,
      describeAsChanged: 1,
      byKind: {},
    });

    const bad = await add([{ kind: 'ARTIST', text: 'Never Stored', describeAs: 'x'.repeat(201) }]);
    expect(refusalOf(bad)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_CATALOG_ENTRY' });
    expect(bad.errors![0].message).toBe('entries[0].describeAs: describeAs must be at most 200 characters');
  });

  const csv = (rows: string[]) => Readable.from([rows.join('\n')]);

  test('batched import: a 4th column describeAs; bad values reported with their line; 2- and 3-column files still read', async () => {
    await app.exec(admin, ADD, { e: [{ kind: 'LABEL', text: 'Cindervale Records' }] });
    const report = await importCatalogCsv(
      app.services.catalog,
      SYSTEM_ACTOR,
      csv([
        'kind,text,override,describeAs',
        'ARTIST,Imported Teodor Blashki,,sparse minimal techno',
        'LABEL,Cindervale Records,,an independent label sound',
        'ARTIST,Imported Bad Tab,,"one\ttwo"',
        `ARTIST,Imported Too Long,,${'y'.repeat(201)}`,
        'ARTIST,Imported No Description,NEVER,',
        'ARTIST,Imported Short Row,',
      ]),
    );
    expect(report).toEqual({
      rows: 6,
      added: 2,
      duplicates: 1,
      overridesChanged: 0,
      describeAsChanged: 1,
      invalid: 3,
      batches: 1,
      problems: [
        { line: 4, message: expect.stringMatching(/^describeAs: describeAs must be one line without control characters/) },
        { line: 5, message: 'describeAs: describeAs must be at most 200 characters' },
        { line: 7, message: expect.stringMatching(/^expected 4 columns, got 3/) },
      ],
    });
    expect(await app.dataSource.query(`SELECT text, describe_as FROM catalog_entries WHERE text LIKE 'Imported %' ORDER BY text`)).toEqual([
      { text: 'Imported No Description', describe_as: null },
      { text: 'Imported Teodor Blashki', describe_as: 'sparse minimal techno' },
    ]);
    expect((await screen('a track by Imported Teodor Blashki')).suggestion).toBe('a track, sparse minimal techno');

    const old = await importCatalogCsv(app.services.catalog, SYSTEM_ACTOR, csv(['kind,text', 'ARTIST,Imported Two Columns', '']));
    expect(old).toMatchObject({ rows: 1, added: 1, invalid: 0 });
    const three = await importCatalogCsv(
      app.services.catalog,
      SYSTEM_ACTOR,
      csv(['kind,text,override', 'ARTIST,Imported Three Columns,NEVER']),
    );
    expect(three).toMatchObject({ rows: 1, added: 1, invalid: 0 });
  });

  test('bulk import (COPY): descriptions of new and present entries in one version and one audit event', async () => {
    const before = await catalogState();
    const report = await bulkImportCatalogCsv(
      app.services.catalog,
      app.services.transactions,
      SYSTEM_ACTOR,
      csv([
        'kind,text,override,describe_as',
        'ARTIST,Bulk Wilhelmina Strand,,"warm 70s soul, horns"',
        'ARTIST,Bulk Back\\slash,,a back\\slash survives COPY',
        'LABEL,Cindervale Records,,a label with a tape hiss sound',
        'ARTIST,Bulk Bad Line,,"two\nlines"',
        'ARTIST,Bulk Wilhelmina Strand,,a second description loses to the first',
      ]),
    );
    expect(report).toMatchObject({ rows: 5, added: 2, duplicates: 2, overridesChanged: 0, describeAsChanged: 1, invalid: 1 });
    expect(report.problems).toEqual([{ line: 5, message: expect.stringMatching(/^describeAs: describeAs must be one line/) }]);
    expect(await catalogState()).toEqual({ version: before.version + 1, audits: before.audits + 1 });
    const [event] = await app.dataSource.query(`SELECT after FROM audit_events ORDER BY sequence DESC LIMIT 1`);
    expect(event.after).toMatchObject({ version: before.version + 1, added: 2, describeAsChanged: 1 });
    expect(
      await app.dataSource.query(
        `SELECT text, describe_as FROM catalog_entries WHERE text IN ('Bulk Wilhelmina Strand', 'Bulk Back\\slash', 'Cindervale Records') ORDER BY text`,
      ),
    ).toEqual([
      { text: 'Bulk Back\\slash', describe_as: 'a back\\slash survives COPY' },
      { text: 'Bulk Wilhelmina Strand', describe_as: 'warm 70s soul, horns' },
      { text: 'Cindervale Records', describe_as: 'a label with a tape hiss sound' },
    ]);
    // The import returns once this process screens with it.
    expect((await screen('a ballad sounding like Bulk Wilhelmina Strand')).suggestion).toBe('a ballad sounding like warm 70s soul, horns');
  });
});

describe('every process', () => {
  test('a second server process takes a description change in within a second', async () => {
    const second = await startTestApp({}, { attachTo: app });
    try {
      const id = await idOf('ARTIST', 'Rook Delacroix-Hale');
      const prompt = 'a ballad by Rook Delacroix-Hale';
      expect((await screen(prompt, second)).suggestion).toBe('a ballad');
      expect((await describeAs(id, 'brooding chamber pop')).errors).toBeUndefined();
      await within(1000, async () => (await screen(prompt, second)).suggestion === 'a ballad, brooding chamber pop');
      expect((await describeAs(id, null)).errors).toBeUndefined();
      await within(1000, async () => (await screen(prompt, second)).suggestion === 'a ballad');
    } finally {
      await second.close();
    }
  });

  test('descriptions are loaded with the index and survive its background rebuild', async () => {
    const id = await idOf('SONGWRITER', 'Élodie Vantrelle');
    expect((await describeAs(id, 'delicate art song')).errors).toBeUndefined();
    const changes = new ChangeListener(listenerConfig(app.dataSource), createLogger('silent'));
    // Every change is folded into a fresh base at once.
    const screening = new ScreeningService(app.dataSource, {
      lyricsMinWords: 8,
      logger: createLogger('silent'),
      changes,
      pollIntervalMs: 50,
      compactMin: 1,
      compactRatio: 0,
    });
    const suggest = (text: string) => screening.suggest(text, screening.screen(text));
    await screening.start();
    await changes.start();
    try {
      expect(suggest('a lied written by Élodie Vantrelle')).toBe('a lied, delicate art song');
      const baseBefore = screening.status.baseEntries;
      await app.exec(admin, ADD, { e: [{ kind: 'ARTIST', text: 'Rebuild Anselm Quaye', describeAs: 'gritty delta blues' }] });
      await within(5000, () => screening.status.baseEntries > baseBefore && screening.status.pendingChanges === 0);
      expect(suggest('a lied written by Élodie Vantrelle')).toBe('a lied, delicate art song');
      expect(suggest('a stomp by Rebuild Anselm Quaye')).toBe('a stomp, gritty delta blues');
    } finally {
      await changes.stop();
      await screening.stop();
    }
  });
});
