import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { catalogTextKey } from '../../src/domain/screening/catalog-entry-rules';
import { createTestDatabase } from '../support/test-db';

const CATALOG_IDENTITY = 'CatalogNormalizedIdentity1795548986663';

/** Undoes migrations, last first, down to and including `name` (later migrations come and go with it). */
async function undoThrough(ds: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await ds.query(`SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`);
    await ds.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}

// The catalog identity migration on a database that already holds entries.
test('keys existing entries, keeps the oldest of entries that normalize alike, and reverts', async () => {
  const db = await createTestDatabase();
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();
  try {
    await undoThrough(ds, CATALOG_IDENTITY);
    await ds.query('UPDATE catalog_state SET version = 7');
    await ds.query(`INSERT INTO catalog_entries (kind, text) VALUES
      ('ARTIST', 'Ana Lux'), ('ARTIST', 'ana  lux!'), ('SONG_TITLE', 'Ana Lux'), ('LABEL', 'Tidewire Records')`);
    // More than one page of the backfill.
    await ds.query(`INSERT INTO catalog_entries (kind, text) SELECT 'ARTIST', 'Generated ' || g FROM generate_series(1, 12000) g`);

    await ds.runMigrations({ transaction: 'each' });
    const rows = await ds.query(`
      SELECT kind, text, encode(text_key, 'hex') AS key, added_version FROM catalog_entries
      WHERE text NOT LIKE 'Generated %' ORDER BY id`);
    expect(rows).toEqual([
      { kind: 'ARTIST', text: 'Ana Lux', key: catalogTextKey('Ana Lux'), added_version: '7' },
      { kind: 'SONG_TITLE', text: 'Ana Lux', key: catalogTextKey('Ana Lux'), added_version: '7' },
      { kind: 'LABEL', text: 'Tidewire Records', key: catalogTextKey('Tidewire Records'), added_version: '7' },
    ]);
    const [{ keyed }] = await ds.query(
      `SELECT count(*)::int AS keyed FROM catalog_entries WHERE text LIKE 'Generated %' AND text_key IS NOT NULL`,
    );
    expect(keyed).toBe(12000);
    await expect(
      ds.query(
        `INSERT INTO catalog_entries (kind, text, text_key, search_text, added_version) VALUES ('ARTIST', 'ANA LUX', decode($1, 'hex'), 'ana lux', 8)`,
        [catalogTextKey('ANA LUX')],
      ),
    ).rejects.toThrow(/catalog_entries_normalized_unique/);

    await undoThrough(ds, CATALOG_IDENTITY);
    const columns = await ds.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'catalog_entries' ORDER BY ordinal_position`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual(['id', 'kind', 'text', 'created_at']);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
    await db.drop();
  }
});

// The search and count migrations on a catalog that already holds entries.
test('existing entries get their search text and per-kind counts', async () => {
  const db = await createTestDatabase();
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();
  try {
    await undoThrough(ds, 'CatalogSearch1796000001100');
    const rows: Array<[string, string]> = [
      ['ARTIST', 'Zoë Ångström'],
      ['SONG_TITLE', 'CAFÉ DEL MAR-ISH'],
      ['ARTIST', 'ﬁne Ｆolk'],
    ];
    for (const [kind, text] of rows) {
      await ds.query(`INSERT INTO catalog_entries (kind, text, text_key, added_version) VALUES ($1, $2, decode($3, 'hex'), 0)`, [
        kind,
        text,
        catalogTextKey(text),
      ]);
    }
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.query('SELECT text, search_text FROM catalog_entries ORDER BY id')).toEqual([
      { text: 'Zoë Ångström', search_text: 'zoe angstrom' },
      { text: 'CAFÉ DEL MAR-ISH', search_text: 'cafe del mar ish' },
      { text: 'ﬁne Ｆolk', search_text: 'fine folk' },
    ]);
    expect(await ds.query('SELECT kind, entries FROM catalog_kind_counts ORDER BY kind')).toEqual([
      { kind: 'ARTIST', entries: '2' },
      { kind: 'SONG_TITLE', entries: '1' },
    ]);
    // Kept by the triggers from then on; a kind never changes.
    await ds.query(`DELETE FROM catalog_entries WHERE text = 'Zoë Ångström'`);
    expect(await ds.query(`SELECT entries FROM catalog_kind_counts WHERE kind = 'ARTIST'`)).toEqual([{ entries: '1' }]);
    await expect(ds.query(`UPDATE catalog_entries SET kind = 'LABEL'`)).rejects.toThrow('the kind of a catalog entry cannot change');
  } finally {
    await ds.destroy();
    await db.drop();
  }
});
