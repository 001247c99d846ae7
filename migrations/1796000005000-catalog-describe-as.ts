import { MigrationInterface, QueryRunner } from 'typeorm';

// An admin's description of a catalog entry (describe_as: "glam rock with
// operatic vocals"), which a blocked prompt's suggested rewrite puts where
// the reference was. NULL: none, and the reference is only removed. Trimmed,
// 1 to 200 characters, one line. describe_as_version is the catalog version of
// the last change to it (NULL: never changed since the entry was added), so a
// process at version v re-reads exactly the descriptions that changed after v,
// without touching its index.
export class CatalogDescribeAs1796000005000 implements MigrationInterface {
  name = 'CatalogDescribeAs1796000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE catalog_entries
        ADD COLUMN describe_as text,
        ADD COLUMN describe_as_version bigint,
        ADD CONSTRAINT catalog_entries_describe_as_check CHECK (
          describe_as IS NULL OR (length(describe_as) BETWEEN 1 AND 200 AND describe_as = btrim(describe_as) AND describe_as !~ '[[:cntrl:]]'))`);
    await q.query(`
      CREATE INDEX catalog_entries_describe_as_version_idx ON catalog_entries (describe_as_version)
      WHERE describe_as_version IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog_entries_describe_as_version_idx`);
    await q.query(`
      ALTER TABLE catalog_entries
        DROP CONSTRAINT catalog_entries_describe_as_check,
        DROP COLUMN describe_as_version,
        DROP COLUMN describe_as`);
  }
}
