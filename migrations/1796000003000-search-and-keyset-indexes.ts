import { MigrationInterface, QueryRunner } from 'typeorm';

// Search and paging for the admin lists (every list an index scan at
// 1,000,000 accounts, and page 1,000 as cheap as page 1):
// - search_fold(text): lower(unaccent(text)). unaccent() is only STABLE (its
//   dictionary could change), so an index cannot use it directly; the
//   two-argument form with a fixed dictionary, wrapped in an IMMUTABLE
//   function, can be indexed. Queries must call search_fold too.
// - trigram GIN indexes (pg_trgm) on folded names: substring LIKE '%...%'.
// - email prefix: btree with text_pattern_ops (LIKE 'abc%' whatever the collation).
// - keyset orders end in the id, so every key is unique and its index has it.
export class SearchAndKeysetIndexes1796000003000 implements MigrationInterface {
  name = 'SearchAndKeysetIndexes1796000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE FUNCTION search_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);

    await q.query(`CREATE INDEX accounts_created_idx ON accounts (created_at, id)`);
    await q.query(`DROP INDEX accounts_plan_idx`);
    await q.query(`CREATE INDEX accounts_plan_idx ON accounts (plan_code, created_at, id)`);
    await q.query(`CREATE INDEX accounts_email_pattern_idx ON accounts (email text_pattern_ops)`);
    await q.query(`CREATE INDEX accounts_display_name_trgm_idx ON accounts USING gin (search_fold(display_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX organizations_legal_name_trgm_idx ON organizations USING gin (search_fold(legal_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX industries_title_trgm_idx ON industries USING gin (search_fold(title) gin_trgm_ops)`);

    await q.query(`CREATE INDEX reports_created_idx ON reports (created_at, id)`);
    await q.query(`DROP INDEX reports_status_created_idx`);
    await q.query(`CREATE INDEX reports_status_created_idx ON reports (status, created_at, id)`);
    await q.query(`DROP INDEX reports_subject_idx`);
    await q.query(`CREATE INDEX reports_subject_idx ON reports (subject_account_id, created_at, id)`);

    await q.query(`CREATE INDEX appeals_created_idx ON appeals (created_at, id)`);
    await q.query(`DROP INDEX appeals_status_created_idx`);
    await q.query(`CREATE INDEX appeals_status_created_idx ON appeals (status, created_at, id)`);

    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, sequence)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_action_idx`);
    await q.query(`DROP INDEX appeals_status_created_idx`);
    await q.query(`CREATE INDEX appeals_status_created_idx ON appeals (status, created_at)`);
    await q.query(`DROP INDEX appeals_created_idx`);
    await q.query(`DROP INDEX reports_subject_idx`);
    await q.query(`CREATE INDEX reports_subject_idx ON reports (subject_account_id)`);
    await q.query(`DROP INDEX reports_status_created_idx`);
    await q.query(`CREATE INDEX reports_status_created_idx ON reports (status, created_at)`);
    await q.query(`DROP INDEX reports_created_idx`);
    await q.query(`DROP INDEX industries_title_trgm_idx`);
    await q.query(`DROP INDEX organizations_legal_name_trgm_idx`);
    await q.query(`DROP INDEX accounts_display_name_trgm_idx`);
    await q.query(`DROP INDEX accounts_email_pattern_idx`);
    await q.query(`DROP INDEX accounts_plan_idx`);
    await q.query(`CREATE INDEX accounts_plan_idx ON accounts (plan_code)`);
    await q.query(`DROP INDEX accounts_created_idx`);
    await q.query(`DROP FUNCTION search_fold(text)`);
    // The extensions stay: other objects may use them, and they hold no data.
  }
}
