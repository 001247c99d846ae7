import { ScreeningOverride } from '../../src/domain/enums';
import { catalogPageSql, CatalogPageQuery } from '../../src/services/catalog/catalog.service';
import { admin, codeOf, service, startTestApp, TestApp } from '../support/test-app';

const ADD = 'mutation($e: [CatalogEntryInput!]!) { addCatalogEntries(entries: $e) }';
const SET = 'mutation($id: ID!, $o: ScreeningOverride!) { setCatalogEntryOverride(id: $id, override: $o) { id kind text override } }';
const LIST = 'query($k: CatalogKind) { catalogEntries(kind: $k, limit: 1000) { id kind text override } }';
const PAGE = `query($s: String, $k: CatalogKind, $f: Int, $a: String) {
  catalogEntriesConnection(search: $s, kind: $k, first: $f, after: $a) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind text override } }
  }
}`;

interface Node {
  id: string;
  kind: string;
  text: string;
  override: ScreeningOverride;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function catalogState(): Promise<{ version: number; audits: number }> {
  const [row] = await app.dataSource.query(`
    SELECT (SELECT version FROM catalog_state)::int AS version,
           (SELECT count(*) FROM audit_events WHERE action LIKE 'catalog.%')::int AS audits`);
  return row;
}

async function add(entries: Array<{ kind: string; text: string; override?: ScreeningOverride }>): Promise<number> {
  const r = await app.exec(admin, ADD, { e: entries });
  expect(r.errors).toBeUndefined();
  return r.data!.addCatalogEntries;
}

async function byText(text: string): Promise<Node> {
  const r = await app.exec(admin, LIST, {});
  return r.data!.catalogEntries.find((n: Node) => n.text === text);
}

describe('screening overrides', () => {
  test('a new entry is AUTO unless the input says otherwise; re-adding with an override changes it, audited', async () => {
    expect(
      await add([
        { kind: 'ARTIST', text: 'Override Lenna Frost' },
        { kind: 'SONG_TITLE', text: 'Override This', override: ScreeningOverride.NEVER },
      ]),
    ).toBe(2);
    expect(await byText('Override Lenna Frost')).toMatchObject({ kind: 'ARTIST', override: 'AUTO' });
    expect(await byText('Override This')).toMatchObject({ override: 'NEVER' });

    const before = await catalogState();
    // Already present: not added again (0), but the override changes; without one, an entry keeps its own.
    expect(
      await add([
        { kind: 'ARTIST', text: 'OVERRIDE LENNA FROST', override: ScreeningOverride.ALWAYS },
        { kind: 'SONG_TITLE', text: 'override this' },
      ]),
    ).toBe(0);
    expect(await byText('Override Lenna Frost')).toMatchObject({ override: 'ALWAYS' });
    expect(await byText('Override This')).toMatchObject({ override: 'NEVER' });
    expect(await catalogState()).toEqual({ version: before.version + 1, audits: before.audits + 1 });
    const [event] = await app.dataSource.query(
      `SELECT action, after FROM audit_events WHERE action LIKE 'catalog.%' ORDER BY sequence DESC LIMIT 1`,
    );
    expect(event).toEqual({
      action: 'catalog.add',
      after: { version: before.version + 1, requested: 2, added: 0, duplicates: 2, overridesChanged: 1, describeAsChanged: 0, byKind: {} },
    });
    // The same again changes nothing: no version, no event.
    expect(await add([{ kind: 'ARTIST', text: 'Override Lenna Frost', override: ScreeningOverride.ALWAYS }])).toBe(0);
    expect(await catalogState()).toEqual({ version: before.version + 1, audits: before.audits + 1 });
  });

  test('a bad override value is refused by GraphQL before anything runs', async () => {
    const r = await app.exec(admin, ADD, { e: [{ kind: 'ARTIST', text: 'Never Stored', override: 'SOMETIMES' }] });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  test('setCatalogEntryOverride: one transaction with its audit event and a new catalog version; same value changes nothing', async () => {
    await add([{ kind: 'LABEL', text: 'Setter Records' }]);
    const { id } = await byText('Setter Records');
    const before = await catalogState();
    const r = await app.exec(admin, SET, { id, o: 'NEVER' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setCatalogEntryOverride).toEqual({ id, kind: 'LABEL', text: 'Setter Records', override: 'NEVER' });
    expect(await catalogState()).toEqual({ version: before.version + 1, audits: before.audits + 1 });
    const [row] = await app.dataSource.query('SELECT screening_override, override_version FROM catalog_entries WHERE id = $1', [id]);
    expect(row).toEqual({ screening_override: 'NEVER', override_version: String(before.version + 1) });
    const [event] = await app.dataSource.query(
      `SELECT actor, action, target_type, target_id, before, after FROM audit_events ORDER BY sequence DESC LIMIT 1`,
    );
    expect(event).toEqual({
      actor: admin.sub,
      action: 'catalog.override',
      target_type: 'CatalogEntry',
      target_id: id,
      before: { override: 'AUTO' },
      after: { override: 'NEVER', version: before.version + 1 },
    });

    expect((await app.exec(admin, SET, { id, o: 'NEVER' })).data!.setCatalogEntryOverride.override).toBe('NEVER');
    expect(await catalogState()).toEqual({ version: before.version + 1, audits: before.audits + 1 });
  });

  test('concurrent override changes of one entry: each lands as its own version, none lost', async () => {
    await add([{ kind: 'LABEL', text: 'Race Records' }]);
    const { id } = await byText('Race Records');
    const before = await catalogState();
    const values = ['ALWAYS', 'NEVER', 'AUTO', 'ALWAYS', 'NEVER', 'AUTO'];
    const results = await Promise.all(values.map((o) => app.exec(admin, SET, { id, o })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const events: Array<{ before: { override: string }; after: { override: string; version: number } }> = await app.dataSource.query(
      `SELECT before, after FROM audit_events WHERE action = 'catalog.override' AND target_id = $1 ORDER BY sequence`,
      [id],
    );
    // Each event starts from the previous one's value: serialized, no lost update.
    let current = 'AUTO';
    for (const e of events) {
      expect(e.before.override).toBe(current);
      current = e.after.override;
    }
    const [row] = await app.dataSource.query('SELECT screening_override FROM catalog_entries WHERE id = $1', [id]);
    expect(row.screening_override).toBe(current);
    expect((await catalogState()).version).toBe(before.version + events.length);
  });

  test.each([
    ['unknown', '999999999', 'NOT_FOUND'],
    ['malformed', 'abc', 'NOT_FOUND'],
  ])('an %s id is %s', async (_what, id, code) => {
    expect(codeOf(await app.exec(admin, SET, { id, o: 'ALWAYS' }))).toBe(code);
  });

  test('admins only', async () => {
    const { id } = await byText('Setter Records');
    expect(codeOf(await app.exec(service, SET, { id, o: 'ALWAYS' }))).toBe('FORBIDDEN');
    expect(codeOf(await app.exec(service, PAGE, {}))).toBe('FORBIDDEN');
  });
});

describe('catalogEntriesConnection', () => {
  const page = async (vars: Record<string, unknown>) => {
    const r = await app.exec(admin, PAGE, vars);
    expect(r.errors).toBeUndefined();
    return r.data!.catalogEntriesConnection as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ cursor: string; node: Node }>;
    };
  };

  beforeAll(async () => {
    await add(Array.from({ length: 45 }, (_, i) => ({ kind: i % 3 === 0 ? 'PUBLISHER' : 'ALBUM_TITLE', text: `Paging Item ${i}` })));
    await add([
      { kind: 'ARTIST', text: 'Zoë Ångström' },
      { kind: 'SONG_TITLE', text: 'CAFÉ DEL MAR-ISH' },
      { kind: 'LABEL', text: 'Zoetrope Tapes' },
    ]);
  });

  test('walks every entry newest first, page by page, with a total that does not depend on the page', async () => {
    const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM catalog_entries');
    const all: string[] = (await app.dataSource.query('SELECT id FROM catalog_entries ORDER BY id DESC')).map((r: { id: string }) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; ; i++) {
      const p = await page({ f: 7, a: after });
      expect(p.totalCount).toBe(n);
      seen.push(...p.edges.map((e) => e.node.id));
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
      expect(i).toBeLessThan(100);
    }
    expect(seen).toEqual(all);
  });

  test('first defaults to 50, also when given as null', async () => {
    for (const vars of [{}, { f: null }]) {
      const p = await page(vars);
      expect(p.edges).toHaveLength(50);
      expect(p.pageInfo.hasNextPage).toBe(true);
    }
  });

  test('kind filter and its total', async () => {
    const p = await page({ k: 'PUBLISHER', f: 200 });
    expect(p.totalCount).toBe(15);
    expect(p.edges.map((e) => e.node.text)).toEqual(Array.from({ length: 15 }, (_, i) => `Paging Item ${42 - 3 * i}`));
    expect(p.pageInfo.hasNextPage).toBe(false);
  });

  test.each([
    ['zoe', ['Zoetrope Tapes', 'Zoë Ångström']],
    ['ZOË ANGSTROM', ['Zoë Ångström']],
    ['  angstr ', ['Zoë Ångström']],
    ['cafe del', ['CAFÉ DEL MAR-ISH']],
    ['del mar ish', ['CAFÉ DEL MAR-ISH']],
    ['paging item 4', ['Paging Item 44', 'Paging Item 43', 'Paging Item 42', 'Paging Item 41', 'Paging Item 40', 'Paging Item 4']],
    ['no such thing', []],
  ])('search %j: any case, with or without accents or punctuation', async (search, texts) => {
    const p = await page({ s: search, f: 50 });
    expect(p.edges.map((e) => e.node.text)).toEqual(texts);
    expect(p.totalCount).toBe(texts.length);
  });

  test('search with kind, paged', async () => {
    const first = await page({ s: 'paging item 1', k: 'ALBUM_TITLE', f: 2 });
    // 1, 10..19 that are ALBUM_TITLE (i % 3 != 0): 1, 10, 11, 13, 14, 16, 17, 19
    expect(first.totalCount).toBe(8);
    expect(first.edges.map((e) => e.node.text)).toEqual(['Paging Item 19', 'Paging Item 17']);
    const second = await page({ s: 'paging item 1', k: 'ALBUM_TITLE', f: 50, a: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.text)).toEqual([
      'Paging Item 16',
      'Paging Item 14',
      'Paging Item 13',
      'Paging Item 11',
      'Paging Item 10',
      'Paging Item 1',
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  test.each([
    [{ f: 0 }],
    [{ f: 201 }],
    [{ a: 'not a cursor!' }],
    [{ a: Buffer.from('["x", 1]').toString('base64url') }],
    [{ a: Buffer.from('["-5"]').toString('base64url') }],
    [{ s: '!!!' }],
  ])('%j is BAD_USER_INPUT', async (vars) => {
    expect(codeOf(await app.exec(admin, PAGE, vars))).toBe('BAD_USER_INPUT');
  });
});

describe('query plans', () => {
  // 50,000 rows with fresh statistics (as autovacuum leaves them) and sequential scans priced out:
  // the plans show which index serves each query. Written with plain SQL for speed; search_text is
  // what normalizeText gives for these ASCII texts.
  beforeAll(async () => {
    await app.dataSource.query(`
      INSERT INTO catalog_entries (kind, text, text_key, search_text, added_version)
      SELECT CASE WHEN g % 2 = 0 THEN 'ARTIST' ELSE 'SONG_TITLE' END, 'Plan Entry ' || g || ' Marlowe',
             sha256(('plan entry ' || g || ' marlowe')::bytea), 'plan entry ' || g || ' marlowe', 0
      FROM generate_series(1, 50000) g`);
    await app.dataSource.query(`VACUUM ANALYZE catalog_entries`);
  });

  /** Node types and index names of the plan, depth first. */
  async function planOf(sql: { text: string; values: unknown[] }): Promise<string[]> {
    return app.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const [
        {
          'QUERY PLAN': [root],
        },
      ] = await m.query(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values);
      const out: string[] = [];
      const walk = (node: Record<string, any>) => {
        out.push([node['Node Type'], node['Index Name']].filter(Boolean).join(' '));
        for (const child of node.Plans ?? []) walk(child);
      };
      walk(root.Plan);
      return out;
    });
  }

  const query = (q: Partial<CatalogPageQuery>): CatalogPageQuery => ({ search: null, kind: null, first: 50, afterId: null, ...q });

  // Which index wins depends on how many rows match: a rare kind walks its (kind, id) index, a
  // selective search the trigram index; a common word would walk the primary key newest first.
  test.each([
    ['every entry', {}, 'catalog_entries_pkey'],
    ['a rare kind', { kind: 'LABEL' }, 'catalog_entries_kind_id_idx'],
    ['a search', { search: 'ENTRY 31415 MARLOWE' }, 'catalog_entries_search_trgm_idx'],
    ['a search in one kind', { search: 'entry 2718 marlowe', kind: 'SONG_TITLE' }, 'catalog_entries_search_trgm_idx'],
  ] as const)('%s: an index scan, and a deep page runs the plan of page 1', async (_name, q, index) => {
    const [{ mid }] = await app.dataSource.query(
      'SELECT percentile_disc(0.2) WITHIN GROUP (ORDER BY id)::text AS mid FROM catalog_entries',
    );
    const first = await planOf(catalogPageSql(query(q as Partial<CatalogPageQuery>)).page);
    const deep = await planOf(catalogPageSql(query({ ...(q as Partial<CatalogPageQuery>), afterId: mid })).page);
    expect(first.join(' > ')).toContain(index);
    expect(first.join(' > ')).not.toContain('Seq Scan');
    expect(deep).toEqual(first);
    const count = await planOf(catalogPageSql(query(q as Partial<CatalogPageQuery>)).count);
    expect(count.join(' > ')).not.toMatch(/Seq Scan on catalog_entries|Index Only Scan using catalog_entries_pkey/);
  });
});
