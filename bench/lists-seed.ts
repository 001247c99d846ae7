import { Client } from 'pg';

// Set-based seeding for the list benchmark and the plan test: N accounts with
// distinct creation times, varied (accented) names, a third with an
// organization's legal name, 1% suspended; reports, appeals and audit events
// in proportion; one account linked to many. Everything from generate_series.

const CHUNK = 100_000;
export const FIRST_NAMES = [
  'Ana',
  'Zoë',
  'José',
  'Renée',
  'Björn',
  'Chloé',
  'Élodie',
  'Luis',
  'Mia',
  'Noah',
  'Olivia',
  'Liam',
  'Søren',
  'Ines',
  'Raúl',
  'Hana',
  'Yusuf',
  'Marta',
  'Ivan',
  'Léa',
  'Omar',
  'Sara',
  'Tomás',
  'Emma',
  'Jonas',
  'Aoife',
  'Nikola',
  'Paula',
  'Kofi',
  'Ayşe',
  'Mateo',
  'Nora',
  'Felix',
  'Greta',
  'Hugo',
  'Iris',
  'Jakub',
  'Kai',
  'Lena',
  'Malik',
];
export const LAST_NAMES = [
  'García',
  'Müller',
  'Nuñez',
  'Dubois',
  'Smith',
  'Jansen',
  'Kowalski',
  'Rossi',
  'Silva',
  'Nguyen',
  'Öztürk',
  'Novák',
  'Larsen',
  'Okafor',
  'Marlowe',
  'Crane',
  'Haddad',
  'Ivanova',
  'Kim',
  'Lindqvist',
  'Moreau',
  'Petrović',
  'Quinn',
  'Rahman',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Weiß',
  'Young',
  'Zielinski',
  'Abbott',
  'Bauer',
  'Costa',
  'Dimitrov',
  'Eriksen',
  'Fontaine',
  'Gómez',
  'Horvat',
  'Ishikawa',
  'Jovanović',
  'Keller',
  'Lopez',
  'Meyer',
  'Nilsen',
  'Ortiz',
  'Papadopoulos',
  'Reyes',
  'Sánchez',
  'Thompson',
];
const COMPANY_WORDS = ['Acme', 'Récords', 'Sound', 'Harmonía', 'Studio', 'Label', 'Música', 'Beat', 'Echo', 'Groove'];

const lit = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]`;

/** The account number g's id, the same function the seed uses. */
export const seededId = (g: number | string) => `md5('list-' || ${g})::uuid`;

export async function seedLists(databaseUrl: string, accounts: number): Promise<void> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    // Secondary indexes are built once after the load, from their own definitions (as pg_restore does): much faster.
    const tables = ['accounts', 'organizations', 'reports', 'appeals', 'audit_events', 'suspensions', 'account_signals'];
    const { rows: indexes } = await c.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      [tables],
    );
    for (const i of indexes) await c.query(`DROP INDEX ${i.indexname}`);

    for (let lo = 0; lo < accounts; lo += CHUNK) {
      const hi = Math.min(accounts, lo + CHUNK) - 1;
      const id = seededId('g');
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO accounts (id, email, display_name, plan_code, created_at)
         SELECT ${id}, 'user' || g || '@' || (${lit(['example.com', 'mail.test', 'studio.example', 'label.test'])})[1 + g % 4],
                (${lit(FIRST_NAMES)})[1 + g % ${FIRST_NAMES.length}] || ' ' || (${lit(LAST_NAMES)})[1 + (g / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
                CASE WHEN g % 20 = 0 THEN 'enterprise' WHEN g % 4 = 1 THEN 'pro' ELSE 'free' END,
                timestamptz '2024-01-01 00:00:00Z' + g * interval '17 seconds' + (g % 997) * interval '1 microsecond'
           FROM generate_series($1::int, $2::int) g`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO organizations (account_id, kind, legal_name, jurisdiction)
         SELECT ${id}, 'COMPANY', (${lit(COMPANY_WORDS)})[1 + g % 10] || ' ' || (${lit(COMPANY_WORDS)})[1 + (g / 10) % 10] || ' ' || g || ' Ltd', 'US'
           FROM generate_series($1::int, $2::int) g WHERE g % 3 = 0`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO suspensions (account_id, clause, reason, starts_at, ends_at, created_by)
         SELECT ${id}, '9(d)', 'seeded', now() - interval '2 days', CASE WHEN g % 100 = 14 THEN now() - interval '1 day' END, 'seed'
           FROM generate_series($1::int, $2::int) g WHERE g % 100 IN (13, 14)`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO reports (subject_account_id, reporter_sub, reporter_role, clause, description, status, created_at,
                              resolution_note, resolved_by, resolved_at)
         SELECT ${id}, 'reporter-' || g, 'user', '9(a)', 'seeded',
                CASE WHEN g % 10 < 3 THEN 'OPEN' ELSE 'DISMISSED' END,
                timestamptz '2024-01-01 00:00:00Z' + g * interval '19 seconds',
                CASE WHEN g % 10 < 3 THEN NULL ELSE 'no' END, CASE WHEN g % 10 < 3 THEN NULL ELSE 'admin' END,
                CASE WHEN g % 10 < 3 THEN NULL ELSE now() END
           FROM generate_series($1::int, $2::int) g WHERE g % 5 = 0`,
        [lo, hi],
      );
      await c.query(
        `INSERT INTO appeals (suspension_id, account_id, statement, filed_by, status, created_at, decision_note, decided_by, decided_at)
         SELECT s.id, s.account_id, 'seeded', s.account_id::text, CASE WHEN g % 200 = 13 THEN 'PENDING' ELSE 'UPHELD' END,
                timestamptz '2024-01-01 00:00:00Z' + g * interval '23 seconds',
                CASE WHEN g % 200 = 13 THEN NULL ELSE 'no' END, CASE WHEN g % 200 = 13 THEN NULL ELSE 'admin' END,
                CASE WHEN g % 200 = 13 THEN NULL ELSE now() END
           FROM generate_series($1::int, $2::int) g JOIN suspensions s ON s.account_id = ${id} WHERE g % 100 = 13`,
        [lo, hi],
      );
      // One audit event per account (append-only allows inserts; the chain is not verified here).
      await c.query(
        `INSERT INTO audit_events (sequence, actor, actor_role, action, target_type, target_id, before, after, at, prev_hash, hash)
         SELECT g + 1, 'seed', 'service', (${lit(['account.create', 'policy.accept', 'organization.declare', 'account.change-plan', 'report.file'])})[1 + g % 5],
                'Account', (${id})::text, NULL, '{}'::jsonb, timestamptz '2024-01-01 00:00:00Z' + g * interval '17 seconds',
                md5('prev-' || g), md5('hash-' || g)
           FROM generate_series($1::int, $2::int) g`,
        [lo, hi],
      );
      await c.query('COMMIT');
    }
    // Account 0 shares a device with 500 others (each also its own email signal: that is no link).
    await c.query(
      `INSERT INTO account_signals (account_id, kind, value_hash)
       SELECT ${seededId('g')}, 'DEVICE_ID', encode(sha256(convert_to('shared-device', 'UTF8')), 'hex')
         FROM generate_series(0, LEAST($1::int - 1, 500)) g`,
      [accounts],
    );
    await c.query(
      `INSERT INTO account_signals (account_id, kind, value_hash)
       SELECT ${seededId('g')}, 'EMAIL', encode(sha256(convert_to('user' || g, 'UTF8')), 'hex')
         FROM generate_series(0, $1::int - 1) g`,
      [accounts],
    );
    for (const i of indexes) await c.query(i.indexdef);
    await c.query('VACUUM (ANALYZE)');
  } finally {
    await c.end();
  }
}
