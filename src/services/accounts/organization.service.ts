import countries from 'i18n-iso-countries';
import { DataSource, In, Repository } from 'typeorm';
import { OrganizationKind, ProhibitedSector } from '../../domain/enums';
import { AccountEntity, IndustryEntity, OrganizationEntity } from '../../entities';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode, refuse } from '../../errors';
import { Actor } from '../shared/actor';
import { FieldErrors } from '../shared/field-errors';
import { requireAccount } from '../shared/records';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { OrganizationAudit } from '../../domain/audit-actions';

const MAX_LEGAL_NAME_LENGTH = 200;
const NAICS_CODE = /^([0-9]{2}(-[0-9]{2})?|[0-9]{3,6})$/;

export interface OrganizationDeclaration {
  kind: OrganizationKind;
  legalName?: string | null;
  jurisdiction?: string | null;
  naicsCode?: string | null;
  declaredSectors?: ProhibitedSector[] | null;
  performsPublicFunctions?: boolean | null;
}

type Declared = Omit<OrganizationEntity, 'account' | 'industry' | 'declaredAt'>;

/** What the audit log keeps of a declaration. */
function organizationSnapshot(o: Declared & { declaredAt?: Date }): OrganizationAudit {
  return {
    kind: o.kind,
    legalName: o.legalName,
    jurisdiction: o.jurisdiction,
    naicsCode: o.naicsCode,
    declaredSectors: o.declaredSectors,
    performsPublicFunctions: o.performsPublicFunctions,
    ...(o.declaredAt ? { declaredAt: o.declaredAt } : {}),
  };
}

/** An optional text: blank means "not given". */
function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Validates the parts that need no database; the industry is checked inside the transaction. */
function normalize(accountId: string, input: OrganizationDeclaration): Declared {
  const problems = new FieldErrors();
  const legalName = optional(input.legalName);
  if (legalName !== null && legalName.length > MAX_LEGAL_NAME_LENGTH) {
    problems.add('legalName', `legalName must be at most ${MAX_LEGAL_NAME_LENGTH} characters`);
  }
  const jurisdiction = optional(input.jurisdiction)?.toUpperCase() ?? null;
  // The package also knows alpha-3 and numeric codes: only a two-letter code that it lists passes.
  if (jurisdiction !== null && !(/^[A-Z]{2}$/.test(jurisdiction) && countries.isValid(jurisdiction))) {
    problems.add('jurisdiction', `"${jurisdiction}" is not an ISO 3166-1 alpha-2 country code`);
  }
  problems.throwIfAny();
  return {
    accountId,
    kind: input.kind,
    legalName,
    jurisdiction,
    naicsCode: optional(input.naicsCode),
    declaredSectors: [...new Set(input.declaredSectors ?? [])].sort(),
    performsPublicFunctions: input.performsPublicFunctions ?? false,
  };
}

/** What an account declares about the organization behind it. */
export class OrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock = systemClock(),
  ) {}

  /**
   * Records a declaration, replacing the previous one; the audit event keeps
   * both. The account row is locked so concurrent declarations take turns and
   * each event's `before` is the declaration it replaced.
   */
  async declare(actor: Actor, accountId: string, input: OrganizationDeclaration): Promise<AccountEntity> {
    const declared = normalize(accountId, input);
    return this.transactions.run(actor, async (uow) => {
      const account = await requireAccount(uow.manager, accountId, { lock: true });
      if (declared.naicsCode !== null) await this.requireIndustry(uow.manager.getRepository(IndustryEntity), declared.naicsCode);
      const repo = uow.manager.getRepository(OrganizationEntity);
      const previous = await repo.findOneBy({ accountId: account.id });
      try {
        await repo.upsert({ ...declared, declaredAt: this.clock.now() }, ['accountId']);
      } catch (error) {
        if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) throw unknownIndustry(declared.naicsCode);
        throw error;
      }
      const saved = await repo.findOneByOrFail({ accountId: account.id });
      uow.record({
        action: 'organization.declare',
        targetType: 'Account',
        targetId: account.id,
        before: previous ? organizationSnapshot(previous) : null,
        after: organizationSnapshot(saved),
      });
      uow.touchAccounts(account.id);
      return account;
    });
  }

  /** The declarations of some accounts, with their industries; accounts without one are absent. */
  forAccounts(accountIds: readonly string[]): Promise<OrganizationEntity[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OrganizationEntity).find({
      where: { accountId: In([...accountIds]) },
      relations: { industry: true },
    });
  }

  private async requireIndustry(repo: Repository<IndustryEntity>, code: string): Promise<void> {
    const found = NAICS_CODE.test(code) && (await repo.exists({ where: { code } }));
    if (!found) throw unknownIndustry(code);
  }
}

function unknownIndustry(code: string | null) {
  return refuse('UNKNOWN_INDUSTRY', `Unknown industry: NAICS code "${code}" is not in the NAICS 2017 classification`, {
    field: 'naicsCode',
    naicsCode: code,
  });
}
