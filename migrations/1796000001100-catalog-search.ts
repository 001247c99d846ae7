import { MigrationInterface, QueryRunner } from 'typeorm';
import { normalizeText } from '../src/domain/screening/normalize';

const PAGE = 5000;

// Admins search the catalog by any part of a name, in any case and with or
// without accents. search_text holds the entry's normalized text (the
// application's normalizeText, the same folding screening uses: lowercase, no
// diacritics, punctuation as single spaces); a trigram index makes a
// substring search an index scan even at ten million entries. If
// normalization ever changes, a migration must recompute the column.
export class CatalogSearch1796000001100 implements MigrationInterface {
  name = 'CatalogSearch1796000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`ALTER TABLE catalog_entries ADD COLUMN search_text text`);
    for (let after = '0'; ;) {
      const rows: { id: string; text: string }[] = await q.query(
        `SELECT id, text FROM catalog_entries WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
        [after],
      );
      if (rows.length === 0) break;
      await q.query(
        `UPDATE catalog_entries c SET search_text = u.search_text
         FROM unnest($1::bigint[], $2::text[]) AS u(id, search_text) WHERE c.id = u.id`,
        [rows.map((r) => r.id), rows.map((r) => normalizeText(r.text))],
      );
      after = rows[rows.length - 1].id;
    }
    await q.query(`ALTER TABLE catalog_entries ALTER COLUMN search_text SET NOT NULL`);
    await q.query(`CREATE INDEX catalog_entries_search_trgm_idx ON catalog_entries USING gin (search_text gin_trgm_ops)`);
  }

  // pg_trgm stays: other tables' indexes may use it too.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog_entries_search_trgm_idx`);
    await q.query(`ALTER TABLE catalog_entries DROP COLUMN search_text`);
  }
}
