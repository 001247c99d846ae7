import { DataSource, DataSourceOptions } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

// The migrations define the schema; the entities must describe it exactly.
// Otherwise `npm run migration:generate` writes a migration of destructive
// noise (dropping every constraint and index the entities forget).

/** Undoes every applied migration, last first, and returns how many it undid. */
async function undoAll(ds: DataSource): Promise<number> {
  let undone = 0;
  while ((await applied(ds)) > 0) {
    await ds.undoLastMigration({ transaction: 'each' });
    undone += 1;
  }
  return undone;
}

async function applied(ds: DataSource): Promise<number> {
  return (await ds.query(`SELECT count(*)::int AS n FROM migrations`))[0].n;
}

async function publicTables(ds: DataSource): Promise<string[]> {
  const rows: { tablename: string }[] = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return rows.map((r) => r.tablename);
}

/** Columns, constraints and indexes of the given tables, one line each, as PostgreSQL itself prints them. */
async function describeTables(ds: DataSource, tables: string[]): Promise<string[]> {
  const columns: Record<string, string>[] = await ds.query(
    `
    SELECT table_name, column_name, udt_name, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ANY($1)`,
    [tables],
  );
  // contype 'n' (PostgreSQL 18 NOT NULL constraints) is already in is_nullable.
  const constraints: Record<string, string>[] = await ds.query(
    `
    SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace AND contype <> 'n' AND conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  const indexes: Record<string, string>[] = await ds.query(
    `
    SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1)`,
    [tables],
  );
  return [
    ...columns.map((c) => `column ${c.table_name}.${c.column_name} ${c.udt_name} nullable=${c.is_nullable} default=${c.column_default}`),
    ...constraints.map((c) => `constraint ${c.table_name} ${c.conname} ${c.definition}`),
    ...indexes.map((i) => `index ${i.indexdef}`),
  ].sort();
}

describe('entities and migrations agree', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  test('the schema builder finds nothing to change on a freshly migrated database', async () => {
    const sql = await app.dataSource.driver.createSchemaBuilder().log();
    const up = sql.upQueries.map((q) => q.query);
    if (up.length > 0) throw new Error(`the entities drift from the migrations; the schema builder would run:\n${up.join(';\n')}`);
    expect(up).toEqual([]);
  });

  // The schema builder compares checks, exclusions and indexes by name only,
  // so it cannot see a wrong expression: building the schema from the
  // entities alone and comparing catalogs can.
  test('synchronizing the entities into an empty database builds the migrated tables', async () => {
    const db = await createTestDatabase();
    const emptied = createDataSource({ url: db.url, poolSize: 1 });
    await emptied.initialize();
    let synchronized: DataSource | undefined;
    try {
      await undoAll(emptied);
      // A prerequisite of the exclusion constraints that entities cannot declare (the first migration creates it).
      await emptied.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
      synchronized = new DataSource({
        ...createDataSource({ url: db.url, poolSize: 1 }).options,
        migrations: [],
        synchronize: true,
      } as DataSourceOptions);
      await synchronized.initialize();

      const tables = app.dataSource.entityMetadatas.map((m) => m.tableName);
      const fromMigrations = await describeTables(app.dataSource, tables);
      const fromEntities = await describeTables(synchronized, tables);
      expect(fromEntities.filter((line) => !fromMigrations.includes(line))).toEqual([]);
      // Only what @Index cannot say: the entities declare these DESC, operator-class
      // and expression indexes with synchronize: false, so the migrations' definitions stand. (The audit
      // triggers are no table, column, constraint or index: TypeORM never sees them.)
      expect(fromMigrations.filter((line) => !fromEntities.includes(line)).sort()).toEqual([
        'index CREATE INDEX account_cluster_sizes_rank_idx ON public.account_cluster_sizes USING btree (free_members DESC, members DESC, cluster_id)',
        'index CREATE INDEX accounts_display_name_trgm_idx ON public.accounts USING gin (search_fold(display_name) gin_trgm_ops)',
        'index CREATE INDEX accounts_email_pattern_idx ON public.accounts USING btree (email text_pattern_ops)',
        'index CREATE INDEX audit_events_target_idx ON public.audit_events USING btree (target_id, sequence DESC)',
        'index CREATE INDEX catalog_entries_search_trgm_idx ON public.catalog_entries USING gin (search_text gin_trgm_ops)',
        'index CREATE INDEX industries_title_trgm_idx ON public.industries USING gin (search_fold(title) gin_trgm_ops)',
        'index CREATE INDEX organizations_legal_name_trgm_idx ON public.organizations USING gin (search_fold(legal_name) gin_trgm_ops)',
      ]);
    } finally {
      await synchronized?.destroy();
      await emptied.destroy();
      await db.drop();
    }
  });
});

test('every migration reverts: undone one by one they leave only the migrations table, and they apply again', async () => {
  const db = await createTestDatabase();
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const total = ds.migrations.length;
    expect(await applied(ds)).toBe(total);

    expect(await undoAll(ds)).toBe(total);
    expect(await publicTables(ds)).toEqual(['migrations']);

    const again = await ds.runMigrations({ transaction: 'each' });
    expect(again.map((m) => m.name).sort()).toEqual(ds.migrations.map((m) => m.name).sort());
    expect(await applied(ds)).toBe(total);
  } finally {
    await ds.destroy();
    await db.drop();
  }
});
