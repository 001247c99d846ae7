import { Client } from 'pg';

const CHUNK = 100_000;

/**
 * Seeds accounts numbered [from, to) with a realistic mix, entirely in SQL
 * (generate_series), so a million accounts take seconds, not hours. Ids are
 * derived from the number, so every table can be filled set-wise.
 */
export async function seedAccounts(databaseUrl: string, from: number, to: number): Promise<void> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    for (let lo = from; lo < to; lo += CHUNK) {
      const hi = Math.min(to, lo + CHUNK) - 1;
      const id = `md5('bench-' || g)::uuid`;
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO accounts (id, email, display_name, plan_code)
         SELECT ${id}, 'bench-' || g || '@example.test', 'Bench ' || g, (ARRAY['free','free','pro','enterprise'])[1 + g % 4]
           FROM generate_series($1::int, $2::int) g`,
        [lo, hi],
      );
      // 90% declared: individuals, companies in ordinary industries, a few prohibited or governmental.
      await c.query(
        `INSERT INTO organizations (account_id, kind, naics_code, declared_sectors, performs_public_functions)
         SELECT ${id},
                CASE WHEN g % 200 = 7 THEN 'GOVERNMENT_BODY' WHEN g % 3 = 0 THEN 'INDIVIDUAL' ELSE 'COMPANY' END,
                CASE WHEN g % 200 = 7 THEN '921110' WHEN g % 100 = 5 THEN '332994' WHEN g % 3 = 0 THEN NULL
                     ELSE (ARRAY['512110','541511','711130','512230','519130','541810'])[1 + g % 6] END,
                CASE WHEN g % 500 = 11 THEN ARRAY['ADULT_ENTERTAINMENT'] ELSE '{}'::text[] END,
                false
           FROM generate_series($1::int, $2::int) g WHERE g % 10 <> 9`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO policy_acceptances (account_id, version, accepted_by)
         SELECT ${id}, '2026-01-19', 'seed' FROM generate_series($1::int, $2::int) g WHERE g % 20 <> 3`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO authorizations (account_id, kind, reference, valid_from, expires_at, granted_by)
         SELECT ${id}, 'API_ACCESS', 'SEED-' || g, now() - interval '10 days', now() + interval '300 days', 'seed'
           FROM generate_series($1::int, $2::int) g WHERE g % 20 = 1`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO suspensions (account_id, clause, reason, starts_at, created_by)
         SELECT ${id}, '9(d)', 'seeded', now() - interval '1 day', 'seed'
           FROM generate_series($1::int, $2::int) g WHERE g % 100 = 13`,
        [lo, hi],
      );
      // Every account's email is a signal; one in ten shares a card with two others.
      await c.query(
        `INSERT INTO account_signals (account_id, kind, value_hash)
         SELECT ${id}, 'EMAIL', encode(sha256(convert_to('bench-' || g || '@example.test', 'UTF8')), 'hex')
           FROM generate_series($1::int, $2::int) g`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO account_signals (account_id, kind, value_hash)
         SELECT ${id}, 'PAYMENT_FINGERPRINT', encode(sha256(convert_to('card-' || (g / 3), 'UTF8')), 'hex')
           FROM generate_series($1::int, $2::int) g WHERE (g / 3) % 10 = 4`,
        [lo, hi],
      );
      await c.query('COMMIT');
    }
    // Vacuumed now, so autovacuum does not wake up in the middle of a measurement.
    await c.query('VACUUM (ANALYZE)');
  } finally {
    await c.end();
  }
}
