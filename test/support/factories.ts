import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrganizationKind } from '../../src/domain/enums';
import { AccountEntity, OrganizationEntity, SuspensionEntity } from '../../src/entities';

// Rows inserted directly, for tests that need records the API under test does
// not create (or cannot create, such as a suspension that started long ago).

export async function makeAccount(dataSource: DataSource, overrides: Partial<AccountEntity> = {}): Promise<AccountEntity> {
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

export async function makeOrganization(
  dataSource: DataSource, accountId: string, overrides: Partial<OrganizationEntity> = {},
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

export async function makeSuspension(
  dataSource: DataSource, accountId: string, overrides: Partial<SuspensionEntity> = {},
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
