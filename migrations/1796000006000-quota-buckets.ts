import { MigrationInterface, QueryRunner } from 'typeorm';

// Request budgets shared by every process: one GCRA theoretical arrival time
// per principal (src/domain/quota-bucket.ts), moved by one atomic upsert per
// lease, and the budgets admins set by hand. The buckets are UNLOGGED: they are
// rewritten all the time, and after a crash every principal simply starts
// with a full bucket, which costs less than writing each lease to the WAL.
export class QuotaBuckets1796000006000 implements MigrationInterface {
  name = 'QuotaBuckets1796000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE UNLOGGED TABLE "quota_buckets" ("principal" text NOT NULL, "tat_ms" double precision NOT NULL, "granted" integer NOT NULL, "seen_ms" double precision NOT NULL, CONSTRAINT "quota_buckets_pkey" PRIMARY KEY ("principal"))',
    );
    await q.query(
      'CREATE TABLE "quota_overrides" ("principal" text NOT NULL, "points" integer NOT NULL, "window_s" integer NOT NULL, "note" text NOT NULL, "set_by" text NOT NULL, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "quota_overrides_points_check" CHECK (points > 0), CONSTRAINT "quota_overrides_window_s_check" CHECK (window_s BETWEEN 1 AND 86400), CONSTRAINT "quota_overrides_note_check" CHECK (length(note) <= 500), CONSTRAINT "quota_overrides_pkey" PRIMARY KEY ("principal"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "quota_overrides"');
    await q.query('DROP TABLE "quota_buckets"');
  }
}
