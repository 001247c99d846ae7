import { MigrationInterface, QueryRunner } from 'typeorm';

// How many entries the catalog holds per kind, kept by statement triggers on
// catalog_entries: the catalog list's totalCount without counting ten million
// rows at every page. Set-based (transition tables), so a bulk import of
// millions of rows updates each kind's row once.
export class CatalogKindCounts1796000001200 implements MigrationInterface {
  name = 'CatalogKindCounts1796000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_kind_counts (
        kind text PRIMARY KEY,
        entries bigint NOT NULL CONSTRAINT catalog_kind_counts_entries_check CHECK (entries >= 0)
      )`);
    await q.query(`INSERT INTO catalog_kind_counts (kind, entries) SELECT kind, count(*) FROM catalog_entries GROUP BY kind`);
    await q.query(`
      CREATE FUNCTION catalog_kind_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO catalog_kind_counts AS c (kind, entries)
          SELECT kind, count(*) FROM new_rows GROUP BY kind
          ON CONFLICT (kind) DO UPDATE SET entries = c.entries + EXCLUDED.entries;
        END IF;
        IF TG_OP = 'DELETE' THEN
          UPDATE catalog_kind_counts c SET entries = c.entries - o.n
          FROM (SELECT kind, count(*) AS n FROM old_rows GROUP BY kind) o WHERE c.kind = o.kind;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER catalog_entries_count_insert AFTER INSERT ON catalog_entries
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_kind_counts_follow()`);
    // A kind is part of an entry's identity (and of the counts): an entry is removed and added, never re-kinded.
    await q.query(`
      CREATE FUNCTION catalog_entries_kind_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the kind of a catalog entry cannot change' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`CREATE TRIGGER catalog_entries_kind_fixed BEFORE UPDATE OF kind ON catalog_entries
      FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION catalog_entries_kind_fixed()`);
    await q.query(`CREATE TRIGGER catalog_entries_count_delete AFTER DELETE ON catalog_entries
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_kind_counts_follow()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER catalog_entries_count_delete ON catalog_entries`);
    await q.query(`DROP TRIGGER catalog_entries_kind_fixed ON catalog_entries`);
    await q.query(`DROP FUNCTION catalog_entries_kind_fixed()`);
    await q.query(`DROP TRIGGER catalog_entries_count_insert ON catalog_entries`);
    await q.query(`DROP FUNCTION catalog_kind_counts_follow()`);
    await q.query(`DROP TABLE catalog_kind_counts`);
  }
}
