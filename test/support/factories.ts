import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthorizationKind, OrganizationKind, ProhibitedSector, SignalKind } from '../../src/domain/enums';
import { AccountEntity, OrganizationEntity, SuspensionEntity } from '../../src/entities';
import { CREATE_ACCOUNT_SUMMARY } from './operations';
import { service, TestApp } from './test-app';

// Test data, made in one of three ways, each with its own names:
//   insert*  a row through the entity's repository; returns the entity. Bare:
//            an account without organization or policy acceptance.
//   seed* / add*  plain SQL for decision inputs; returns the id. seedAccount
//            is onboarded (an individual who accepted the initial policy).
//   createAccountThroughApi  the createAccount mutation, as a client would.
// Direct inserts are for records the API under test does not create (or
// cannot create, such as a suspension that started long ago).

export async function insertAccount(dataSource: DataSource, overrides: Partial<AccountEntity> = {}): Promise<AccountEntity> {
  const repo = dataSource.getRepository(AccountEntity);
  const row = repo.create({
    email: `user-${randomUUID()}@example.com`,
    displayName: 'Test Account',
    planCode: 'free',
    governmentVerified: null,
    governmentVerifiedBy: null,
    governmentVerifiedAt: null,
    governmentVerificationNote: null,
    ...overrides,
  });
  await repo.insert(row);
  return repo.findOneByOrFail({ id: row.id });
}

export async function insertOrganization(
  dataSource: DataSource,
  accountId: string,
  overrides: Partial<OrganizationEntity> = {},
): Promise<OrganizationEntity> {
  const repo = dataSource.getRepository(OrganizationEntity);
  const row = repo.create({
    accountId,
    kind: OrganizationKind.COMPANY,
    legalName: 'Test Company Ltd',
    jurisdiction: 'CA',
    naicsCode: '512110',
    declaredSectors: [],
    performsPublicFunctions: false,
    declaredAt: new Date(),
    ...overrides,
  });
  await repo.insert(row);
  return repo.findOneByOrFail({ accountId });
}

export async function insertSuspension(
  dataSource: DataSource,
  accountId: string,
  overrides: Partial<SuspensionEntity> = {},
): Promise<SuspensionEntity> {
  const repo = dataSource.getRepository(SuspensionEntity);
  const row = repo.create({
    accountId,
    clause: 'Enforcement',
    reason: 'Inserted by a test',
    startsAt: new Date(),
    endsAt: null,
    liftedAt: null,
    liftedBy: null,
    liftReason: null,
    createdBy: 'admin-1',
    ...overrides,
  });
  await repo.insert(row);
  return repo.findOneByOrFail({ id: row.id });
}

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

/** An account by SQL; by default a fully onboarded individual on the free plan who accepted the initial policy. */
export async function seedAccount(ds: DataSource, spec: AccountSpec = {}): Promise<string> {
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
  ds: DataSource,
  accountId: string,
  kind: AuthorizationKind,
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
  ds: DataSource,
  accountId: string,
  window: { startsAt?: Date; endsAt?: Date | null } = {},
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

/** A fresh account through the createAccount mutation, with a unique email; returns its id. */
export async function createAccountThroughApi(
  app: TestApp,
  over: { email?: string; displayName?: string; planCode?: string } = {},
): Promise<string> {
  const input = {
    email: over.email ?? `user-${randomUUID()}@example.com`,
    displayName: over.displayName ?? 'Someone',
    ...(over.planCode ? { planCode: over.planCode } : {}),
  };
  const r = await app.exec(service, CREATE_ACCOUNT_SUMMARY, { input });
  if (r.errors) throw new Error(`createAccount failed: ${JSON.stringify(r.errors)}`);
  return r.data!.createAccount.id;
}

/** @deprecated the old name of insertAccount; use insertAccount. */
export const makeAccount = insertAccount;
/** @deprecated the old name of insertOrganization. */
export const makeOrganization = insertOrganization;
/** @deprecated the old name of insertSuspension. */
export const makeSuspension = insertSuspension;
