import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthorizationKind, OrganizationKind, ProhibitedSector, SignalKind } from '../../src/domain/enums';

// Direct SQL builders for decision inputs, so tests can set up any state
// without going through the mutations under test elsewhere.

export interface AccountSpec {
  plan?: string;
  email?: string;
  organization?: {
    kind?: OrganizationKind;
    naicsCode?: string | null;
    declaredSectors?: ProhibitedSector[];
    performsPublicFunctions?: boolean;
  } | null;
  acceptedVersions?: string[];
  governmentVerified?: boolean | null;
}

/** An account; by default a fully onboarded individual on the free plan who accepted the initial policy. */
export async function makeAccount(ds: DataSource, spec: AccountSpec = {}): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO accounts (id, email, display_name, plan_code, government_verified, government_verified_by, government_verified_at)
     VALUES ($1, $2, 'Test account', $3, $4::boolean, CASE WHEN $4::boolean IS NULL THEN NULL ELSE 'admin-0' END,
             CASE WHEN $4::boolean IS NULL THEN NULL ELSE now() END)`,
    [id, spec.email ?? `${id}@example.test`, spec.plan ?? 'free', spec.governmentVerified ?? null],
  );
  const org = spec.organization === undefined ? { kind: OrganizationKind.INDIVIDUAL } : spec.organization;
  if (org !== null) {
    await ds.query(
      `INSERT INTO organizations (account_id, kind, naics_code, declared_sectors, performs_public_functions)
       VALUES ($1, $2, $3, $4, $5)`,
      [id, org.kind ?? OrganizationKind.INDIVIDUAL, org.naicsCode ?? null, org.declaredSectors ?? [], org.performsPublicFunctions ?? false],
    );
  }
  for (const version of spec.acceptedVersions ?? ['2026-01-19']) {
    await ds.query(`INSERT INTO policy_acceptances (account_id, version, accepted_by) VALUES ($1, $2, 'test')`, [id, version]);
  }
  return id;
}

export async function addAuthorization(
  ds: DataSource, accountId: string, kind: AuthorizationKind,
  window: { validFrom?: Date; expiresAt?: Date | null; revokedAt?: Date | null } = {},
): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO authorizations (account_id, kind, reference, valid_from, expires_at, revoked_at, revoked_by, granted_by)
     VALUES ($1, $2, 'DOC-1', $3, $4, $5::timestamptz, CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE 'admin-0' END, 'admin-0') RETURNING id`,
    [accountId, kind, window.validFrom ?? new Date(Date.now() - 60_000), window.expiresAt ?? null, window.revokedAt ?? null],
  );
  return row.id;
}

export async function addSuspension(
  ds: DataSource, accountId: string, window: { startsAt?: Date; endsAt?: Date | null } = {},
): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO suspensions (account_id, clause, reason, starts_at, ends_at, created_by)
     VALUES ($1, 'Enforcement', 'test', $2, $3, 'admin-0') RETURNING id`,
    [accountId, window.startsAt ?? new Date(Date.now() - 60_000), window.endsAt ?? null],
  );
  return row.id;
}

export async function addSignal(ds: DataSource, accountId: string, kind: SignalKind, valueHash: string): Promise<void> {
  await ds.query(`INSERT INTO account_signals (account_id, kind, value_hash) VALUES ($1, $2, $3)`, [accountId, kind, valueHash]);
}

export async function addPolicyVersion(ds: DataSource, version: string, effectiveAt: Date, significant = true): Promise<void> {
  await ds.query(
    `INSERT INTO policy_versions (version, published_at, effective_at, significant, summary, published_by)
     VALUES ($1, now(), $2, $3, 'test version', 'admin-0')`,
    [version, effectiveAt, significant],
  );
}
