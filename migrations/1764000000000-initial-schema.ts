import { MigrationInterface, QueryRunner } from 'typeorm';

// The whole domain as the contract describes it. Enumerations are text with
// CHECK constraints so that adding a value is a one-line migration.
const SECTORS = `'FIREARMS_OR_WEAPONS','TOBACCO','PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES','ADULT_ENTERTAINMENT','RELIGIOUS_ORGANIZATION','POLITICAL_ADVOCACY'`;
const ORG_KINDS = `'INDIVIDUAL','COMPANY','NONPROFIT','GOVERNMENT_BODY','INTERGOVERNMENTAL_ORGANIZATION','GOVERNMENT_OWNED_CORPORATION'`;
const AUTH_KINDS = `'API_ACCESS','RESALE','EMBEDDING','GOVERNMENT_USE','REVERSE_ENGINEERING','PROFESSIONAL_REVIEW'`;
const CATALOG_KINDS = `'ARTIST','SONGWRITER','SONG_TITLE','ALBUM_TITLE','PUBLISHER','LABEL','LYRICS'`;
const SIGNAL_KINDS = `'EMAIL','PAYMENT_FINGERPRINT','DEVICE_ID','IP_ADDRESS'`;

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE plans (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{0,31}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        commercial_use boolean NOT NULL
      )`);

    await q.query(`
      CREATE TABLE industries (
        code text PRIMARY KEY CHECK (code ~ '^([0-9]{2}(-[0-9]{2})?|[0-9]{3,6})$'),
        title text NOT NULL,
        parent_code text REFERENCES industries(code),
        prohibited_sector text CHECK (prohibited_sector IN (${SECTORS})),
        government_sector boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX industries_parent_idx ON industries (parent_code)`);

    await q.query(`
      CREATE TABLE policy_clauses (
        clause text PRIMARY KEY,
        title text NOT NULL,
        position integer NOT NULL UNIQUE
      )`);

    await q.query(`
      CREATE TABLE policy_versions (
        version text PRIMARY KEY CHECK (length(version) BETWEEN 1 AND 50),
        published_at timestamptz NOT NULL,
        effective_at timestamptz NOT NULL,
        significant boolean NOT NULL,
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
        published_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX policy_versions_effective_idx ON policy_versions (effective_at)`);

    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        plan_code text NOT NULL REFERENCES plans(code),
        government_verified boolean,
        government_verified_by text,
        government_verified_at timestamptz,
        government_verification_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_email_key UNIQUE (email),
        CONSTRAINT accounts_government_verification_complete CHECK (
          (government_verified IS NULL) = (government_verified_at IS NULL)
        )
      )`);
    await q.query(`CREATE INDEX accounts_plan_idx ON accounts (plan_code)`);

    await q.query(`
      CREATE TABLE organizations (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${ORG_KINDS})),
        legal_name text CHECK (length(legal_name) BETWEEN 1 AND 200),
        jurisdiction text CHECK (jurisdiction ~ '^[A-Z]{2}$'),
        naics_code text REFERENCES industries(code),
        declared_sectors text[] NOT NULL DEFAULT '{}' CHECK (declared_sectors <@ ARRAY[${SECTORS}]::text[]),
        performs_public_functions boolean NOT NULL DEFAULT false,
        declared_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE policy_acceptances (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        version text NOT NULL REFERENCES policy_versions(version),
        accepted_at timestamptz NOT NULL DEFAULT now(),
        accepted_by text NOT NULL,
        CONSTRAINT policy_acceptances_once UNIQUE (account_id, version)
      )`);

    // Two unrevoked authorizations of one kind may not overlap in time.
    await q.query(`
      CREATE TABLE authorizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${AUTH_KINDS})),
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
        note text CHECK (length(note) <= 2000),
        valid_from timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        revoked_by text,
        revoke_reason text,
        granted_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT authorizations_interval CHECK (expires_at IS NULL OR expires_at > valid_from),
        CONSTRAINT authorizations_revocation_complete CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
        CONSTRAINT authorizations_no_overlap EXCLUDE USING gist (
          account_id WITH =, kind WITH =, tstzrange(valid_from, expires_at, '[)') WITH &&
        ) WHERE (revoked_at IS NULL)
      )`);

    await q.query(`CREATE INDEX authorizations_account_idx ON authorizations (account_id)`);

    // One suspension at a time per account: effective intervals never overlap.
    await q.query(`
      CREATE TABLE suspensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        clause text NOT NULL REFERENCES policy_clauses(clause),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        lifted_at timestamptz,
        lifted_by text,
        lift_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT suspensions_interval CHECK (ends_at IS NULL OR ends_at > starts_at),
        CONSTRAINT suspensions_lift_complete CHECK ((lifted_at IS NULL) = (lifted_by IS NULL)),
        CONSTRAINT suspensions_lift_after_start CHECK (lifted_at IS NULL OR lifted_at >= starts_at),
        CONSTRAINT suspensions_no_overlap EXCLUDE USING gist (
          account_id WITH =,
          tstzrange(starts_at, LEAST(ends_at, lifted_at), '[)') WITH &&
        )
      )`);

    await q.query(`CREATE INDEX suspensions_account_idx ON suspensions (account_id)`);

    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        reporter_sub text NOT NULL,
        reporter_role text NOT NULL,
        clause text NOT NULL REFERENCES policy_clauses(clause),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACTION_TAKEN','DISMISSED')),
        resolution_note text,
        resolved_by text,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reports_resolution_complete CHECK ((status = 'OPEN') = (resolved_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX reports_one_open_per_reporter ON reports (reporter_sub, subject_account_id, clause) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX reports_subject_idx ON reports (subject_account_id)`);
    await q.query(`CREATE INDEX reports_status_created_idx ON reports (status, created_at)`);

    await q.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        suspension_id uuid NOT NULL REFERENCES suspensions(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        statement text NOT NULL CHECK (length(statement) BETWEEN 1 AND 2000),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','UPHELD','OVERTURNED')),
        filed_by text NOT NULL,
        decision_note text,
        decided_by text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT appeals_decision_complete CHECK ((status = 'PENDING') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX appeals_one_pending_per_suspension ON appeals (suspension_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX appeals_suspension_idx ON appeals (suspension_id)`);
    await q.query(`CREATE INDEX appeals_status_created_idx ON appeals (status, created_at)`);

    // Hash-chained and append-only: the trigger refuses any rewrite of history.
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        sequence integer NOT NULL UNIQUE CHECK (sequence > 0),
        actor text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX audit_events_target_idx ON audit_events (target_id, sequence DESC)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`
      CREATE TABLE catalog_entries (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN (${CATALOG_KINDS})),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT catalog_entries_unique UNIQUE (kind, text)
      )`);
    // A monotonic version lets every process know when its automaton is stale.
    await q.query(`
      CREATE TABLE catalog_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO catalog_state (id, version) VALUES (true, 0)`);

    await q.query(`
      CREATE TABLE account_signals (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${SIGNAL_KINDS})),
        value_hash text NOT NULL CHECK (value_hash ~ '^[0-9a-f]{64}$'),
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, kind, value_hash)
      )`);
    await q.query(`CREATE INDEX account_signals_lookup_idx ON account_signals (kind, value_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'account_signals',
      'catalog_state',
      'catalog_entries',
      'audit_events',
      'appeals',
      'reports',
      'suspensions',
      'authorizations',
      'policy_acceptances',
      'organizations',
      'accounts',
      'policy_versions',
      'policy_clauses',
      'industries',
      'plans',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_events_append_only()`);
  }
}
