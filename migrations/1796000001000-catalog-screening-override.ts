import { MigrationInterface, QueryRunner } from 'typeorm';

// An admin can force how screening treats one catalog entry: ALWAYS (a match
// blocks wherever it appears), AUTO (the screening rules decide) or NEVER (the
// entry never blocks). override_version is the catalog version of the last
// override change (NULL: never changed since the entry was added), so a
// process at version v re-reads exactly the entries whose override changed
// after v, next to the rows added after v.
export class CatalogScreeningOverride1796000001000 implements MigrationInterface {
  name = 'CatalogScreeningOverride1796000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE catalog_entries
        ADD COLUMN screening_override text NOT NULL DEFAULT 'AUTO',
        ADD COLUMN override_version bigint,
        ADD CONSTRAINT catalog_entries_screening_override_check CHECK (screening_override IN ('ALWAYS','AUTO','NEVER'))`);
    await q.query(`
      CREATE INDEX catalog_entries_override_version_idx ON catalog_entries (override_version)
      WHERE override_version IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog_entries_override_version_idx`);
    await q.query(`
      ALTER TABLE catalog_entries
        DROP CONSTRAINT catalog_entries_screening_override_check,
        DROP COLUMN override_version,
        DROP COLUMN screening_override`);
  }
}
