import { MigrationInterface, QueryRunner } from 'typeorm';
import { catalogTextKey } from '../src/domain/screening/catalog-entry-rules';

const PAGE = 5000;

// Catalog entries of one kind are the same entry when their texts normalize
// alike (screening cannot tell "Ana Lux" from "ana  lux"), and the old
// UNIQUE (kind, text) could not even index a long lyric (btree rows stop at
// 2704 bytes). Identity becomes a SHA-256 of the normalized text, computed by
// the application: if normalization ever changes, a migration must recompute it.
//
// Each row also records the catalog version that added it, and removals leave
// a tombstone, so a process can apply just the changes since the version it
// holds instead of rebuilding its whole index.
export class CatalogNormalizedIdentity1795548986663 implements MigrationInterface {
  name = 'CatalogNormalizedIdentity1795548986663';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog_entries ADD COLUMN text_key bytea, ADD COLUMN added_version bigint`);
    await q.query(`UPDATE catalog_entries SET added_version = (SELECT version FROM catalog_state)`);
    for (let after = '0'; ;) {
      const rows: { id: string; text: string }[] = await q.query(
        `SELECT id, text FROM catalog_entries WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
        [after],
      );
      if (rows.length === 0) break;
      await q.query(
        `UPDATE catalog_entries c SET text_key = decode(u.key, 'hex')
         FROM unnest($1::bigint[], $2::text[]) AS u(id, key) WHERE c.id = u.id`,
        [rows.map((r) => r.id), rows.map((r) => catalogTextKey(r.text))],
      );
      after = rows[rows.length - 1].id;
    }
    // Rows that are now duplicates screen identically: keep the oldest.
    await q.query(`
      DELETE FROM catalog_entries c USING catalog_entries older
      WHERE older.kind = c.kind AND older.text_key = c.text_key AND older.id < c.id`);
    await q.query(`
      ALTER TABLE catalog_entries
        ALTER COLUMN text_key SET NOT NULL,
        ALTER COLUMN added_version SET NOT NULL,
        ADD CONSTRAINT catalog_entries_text_key_sha256 CHECK (octet_length(text_key) = 32),
        DROP CONSTRAINT catalog_entries_unique,
        ADD CONSTRAINT catalog_entries_normalized_unique UNIQUE (kind, text_key)`);
    await q.query(`CREATE INDEX catalog_entries_added_version_idx ON catalog_entries (added_version)`);
    await q.query(`CREATE INDEX catalog_entries_kind_id_idx ON catalog_entries (kind, id)`);
    await q.query(`
      CREATE TABLE catalog_removals (
        entry_id bigint PRIMARY KEY,
        version bigint NOT NULL,
        removed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX catalog_removals_version_idx ON catalog_removals (version)`);
  }

  // The old constraint comes back, so a row longer than a btree entry allows
  // (a long lyric) makes this fail: remove such rows first.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog_removals`);
    await q.query(`DROP INDEX catalog_entries_kind_id_idx`);
    await q.query(`DROP INDEX catalog_entries_added_version_idx`);
    await q.query(`
      ALTER TABLE catalog_entries
        DROP CONSTRAINT catalog_entries_normalized_unique,
        DROP CONSTRAINT catalog_entries_text_key_sha256,
        ADD CONSTRAINT catalog_entries_unique UNIQUE (kind, text),
        DROP COLUMN added_version,
        DROP COLUMN text_key`);
  }
}
