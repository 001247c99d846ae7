import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify, stripVTControlCharacters } from 'node:util';
import { catalogTextKey } from '../../src/domain/screening/catalog-entry-rules';
import { normalizeText } from '../../src/domain/screening/normalize';
import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { bulkImportCatalogCsv, importCatalogCsv } from '../../src/services/catalog/catalog-import';
import { startTestApp, TEST_JWT_SECRET, TEST_SIGNAL_KEY, TestApp, userOf } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const SCREEN = 'query($t: String!) { screenInput(text: $t) { allowed } }';
const user = userOf('00000000-0000-4000-8000-000000000001');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function catalogState(): Promise<{ entries: number; version: number; audits: number }> {
  const [row] = await app.dataSource.query(`
    SELECT (SELECT count(*) FROM catalog_entries)::int AS entries, (SELECT version FROM catalog_state)::int AS version,
           (SELECT count(*) FROM audit_events WHERE action LIKE 'catalog.%')::int AS audits`);
  return row;
}

async function entry(
  kind: string,
  text: string,
): Promise<{ text: string; override: string; search: string; overrideVersion: string | null } | undefined> {
  const [row] = await app.dataSource.query(
    `SELECT text, screening_override AS override, search_text AS search, override_version AS "overrideVersion"
     FROM catalog_entries WHERE kind = $1 AND text_key = decode($2, 'hex')`,
    [kind, catalogTextKey(text)],
  );
  return row;
}

const bulk = (csv: string) => bulkImportCatalogCsv(app.services.catalog, app.services.transactions, SYSTEM_ACTOR, Readable.from([csv]));

describe('bulk import (COPY)', () => {
  test('valid rows in one version and one audit event; bad rows reported with their line; odd characters survive COPY', async () => {
    const before = await catalogState();
    const csv = [
      'kind,text,override',
      'ARTIST,Bulk Marrow Quay,',
      'POET,Not A Kind,',
      'ARTIST,Bulk Zoë Ferrante,ALWAYS',
      'LABEL,Bulk Tabbed\tLabel,NEVER',
      '',
      'SONG_TITLE,"Bulk, With Comma",',
      'SONG_TITLE,Bulk Back\\slash \\N Song,',
      'ARTIST,Bulk Bad Override,sometimes',
      'LYRICS,"bulk lyric that spans',
      'two lines of the file",',
      'ARTIST,BULK ZOE FERRANTE,NEVER',
      'ARTIST,too,many,columns',
      'ALBUM_TITLE,🎵,',
      'ARTIST,bulk marrow quay,',
    ].join('\n');
    const report = await bulk(csv);
    expect(report).toEqual({
      rows: 12,
      added: 6,
      duplicates: 2,
      overridesChanged: 0,
      describeAsChanged: 0,
      invalid: 4,
      version: before.version + 1,
      problems: [
        { line: 3, message: expect.stringMatching(/^kind: kind must be one of ARTIST/) },
        { line: 9, message: 'override: override must be one of ALWAYS, AUTO, NEVER' },
        { line: 13, message: 'expected 3 columns, got 4 (quote a text that contains commas)' },
        { line: 14, message: 'text: text must contain a letter or a digit' },
      ],
    });
    expect(await catalogState()).toEqual({ entries: before.entries + 6, version: before.version + 1, audits: before.audits + 1 });
    // The first of repeated entries wins, override included.
    expect(await entry('ARTIST', 'Bulk Zoë Ferrante')).toEqual({
      text: 'Bulk Zoë Ferrante',
      override: 'ALWAYS',
      search: 'bulk zoe ferrante',
      overrideVersion: null,
    });
    expect(await entry('ARTIST', 'Bulk Marrow Quay')).toMatchObject({ text: 'Bulk Marrow Quay', override: 'AUTO' });
    expect(await entry('LABEL', 'Bulk Tabbed\tLabel')).toMatchObject({ text: 'Bulk Tabbed\tLabel', override: 'NEVER' });
    expect(await entry('SONG_TITLE', 'Bulk Back\\slash \\N Song')).toMatchObject({
      text: 'Bulk Back\\slash \\N Song',
      search: 'bulk back slash n song',
    });
    expect(await entry('LYRICS', 'bulk lyric that spans\ntwo lines of the file')).toMatchObject({
      text: 'bulk lyric that spans\ntwo lines of the file',
    });
    const [event] = await app.dataSource.query(
      `SELECT actor, action, after FROM audit_events WHERE action LIKE 'catalog.%' ORDER BY sequence DESC LIMIT 1`,
    );
    expect(event).toEqual({
      actor: SYSTEM_ACTOR.sub,
      action: 'catalog.import',
      after: {
        version: before.version + 1,
        rows: 12,
        added: 6,
        duplicates: 2,
        overridesChanged: 0,
        describeAsChanged: 0,
        invalid: 4,
        byKind: { ARTIST: 2, LABEL: 1, SONG_TITLE: 2, LYRICS: 1 },
      },
    });
    // This process screens with the new version as soon as the import returns.
    expect((await app.exec(user, SCREEN, { t: 'in the style of bulk marrow quay' })).data!.screenInput.allowed).toBe(false);
  });

  test('re-importing changes the overrides that differ, counted apart; the same file again changes nothing', async () => {
    await bulk('kind,text,override\nARTIST,Reimport Vell Oranto,\nARTIST,Reimport Sable Ives,NEVER\nLABEL,Reimport Ninefold,\n');
    const csv = [
      'kind,text,override',
      'ARTIST,REIMPORT VELL ORANTO,ALWAYS', // AUTO -> ALWAYS
      'ARTIST,reimport sable ives,', // says nothing: keeps NEVER
      'LABEL,Reimport Ninefold,AUTO', // already AUTO
      'ARTIST,Reimport Vell Oranto,NEVER', // repeated: the first row wins
      'ARTIST,Reimport New One,NEVER',
    ].join('\n');
    const before = await catalogState();
    const report = await bulk(csv);
    expect(report).toMatchObject({ rows: 5, added: 1, duplicates: 4, overridesChanged: 1, invalid: 0, version: before.version + 1 });
    expect(await entry('ARTIST', 'Reimport Vell Oranto')).toMatchObject({
      text: 'Reimport Vell Oranto',
      override: 'ALWAYS',
      overrideVersion: String(before.version + 1),
    });
    expect(await entry('ARTIST', 'Reimport Sable Ives')).toMatchObject({ override: 'NEVER', overrideVersion: null });
    expect(await entry('LABEL', 'Reimport Ninefold')).toMatchObject({ override: 'AUTO', overrideVersion: null });
    expect(await entry('ARTIST', 'Reimport New One')).toMatchObject({ override: 'NEVER', overrideVersion: null });

    const unchanged = await catalogState();
    expect(await bulk(csv)).toMatchObject({ rows: 5, added: 0, duplicates: 5, overridesChanged: 0, version: null });
    expect(await catalogState()).toEqual(unchanged);
  });

  test('in many chunks (by position in the staging table): the first row of an entry still wins, counts add up', async () => {
    // Long texts, so that the staging table spans many pages and a chunk of a few rows is one page.
    const pad = 'x'.repeat(900); // text and search text just under the size PostgreSQL would compress or move out of line
    const rows = [
      `ARTIST,Chunked Ada ${pad},NEVER`,
      ...Array.from({ length: 30 }, (_, i) => `LABEL,Chunked Label ${i} ${pad},`),
      `ARTIST,CHUNKED ADA ${pad},ALWAYS`,
      `LABEL,chunked label 7 ${pad},`,
    ];
    const progress: Array<[number, number]> = [];
    const report = await bulkImportCatalogCsv(
      app.services.catalog,
      app.services.transactions,
      SYSTEM_ACTOR,
      Readable.from([['kind,text,override', ...rows].join('\n')]),
      {
        chunkRows: 2,
        onProgress: ({ phase, done, total }) => {
          if (phase === 'adding') progress.push([done, total]);
        },
      },
    );
    expect(report).toMatchObject({ rows: 33, added: 31, duplicates: 2, overridesChanged: 0, invalid: 0 });
    expect(await entry('ARTIST', `Chunked Ada ${pad}`)).toMatchObject({ text: `Chunked Ada ${pad}`, override: 'NEVER' });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress[0][0]).toBe(0);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
  });

  test('the batched import applies overrides the same way', async () => {
    await importCatalogCsv(app.services.catalog, SYSTEM_ACTOR, Readable.from(['kind,text\nARTIST,Batched Ro Hallan\n']));
    const report = await importCatalogCsv(
      app.services.catalog,
      SYSTEM_ACTOR,
      Readable.from(['kind,text,override\nARTIST,batched ro hallan,NEVER\nARTIST,Batched Ilse Vorn,ALWAYS\nARTIST,x,maybe\n']),
    );
    expect(report).toEqual({
      rows: 3,
      added: 1,
      duplicates: 1,
      overridesChanged: 1,
      describeAsChanged: 0,
      invalid: 1,
      batches: 1,
      problems: [{ line: 4, message: 'override: override must be one of ALWAYS, AUTO, NEVER' }],
    });
    expect(await entry('ARTIST', 'Batched Ro Hallan')).toMatchObject({ override: 'NEVER' });
    expect(await entry('ARTIST', 'Batched Ilse Vorn')).toMatchObject({ override: 'ALWAYS' });
  });

  test('a file that fails part-way writes nothing', async () => {
    const before = await catalogState();
    const failing = Readable.from(
      (async function* () {
        yield 'kind,text\nARTIST,Never Written One\n';
        throw new Error('disk went away');
      })(),
    );
    await expect(bulkImportCatalogCsv(app.services.catalog, app.services.transactions, SYSTEM_ACTOR, failing)).rejects.toThrow(
      'disk went away',
    );
    await expect(bulk('ARTIST,No Header\n')).rejects.toThrow('the first line must be the header "kind,text"');
    // Broken quoting after many rows: the line where the broken record starts, even though the parser is ahead of the reader.
    const many = Array.from({ length: 3000 }, (_, i) => `ARTIST,Never Written ${i}`);
    await expect(bulk(['kind,text', ...many, 'ARTIST,"bad"quote', 'ARTIST,After It'].join('\n'))).rejects.toThrow(
      /^line 3002: unreadable CSV: Invalid Closing Quote: .*; the file cannot be read past line 3002$/,
    );
    expect(await catalogState()).toEqual(before);
    expect(await entry('ARTIST', 'Never Written One')).toBeUndefined();
    // The connection went back to the pool usable: the next import works.
    expect(await bulk('kind,text\nARTIST,After The Failure\n')).toMatchObject({ added: 1 });
  });
});

describe('npm run catalog:import (the real command, spawned)', () => {
  const run = promisify(execFile);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (file: string) =>
    run(process.execPath, ['-r', './test/support/ts-register.cjs', 'src/cli/catalog-import.ts', file], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: app.db.url,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
        LOG_LEVEL: 'silent',
      },
    });

  test('imports, reports bad rows with their line on stderr and the counts at the end; a running server picks it up', async () => {
    const file = join(dir, 'catalog.csv');
    const rows = Array.from({ length: 2500 }, (_, i) => `SONG_TITLE,Spawned Title ${i}`);
    writeFileSync(
      file,
      [
        'kind,text,override',
        'ARTIST,Spawned Korrin Vale,ALWAYS',
        'ARTIST,,',
        'GENRE,Jazz,',
        'ARTIST,Spawned Korrin Vale',
        ...rows.map((r) => `${r},`),
      ].join('\n'),
    );
    const before = await catalogState();
    const { stdout, stderr } = await cli(file);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      'line 3: text: text must not be empty',
      'line 4: kind: kind must be one of ARTIST, SONGWRITER, SONG_TITLE, ALBUM_TITLE, PUBLISHER, LABEL, LYRICS',
      'line 5: expected 3 columns, got 2 (quote a text that contains commas)',
    ]);
    expect(stdout).toMatch(
      new RegExp(
        `^  2504 rows read; adding them to the catalog\\n  adding: 100%\\n${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: 2504 rows read, 2501 added, 0 already present or repeated, ` +
          `0 overrides changed, 0 descriptions changed, 3 bad rows skipped \\([0-9.]+ s, [0-9]+ rows/s, catalog version ${before.version + 1}\\)\\n$`,
      ),
    );
    expect(await entry('ARTIST', 'Spawned Korrin Vale')).toMatchObject({
      override: 'ALWAYS',
      search: normalizeText('Spawned Korrin Vale'),
    });
    // The server in this test process hears the NOTIFY and screens with the new entries
    // (whether it does, bounded generously for a loaded machine; how fast is the bench's to measure).
    const started = Date.now();
    while ((await app.exec(user, SCREEN, { t: 'Spawned Korrin Vale' })).data!.screenInput.allowed) {
      if (Date.now() - started > 20_000) throw new Error('the running server did not pick the import up');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }, 60_000);

  test('on a terminal: a progress bar, bad rows above it, the counts at the end', async () => {
    const file = join(dir, 'tty.csv');
    writeFileSync(
      file,
      ['kind,text', 'LABEL,Terminal Tapes', 'LABEL,', ...Array.from({ length: 30_000 }, (_, i) => `ARTIST,Terminal Artist ${i}`)].join(
        '\n',
      ),
    );
    // script(1) (util-linux) runs the command on a pseudo-terminal.
    const command = [process.execPath, '-r', './test/support/ts-register.cjs', 'src/cli/catalog-import.ts', file]
      .map((a) => `'${a}'`)
      .join(' ');
    const { stdout } = await run('script', ['-qefc', command, '/dev/null'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: app.db.url,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
        LOG_LEVEL: 'silent',
        TERM: 'xterm',
      },
    });
    const plain = stripVTControlCharacters(stdout);
    expect(plain).toContain('line 3: text: text must not be empty');
    expect(plain).toMatch(/reading \|[█░]+\| \d+% \| \d+ rows/);
    expect(plain).toMatch(/adding {2}\|█+\| 100% \| 30002 rows/);
    expect(plain).toContain(
      ': 30002 rows read, 30001 added, 0 already present or repeated, 0 overrides changed, 0 descriptions changed, 1 bad rows skipped',
    );
    expect(plain).not.toContain('rows read; adding them');
  }, 60_000);

  test('an unreadable file or a missing header fails with one line and a non-zero exit', async () => {
    const file = join(dir, 'no-header.csv');
    writeFileSync(file, 'ARTIST,Ana Lux\n');
    await expect(cli(file)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the first line must be the header "kind,text"'),
    });
    await expect(cli(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('ENOENT') });
  }, 60_000);

  test('a quote never closed: the line where the broken record starts, a non-zero exit, nothing imported', async () => {
    const file = join(dir, 'unclosed.csv');
    writeFileSync(
      file,
      ['kind,text', 'ARTIST,Unclosed Alpha One', 'ARTIST,"broken', 'ARTIST,Unclosed Good Name', 'ARTIST,Gamma Three'].join('\n'),
    );
    const before = await catalogState();
    await expect(cli(file)).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'line 3: unreadable CSV: a quote opened in this record is never closed; the file cannot be read past line 3; nothing was imported\n',
    });
    expect(await catalogState()).toEqual(before);
    expect(await entry('ARTIST', 'Unclosed Alpha One')).toBeUndefined();
  }, 60_000);
});
