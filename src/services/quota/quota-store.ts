import type { Sql } from '../../infrastructure/sql';

/** What a lease took and the shared bucket after it, on the database's clock. */
export interface LeaseRow {
  granted: number;
  tatMs: number;
  nowMs: number;
}

const DB_NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::float8';

// Whole points the stored bucket holds, as remainingPoints() in src/domain/quota-bucket.ts
// ($2: ms per point, $3: the budget's points; EXCLUDED.seen_ms is the database's now).
const AVAILABLE = 'floor($3::float8 - GREATEST(0, b.tat_ms - EXCLUDED.seen_ms) / $2::float8 + 1e-6)';
const GRANT = `CASE WHEN ${AVAILABLE} >= $5::float8 THEN LEAST($4::float8, ${AVAILABLE}) ELSE 0 END`;

/**
 * lease() of src/domain/quota-bucket.ts in one atomic upsert: the row lock of
 * ON CONFLICT DO UPDATE makes concurrent leases of every process and node
 * take turns, so none is lost. A principal seen for the first time starts
 * with a full bucket. The database's clock is the one clock, so skewed
 * clocks between nodes cannot refill a bucket early.
 */
const LEASE = `
INSERT INTO quota_buckets AS b (principal, tat_ms, granted, seen_ms)
SELECT $1::text, n.ms + g.points * $2::float8, g.points, n.ms
FROM (SELECT ${DB_NOW_MS} AS ms) n,
     LATERAL (SELECT CASE WHEN $3::float8 >= $5::float8 THEN LEAST($4::float8, $3::float8) ELSE 0 END AS points) g
ON CONFLICT (principal) DO UPDATE SET
  granted = ${GRANT},
  tat_ms = GREATEST(b.tat_ms, EXCLUDED.seen_ms) + ${GRANT} * $2::float8,
  seen_ms = EXCLUDED.seen_ms
RETURNING granted, tat_ms, seen_ms`;

const GIVE_BACK = `
UPDATE quota_buckets b SET tat_ms = b.tat_ms - v.ms
FROM unnest($1::text[], $2::float8[]) AS v(principal, ms)
WHERE b.principal = v.principal`;

const READ = `SELECT b.tat_ms, ${DB_NOW_MS} AS now_ms FROM (SELECT 1) one LEFT JOIN quota_buckets b ON b.principal = $1`;

const BUDGET = `
SELECT (SELECT json_build_object('points', o.points, 'windowS', o.window_s) FROM quota_overrides o WHERE o.principal = $1) AS override,
       (SELECT a.plan_code FROM accounts a WHERE a.id = $2::uuid) AS plan`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shared buckets in PostgreSQL: the only state processes and nodes share. */
export class QuotaStore {
  constructor(private readonly sql: Sql) {}

  /** Takes up to `want` points (at least `min`, else none) from the principal's bucket. */
  async lease(principal: string, msPerPoint: number, points: number, want: number, min: number): Promise<LeaseRow> {
    const [row] = await this.sql.query<{ granted: number; tat_ms: number; seen_ms: number }>(LEASE, [
      principal,
      msPerPoint,
      points,
      Math.ceil(want),
      Math.ceil(min),
    ]);
    return { granted: Number(row.granted), tatMs: Number(row.tat_ms), nowMs: Number(row.seen_ms) };
  }

  /** Returns leased points nobody spent (as ms of the bucket's debt). */
  async giveBack(returns: ReadonlyArray<{ principal: string; ms: number }>): Promise<void> {
    if (returns.length === 0) return;
    await this.sql.query(GIVE_BACK, [returns.map((r) => r.principal), returns.map((r) => r.ms)]);
  }

  /** The stored bucket (null when the principal never spent) and the database's now. */
  async read(principal: string): Promise<{ tatMs: number | null; nowMs: number }> {
    const [row] = await this.sql.query<{ tat_ms: number | null; now_ms: number }>(READ, [principal]);
    return { tatMs: row.tat_ms === null ? null : Number(row.tat_ms), nowMs: Number(row.now_ms) };
  }

  /** An admin's override for the principal, and the plan of the account a user principal acts for. */
  async budgetFacts(
    principal: string,
    accountId: string | null,
  ): Promise<{ override: { points: number; windowS: number } | null; plan: string | null }> {
    const [row] = await this.sql.query<{ override: { points: number; windowS: number } | null; plan: string | null }>(BUDGET, [
      principal,
      accountId !== null && UUID.test(accountId) ? accountId : null,
    ]);
    return { override: row.override, plan: row.plan };
  }
}
