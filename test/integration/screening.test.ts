import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { CATALOG_CLAUSE } from '../../src/domain/screening/catalog-clauses';
import { CatalogKind, Role } from '../../src/domain/enums';
import { catalogTextKey } from '../../src/domain/screening/catalog-entry-rules';
import { createLogger } from '../../src/logger';
import { ChangeListener, listenerConfig } from '../../src/infrastructure/change-listener';
import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { ScreeningService } from '../../src/services/catalog/screening.service';
import { importCatalogCsv } from '../../src/services/catalog/catalog-import';
import { admin, codeOf, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { ADD_CATALOG_ENTRIES, CATALOG_ENTRIES, REMOVE_CATALOG_ENTRY, SCREEN_INPUT } from '../support/operations';

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample-catalog.csv');
const SAMPLE_ROWS: Array<{ kind: CatalogKind; text: string }> = parse(readFileSync(SAMPLE), { columns: true });
const user = userOf('00000000-0000-4000-8000-000000000001');

interface Match {
  entryId: string;
  kind: CatalogKind;
  clause: string;
  start: number;
  end: number;
}

let app: TestApp;

async function screen(text: string, on: TestApp = app): Promise<{ allowed: boolean; matches: Match[] }> {
  const r = await on.exec(user, SCREEN_INPUT, { t: text });
  expect(r.errors).toBeUndefined();
  return r.data!.screenInput;
}

/** [kind, highlighted slice] pairs: checks kinds and offsets at once. */
async function found(text: string, on: TestApp = app): Promise<[string, string][]> {
  return (await screen(text, on)).matches.map((m) => [m.kind, text.slice(m.start, m.end)]);
}

async function idOf(kind: CatalogKind, text: string): Promise<string> {
  const [row] = await app.dataSource.query('SELECT id FROM catalog_entries WHERE kind = $1 AND text = $2', [kind, text]);
  return row.id;
}

async function catalogState(on: TestApp = app): Promise<{ entries: number; version: number; audits: number }> {
  const [row] = await on.dataSource.query(`
    SELECT (SELECT count(*) FROM catalog_entries)::int AS entries, (SELECT version FROM catalog_state)::int AS version,
           (SELECT count(*) FROM audit_events WHERE action LIKE 'catalog.%')::int AS audits`);
  return row;
}

// Whether a change crosses processes, bounded generously: these run right after
// a 20,000-entry rebuild on a machine that may be busy. How fast is the bench's to measure.
const PROPAGATION_MS = 20_000;

/** Polls until `check` holds, for at most `ms`; returns the time it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  app = await startTestApp();
  const report = await importCatalogCsv(app.services.catalog, SYSTEM_ACTOR, createReadStream(SAMPLE));
  expect(report).toMatchObject({ rows: SAMPLE_ROWS.length, added: SAMPLE_ROWS.length, invalid: 0, duplicates: 0 });
});
afterAll(async () => {
  await app?.close();
});

describe('screenInput: each kind cites its clause', () => {
  test.each([
    [CatalogKind.ARTIST, 'in the style of Ana Lux please', 'Ana Lux'],
    [CatalogKind.SONGWRITER, 'written like thaddeus pellbright would', 'thaddeus pellbright'],
    [CatalogKind.SONG_TITLE, 'a cover of "Paper Satellites"', 'Paper Satellites'],
    [CatalogKind.ALBUM_TITLE, 'sounds like GLASSHOUSE WEATHER', 'GLASSHOUSE WEATHER'],
    [CatalogKind.PUBLISHER, 'as published by Bramblegate Music Publishing', 'Bramblegate Music Publishing'],
    [CatalogKind.LABEL, 'a Tidewire Records release', 'Tidewire Records'],
    [
      CatalogKind.LYRICS,
      'sing: "the tide keeps every secret but it whispers back your name"',
      'the tide keeps every secret but it whispers back your name',
    ],
  ])('%s', async (kind, prompt, slice) => {
    const result = await screen(prompt);
    expect(result.allowed).toBe(false);
    expect(result.matches).toHaveLength(1);
    const [m] = result.matches;
    expect(m).toMatchObject({ kind, clause: CATALOG_CLAUSE[kind] });
    expect(prompt.slice(m.start, m.end)).toBe(slice);
    const [row] = await app.dataSource.query('SELECT kind FROM catalog_entries WHERE id = $1', [m.entryId]);
    expect(row.kind).toBe(kind);
  });

  test('a prompt without catalog references is allowed', async () => {
    expect(await screen('an upbeat synth-pop song about a banana boat, 120 bpm')).toEqual({ allowed: true, matches: [] });
  });

  test('whole words only: "Ana" inside "banana" or "Lux" inside "luxury" is no match', async () => {
    expect((await screen('banana luxury analux')).allowed).toBe(true);
  });

  test('every match is reported, overlapping ones included', async () => {
    // "Ana Lux" (artist) and "Lux Radio" (song) share "Lux".
    expect(await found('play Ana Lux Radio now')).toEqual([
      [CatalogKind.ARTIST, 'Ana Lux'],
      [CatalogKind.SONG_TITLE, 'Lux Radio'],
    ]);
  });

  test('lyrics: seven consecutive words are allowed, eight are not', async () => {
    expect((await screen('the tide keeps every secret but it')).allowed).toBe(true);
    expect(await found('the tide keeps every secret but it whispers')).toEqual([
      [CatalogKind.LYRICS, 'the tide keeps every secret but it whispers'],
    ]);
  });

  test('lyrics: a quote with a word changed and one dropped still blocks, with evidence saying so', async () => {
    const lyric = 'Under the quarry moon the foxes keep their counsel, and the chapel bells of Ardenfall ring slow';
    expect((await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'LYRICS', text: lyric }] })).data).toEqual({ addCatalogEntries: 1 });
    const query = 'query($t: String!) { screenInput(text: $t) { allowed matches { kind entryText evidence start end } } }';
    const screenWithEvidence = async (t: string) => {
      const r = await app.exec(user, query, { t });
      expect(r.errors).toBeUndefined();
      return r.data!.screenInput;
    };
    const quote = 'under the quarry moon the wolves keep their counsel, and the bells of ardenfall ring slow';
    const prompt = `a hymn with the words "${quote}"`;
    const result = await screenWithEvidence(prompt);
    expect(result.allowed).toBe(false);
    expect(result.matches).toEqual([
      {
        kind: CatalogKind.LYRICS,
        entryText: lyric,
        evidence: ['lyrics, 15 of 17 words in order'],
        start: prompt.indexOf(quote),
        end: prompt.indexOf(quote) + quote.length,
      },
    ]);
    // Two words in a row changed out of eight is no longer the lyric.
    expect(await screenWithEvidence('a hymn: under the quarry sky, then foxes keep their counsel')).toEqual({ allowed: true, matches: [] });
  });
});

describe('screenInput: normalization and offsets into the original input', () => {
  test('accents, case, punctuation and compatibility forms', async () => {
    expect(await found('zoe marlowe crane')).toEqual([[CatalogKind.ARTIST, 'zoe marlowe crane']]);
    expect(await found('ZOË—MARLOWE…CRANE!')).toEqual([[CatalogKind.ARTIST, 'ZOË—MARLOWE…CRANE']]);
    expect(await found('Ａｎａ　Ｌｕｘ')).toEqual([[CatalogKind.ARTIST, 'Ａｎａ　Ｌｕｘ']]);
    expect(await found('cafe eclipse sessions')).toEqual([[CatalogKind.ALBUM_TITLE, 'cafe eclipse sessions']]);
  });

  test('emoji and combining accents: UTF-16 offsets, end exclusive', async () => {
    const text = '🎵🎶 Zoe\u0308 Marlowe-Crane 👩‍💻 and Élodie Vantrelle';
    const result = await screen(text);
    expect(result.matches.map((m) => [m.start, m.end])).toEqual([
      [5, 23],
      [34, 50],
    ]);
    expect(result.matches.map((m) => text.slice(m.start, m.end))).toEqual(['Zoe\u0308 Marlowe-Crane', 'Élodie Vantrelle']);
  });

  test('an emoji between the words of a name is a separator', async () => {
    expect(await found('Ana🎵Lux')).toEqual([[CatalogKind.ARTIST, 'Ana🎵Lux']]);
  });

  test('text longer than 100,000 characters is BAD_USER_INPUT; 100,000 is fine', async () => {
    const r = await app.exec(user, SCREEN_INPUT, { t: 'a'.repeat(100_001) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([{ field: 'text', message: expect.any(String) }]);
    expect((await screen(`${'x '.repeat(49_990)}Ana Lux`.padEnd(100_000, ' '))).allowed).toBe(false);
    expect((await screen(`Ana Lux ${'🎵'.repeat(100_000 - 8)}`)).allowed).toBe(false);
  });
});

describe('roles', () => {
  test('user, service and admin may screen', async () => {
    for (const principal of [user, service, admin]) {
      const r = await app.exec(principal, SCREEN_INPUT, { t: 'Ana Lux' });
      expect(r.errors).toBeUndefined();
      expect(r.data!.screenInput.allowed).toBe(false);
    }
  });

  test.each([
    ['addCatalogEntries', ADD_CATALOG_ENTRIES, { e: [{ kind: 'ARTIST', text: 'Nobody New' }] }],
    ['removeCatalogEntry', REMOVE_CATALOG_ENTRY, { id: '1' }],
    ['catalogEntries', CATALOG_ENTRIES, {}],
  ])('%s is for admins only', async (_name, query, variables) => {
    const before = await catalogState();
    for (const principal of [user, service]) expect(codeOf(await app.exec(principal, query, variables))).toBe('FORBIDDEN');
    expect(await catalogState()).toEqual(before);
  });

  test('without any role, screening is forbidden', async () => {
    expect(codeOf(await app.exec({ sub: 'x', roles: [] }, SCREEN_INPUT, { t: 'hello' }))).toBe('FORBIDDEN');
  });
});

describe('catalog administration', () => {
  test('add, list, screen, remove: each change shows at once and is audited', async () => {
    const before = await catalogState();
    const added = await app.exec(admin, ADD_CATALOG_ENTRIES, {
      e: [
        { kind: 'LABEL', text: '  Corvid Lantern Tapes ' },
        { kind: 'ARTIST', text: 'Pell Orrin' },
      ],
    });
    expect(added.data).toEqual({ addCatalogEntries: 2 });
    expect(await found('a Corvid Lantern Tapes single by Pell Orrin')).toEqual([
      [CatalogKind.LABEL, 'Corvid Lantern Tapes'],
      [CatalogKind.ARTIST, 'Pell Orrin'],
    ]);

    const list = await app.exec(admin, CATALOG_ENTRIES, { k: 'LABEL', l: 2 });
    expect(list.errors).toBeUndefined();
    expect(list.data!.catalogEntries).toEqual([
      { id: expect.any(String), kind: 'LABEL', text: 'Corvid Lantern Tapes' },
      expect.objectContaining({ kind: 'LABEL' }),
    ]);
    const id = list.data!.catalogEntries[0].id;
    const all = await app.exec(admin, CATALOG_ENTRIES, { l: 1000 });
    expect(all.data!.catalogEntries).toHaveLength(before.entries + 2);
    expect(new Set(all.data!.catalogEntries.map((e: { kind: string }) => e.kind)).size).toBe(7);

    expect((await app.exec(admin, REMOVE_CATALOG_ENTRY, { id })).data).toEqual({ removeCatalogEntry: true });
    expect(await found('a Corvid Lantern Tapes single by Pell Orrin')).toEqual([[CatalogKind.ARTIST, 'Pell Orrin']]);
    expect(refusalOf(await app.exec(admin, REMOVE_CATALOG_ENTRY, { id }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'CATALOG_ENTRY_NOT_FOUND',
    });

    expect(await catalogState()).toEqual({ entries: before.entries + 1, version: before.version + 2, audits: before.audits + 2 });
    const events = await app.dataSource.query(
      `SELECT actor, action, target_type, target_id, before, after FROM audit_events WHERE action LIKE 'catalog.%' ORDER BY sequence DESC LIMIT 2`,
    );
    expect(events).toEqual([
      {
        actor: 'admin-1',
        action: 'catalog.remove',
        target_type: 'CatalogEntry',
        target_id: id,
        before: { kind: 'LABEL', text: 'Corvid Lantern Tapes' },
        after: { version: before.version + 2 },
      },
      {
        actor: 'admin-1',
        action: 'catalog.add',
        target_type: 'Catalog',
        target_id: 'catalog',
        before: null,
        after: {
          version: before.version + 1,
          requested: 2,
          added: 2,
          duplicates: 0,
          overridesChanged: 0,
          describeAsChanged: 0,
          byKind: { LABEL: 1, ARTIST: 1 },
        },
      },
    ]);
  });

  test.each(['abc', '0', '-1', '1.5', '99999999999999999999', '123456789'])(
    'removing unknown or malformed id %j is NOT_FOUND',
    async (id) => {
      const before = await catalogState();
      expect(refusalOf(await app.exec(admin, REMOVE_CATALOG_ENTRY, { id }))).toEqual({
        code: 'NOT_FOUND',
        reason: 'CATALOG_ENTRY_NOT_FOUND',
      });
      expect(await catalogState()).toEqual(before);
    },
  );

  test.each([0, 1001, -5])('catalogEntries limit %d is BAD_USER_INPUT', async (l) => {
    expect(codeOf(await app.exec(admin, CATALOG_ENTRIES, { l }))).toBe('BAD_USER_INPUT');
  });

  test('duplicates (same kind, same normalized text) are ignored and not counted', async () => {
    const before = await catalogState();
    const r = await app.exec(admin, ADD_CATALOG_ENTRIES, {
      e: [
        { kind: 'ARTIST', text: 'Ana Lux' }, // already in the sample
        { kind: 'ARTIST', text: 'ANA  LUX!' }, // the same once normalized
        { kind: 'SONG_TITLE', text: 'Ana Lux' }, // another kind: a new entry
        { kind: 'ARTIST', text: 'Vesna Quillory' },
        { kind: 'ARTIST', text: 'vesna quillóry' }, // repeated within the call
      ],
    });
    expect(r.data).toEqual({ addCatalogEntries: 2 });
    expect(await catalogState()).toEqual({ entries: before.entries + 2, version: before.version + 1, audits: before.audits + 1 });
    const [{ count }] = await app.dataSource.query(
      `SELECT count(*)::int AS count FROM catalog_entries WHERE kind = 'ARTIST' AND text ILIKE 'vesna%'`,
    );
    expect(count).toBe(1);

    // Nothing new at all: no version, no audit event.
    const again = await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'ARTIST', text: 'ana lux' }] });
    expect(again.data).toEqual({ addCatalogEntries: 0 });
    expect(await catalogState()).toEqual({ entries: before.entries + 2, version: before.version + 1, audits: before.audits + 1 });
  });

  test('a lyric of 20,000 characters can be stored and matched', async () => {
    const words = Array.from({ length: 4000 }, (_, i) => `w${(i * 7919) % 100_003}`);
    let lyric = words.join(' ');
    lyric = lyric.slice(0, lyric.lastIndexOf(' ', 20_000));
    const r = await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'LYRICS', text: lyric }] });
    expect(r.data).toEqual({ addCatalogEntries: 1 });
    const quote = words.slice(1000, 1010).join(' ');
    expect(await found(`sing ${quote}`)).toEqual([[CatalogKind.LYRICS, quote]]);
    // Characters are code points, as the database's CHECK counts them.
    const emoji = `${'la '.repeat(10)}${'🎵'.repeat(20_000 - 30)}`;
    expect((await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'LYRICS', text: emoji }] })).data).toEqual({ addCatalogEntries: 1 });
    expect(codeOf(await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'LYRICS', text: `${emoji}🎵` }] }))).toBe('BAD_USER_INPUT');
  });

  test('bad input anywhere in the call leaves nothing written', async () => {
    const good = Array.from({ length: 100 }, (_, i) => ({ kind: 'ARTIST', text: `Unwritten Artist ${i}` }));
    for (const [bad, field] of [
      [{ kind: 'ARTIST', text: '   ' }, 'entries[57].text'],
      [{ kind: 'LABEL', text: '-- 🎵 --' }, 'entries[57].text'],
      [{ kind: 'LYRICS', text: 'la '.repeat(7000) }, 'entries[57].text'],
    ] as const) {
      const before = await catalogState();
      const r = await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [...good.slice(0, 57), bad, ...good.slice(57)] });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.fields).toEqual([{ field, message: expect.any(String) }]);
      expect(await catalogState()).toEqual(before);
    }
    const before = await catalogState();
    const unknownKind = await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [...good, { kind: 'POET', text: 'x' }] });
    expect(codeOf(unknownKind)).toBe('BAD_USER_INPUT');
    expect(await catalogState()).toEqual(before);
    expect((await screen('Unwritten Artist 3')).allowed).toBe(true);
  });

  test('more than 50,000 entries in one call is BAD_USER_INPUT', async () => {
    const before = await catalogState();
    const e = Array.from({ length: 50_001 }, (_, i) => ({ kind: 'ARTIST', text: `Too Many ${i}` }));
    const r = await app.exec(admin, ADD_CATALOG_ENTRIES, { e });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(await catalogState()).toEqual(before);
  });

  test('20,000 entries in one call: one version, one audit event with counts, screened at once', async () => {
    const before = await catalogState();
    const kinds = Object.values(CatalogKind).filter((k) => k !== CatalogKind.LYRICS);
    const e = Array.from({ length: 20_000 }, (_, i) => ({ kind: kinds[i % kinds.length], text: `Bulk Entry ${i}` }));
    const started = Date.now();
    const r = await app.exec(admin, ADD_CATALOG_ENTRIES, { e });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ addCatalogEntries: 20_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await catalogState()).toEqual({ entries: before.entries + 20_000, version: before.version + 1, audits: before.audits + 1 });
    const [event] = await app.dataSource.query(
      `SELECT after FROM audit_events WHERE action = 'catalog.add' ORDER BY sequence DESC LIMIT 1`,
    );
    expect(event.after).toEqual({
      version: before.version + 1,
      requested: 20_000,
      added: 20_000,
      duplicates: 0,
      overridesChanged: 0,
      describeAsChanged: 0,
      byKind: Object.fromEntries(kinds.map((k, i) => [k, Math.floor(20_000 / kinds.length) + (i < 20_000 % kinds.length ? 1 : 0)])),
    });
    expect(await found('Bulk Entry 19999 and Bulk Entry 7')).toEqual([
      [kinds[19_999 % kinds.length], 'Bulk Entry 19999'],
      [kinds[7 % kinds.length], 'Bulk Entry 7'],
    ]);
  });

  test('20 concurrent bulk adds of overlapping entries: every entry once, counts add up', async () => {
    const before = await catalogState();
    const calls = Array.from({ length: 20 }, (_, c) =>
      Array.from({ length: 200 }, (_, i) => ({ kind: 'SONG_TITLE', text: `Overlap ${(c * 50 + i) % 1200}` })),
    );
    const results = await Promise.all(calls.map((e) => app.exec(admin, ADD_CATALOG_ENTRIES, { e })));
    expect(results.map((r) => r.errors)).toEqual(Array(20).fill(undefined));
    const distinct = new Set(calls.flat().map((e) => e.text)).size;
    const total = results.reduce((sum, r) => sum + r.data!.addCatalogEntries, 0);
    expect(total).toBe(distinct);
    const after = await catalogState();
    expect(after.entries).toBe(before.entries + distinct);
    const changed = results.filter((r) => r.data!.addCatalogEntries > 0).length;
    expect(after.version).toBe(before.version + changed);
    expect((await screen('Overlap 1149')).allowed).toBe(false);
  });
});

describe('a second server process on the same database', () => {
  let second: TestApp;
  beforeAll(async () => {
    second = await startTestApp({}, { attachTo: app });
  });
  afterAll(async () => {
    await second?.close();
  });

  test('it starts with the same catalog', async () => {
    expect(second.services.screening.status.version).toBe((await catalogState()).version);
    expect(await found('Ana Lux', second)).toEqual(await found('Ana Lux'));
    expect(await found('Ana Lux', second)).toEqual([
      [CatalogKind.ARTIST, 'Ana Lux'],
      [CatalogKind.SONG_TITLE, 'Ana Lux'],
    ]);
  });

  test(
    'an entry added or removed on the first process is screened by the second',
    async () => {
      expect((await screen('Marisol Venthaven', second)).allowed).toBe(true);
      expect((await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'ARTIST', text: 'Marisol Venthaven' }] })).data).toEqual({
        addCatalogEntries: 1,
      });
      await within(PROPAGATION_MS, async () => !(await screen('Marisol Venthaven', second)).allowed);

      const id = await idOf(CatalogKind.ARTIST, 'Marisol Venthaven');
      expect((await app.exec(admin, REMOVE_CATALOG_ENTRY, { id })).data).toEqual({ removeCatalogEntry: true });
      await within(PROPAGATION_MS, async () => (await screen('Marisol Venthaven', second)).allowed);
      expect(second.services.screening.status.version).toBe((await catalogState()).version);
    },
    4 * PROPAGATION_MS,
  );

  test('a change whose notification is lost still arrives (version poll)', async () => {
    await app.dataSource.transaction(async (m) => {
      const [[{ version }]] = await m.query('UPDATE catalog_state SET version = version + 1 RETURNING version');
      await m.query(
        `INSERT INTO catalog_entries (kind, text, text_key, search_text, added_version)
         VALUES ('LABEL', 'Quiet Heron Records', decode($1, 'hex'), 'quiet heron records', $2)`,
        [catalogTextKey('Quiet Heron Records'), version],
      );
    });
    await within(
      PROPAGATION_MS,
      async () => !(await screen('Quiet Heron Records', second)).allowed && !(await screen('Quiet Heron Records')).allowed,
    );
  });

  test(
    'LISTEN alone delivers changes, and survives its connection being killed',
    async () => {
      // Polling every ten minutes: within the wait below, only the notification can bring the change.
      const changes = new ChangeListener(listenerConfig(second.dataSource), createLogger('silent'));
      const listening = new ScreeningService(second.dataSource, {
        lyricsMinWords: 8,
        logger: createLogger('silent'),
        changes,
        pollIntervalMs: 600_000,
      });
      await listening.start();
      await changes.start();
      try {
        await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'PUBLISHER', text: 'Fennimore Glasswork Songs' }] });
        await within(PROPAGATION_MS, async () => !listening.screen('Fennimore Glasswork Songs').allowed);

        // Every LISTEN connection on this database: both servers' and this one's.
        const killed: Array<{ pid: number }> = await app.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'entitlement-api-listener'`,
        );
        expect(killed.length).toBeGreaterThanOrEqual(3);
        await app.dataSource.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [killed.map((k) => k.pid)]);
        await within(PROPAGATION_MS, async () => {
          const [{ n }] = await app.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
             AND application_name = 'entitlement-api-listener' AND NOT (pid = ANY($1::int[]))`,
            [killed.map((k) => k.pid)],
          );
          return n === killed.length;
        });
        await app.exec(admin, ADD_CATALOG_ENTRIES, { e: [{ kind: 'PUBLISHER', text: 'Ostrander Hollow Music' }] });
        await within(PROPAGATION_MS, async () => !listening.screen('Ostrander Hollow Music').allowed);
      } finally {
        await changes.stop();
        await listening.stop();
      }
    },
    4 * PROPAGATION_MS,
  );
});

describe('background rebuild', () => {
  test('after a large change the overlay is folded into a fresh base, and screening is unchanged', async () => {
    await within(30_000, async () => app.services.screening.status.pendingChanges < 10_000 && !app.services.screening.status.rebuilding);
    const status = app.services.screening.status;
    expect(status.baseEntries).toBeGreaterThanOrEqual(20_000);
    expect(await found('Bulk Entry 12345 by Marlowe Crane')).toEqual([[CatalogKind.ALBUM_TITLE, 'Bulk Entry 12345']]);
  });
});

describe('privacy', () => {
  test('the screened text never lands in any table', async () => {
    const secret = 'Zyxwv Qutsr private prompt 7f3a9c about Ana Lux';
    expect((await screen(secret)).allowed).toBe(false);
    const r = await app.http(
      SCREEN_INPUT,
      { t: secret },
      { authorization: `Bearer ${await app.token({ sub: 'u-1', roles: [Role.USER] })}` },
    );
    expect(r.status).toBe(200);
    expect(r.body.data.screenInput.allowed).toBe(false);
    const tables: Array<{ table_name: string }> = await app.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['audit_events', 'catalog_entries']));
    for (const { table_name } of tables) {
      const [{ hits }] = await app.dataSource.query(
        `SELECT count(*)::int AS hits FROM "${table_name}" t WHERE to_jsonb(t)::text ILIKE '%7f3a9c%' OR to_jsonb(t)::text ILIKE '%zyxwv%'`,
      );
      expect({ table: table_name, hits }).toEqual({ table: table_name, hits: 0 });
    }
  });
});

describe('CSV import', () => {
  test('the sample again: every row a duplicate; bad rows reported with their line and skipped', async () => {
    const again = await importCatalogCsv(app.services.catalog, SYSTEM_ACTOR, createReadStream(SAMPLE));
    expect(again).toMatchObject({ rows: SAMPLE_ROWS.length, added: 0, duplicates: SAMPLE_ROWS.length, invalid: 0 });

    const before = await catalogState();
    const csv = [
      'kind,text',
      'ARTIST,Imported Halvard Prenn',
      'POET,Not A Kind',
      'LABEL,',
      '',
      'SONG_TITLE,"Quoted, With Comma"',
      'ARTIST,Unquoted, With Comma',
      'LYRICS,"a lyric that spans',
      'two lines of the file and goes on and on"',
      'ALBUM_TITLE,🎵🎵',
      'label,Lowercase Kind Is Not A Kind',
      'ARTIST,imported halvard prenn',
    ].join('\n');
    const report = await importCatalogCsv(app.services.catalog, SYSTEM_ACTOR, Readable.from([csv]), { batchSize: 2 });
    expect(report).toEqual({
      rows: 9,
      added: 3,
      duplicates: 1,
      overridesChanged: 0,
      describeAsChanged: 0,
      invalid: 5,
      batches: 2,
      problems: [
        { line: 3, message: expect.stringMatching(/^kind: kind must be one of ARTIST/) },
        { line: 4, message: 'text: text must not be empty' },
        { line: 7, message: expect.stringMatching(/^expected 2 columns, got 3/) },
        { line: 10, message: 'text: text must contain a letter or a digit' },
        { line: 11, message: expect.stringMatching(/^kind: /) },
      ],
    });
    const after = await catalogState();
    expect(after).toEqual({ entries: before.entries + 3, version: before.version + 2, audits: before.audits + 2 });
    expect(await found('Imported Halvard Prenn sings Quoted, With Comma: two lines of the file and goes on and on')).toEqual([
      [CatalogKind.ARTIST, 'Imported Halvard Prenn'],
      [CatalogKind.SONG_TITLE, 'Quoted, With Comma'],
      [CatalogKind.LYRICS, 'two lines of the file and goes on and on'],
    ]);
  });

  test('a file without the kind,text header is refused before anything is written', async () => {
    const before = await catalogState();
    await expect(importCatalogCsv(app.services.catalog, SYSTEM_ACTOR, Readable.from(['ARTIST,Ana Lux\n']))).rejects.toThrow(
      'the first line must be the header "kind,text"',
    );
    expect(await catalogState()).toEqual(before);
  });
});

describe('start-up', () => {
  const EMPTY_WARNING = 'screening catalog is empty: screenInput allows everything until entries are imported';
  const capture = () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
    return { lines, destination, logger: createLogger('warn', destination) };
  };

  test('an empty catalog is logged once as a warning; a loaded one is not', async () => {
    const log = capture();
    const empty = await startTestApp({ LOG_LEVEL: 'warn' }, { logDestination: log.destination });
    try {
      expect(empty.services.screening.status.entries).toBe(0);
      expect(log.lines.filter((l) => l.msg === EMPTY_WARNING)).toEqual([expect.objectContaining({ level: 40 })]);
    } finally {
      await empty.close();
    }

    const loaded = capture();
    // A listener never started: this service only loads, it need not follow changes.
    const changes = new ChangeListener(listenerConfig(app.dataSource), createLogger('silent'));
    const screening = new ScreeningService(app.dataSource, { lyricsMinWords: 8, logger: loaded.logger, changes, pollIntervalMs: 60_000 });
    await screening.start();
    try {
      expect(screening.status.entries).toBeGreaterThan(0);
      expect(loaded.lines.map((l) => l.msg)).not.toContain(EMPTY_WARNING);
    } finally {
      await screening.stop();
    }
  });
});
