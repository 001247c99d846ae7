import { DataSource, EntityManager, In } from 'typeorm';
import { isUuid } from '../../domain/ids';
import { MAX_DISPLAY_NAME_LENGTH, isValidEmail, normalizeEmail } from '../../domain/onboarding';
import { AccountEntity } from '../../entities';
import { PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode, refuse } from '../../errors';
import { Actor } from '../shared/actor';
import { FieldErrors } from '../shared/field-errors';
import { requireAccount } from '../shared/records';
import { ReferenceService } from '../policy/reference.service';
import { SignalService } from './signal.service';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { AccountAudit } from '../../domain/audit-actions';

export const DEFAULT_PLAN = 'free';

export interface NewAccount {
  email: string;
  displayName: string;
  planCode?: string | null;
}

/** What the audit log keeps of an account. */
export function accountSnapshot(a: AccountEntity): AccountAudit {
  return { id: a.id, email: a.email, displayName: a.displayName, planCode: a.planCode };
}

/** Accounts and their plans. */
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly reference: ReferenceService,
    private readonly signals: SignalService,
  ) {}

  /** The accounts among these ids; ids that are not UUIDs are skipped. */
  findMany(ids: readonly string[]): Promise<AccountEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(AccountEntity).findBy({ id: In(valid) });
  }

  /**
   * Creates an account. Two requests with the same email may race: the unique
   * constraint decides, and the loser gets CONFLICT. The address is also the
   * account's first EMAIL signal (9(n)), recorded in the same transaction, so
   * a suspended user signing up again with the same mailbox is linked at once.
   */
  async create(actor: Actor, input: NewAccount): Promise<AccountEntity> {
    const problems = new FieldErrors();
    const email = normalizeEmail(input.email);
    if (!isValidEmail(email)) problems.add('email', 'email must be a valid email address');
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > MAX_DISPLAY_NAME_LENGTH) {
      problems.add('displayName', `displayName must be 1 to ${MAX_DISPLAY_NAME_LENGTH} characters after trimming`);
    }
    const planCode = (input.planCode ?? DEFAULT_PLAN).trim();
    const unknownPlan = !(await this.reference.findPlan(planCode));
    if (unknownPlan) problems.add('planCode', `Unknown plan "${planCode}"`);
    // An unknown plan alone gets the same reason as in changePlan; with other bad fields, INVALID_FIELDS names them all.
    problems.throwIfAny(unknownPlan && problems.size === 1 ? 'UNKNOWN_PLAN' : undefined);
    const emailSignal = this.signals.emailSignal(email);

    return this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(AccountEntity);
      let id: string;
      try {
        const result = await repo.insert({ email, displayName, planCode });
        id = result.identifiers[0].id;
      } catch (error) {
        throw this.translate(error, planCode);
      }
      const account = await repo.findOneByOrFail({ id });
      uow.record({ action: 'account.create', targetType: 'Account', targetId: id, before: null, after: accountSnapshot(account) });
      uow.touchAccounts(id);
      // The account.create event already says which address it is; no second event.
      await this.signals.recordIn(uow, id, [emailSignal], { audit: false });
      return account;
    });
  }

  /** Moves an account to another plan; the same plan again changes nothing and records nothing. */
  async changePlan(actor: Actor, accountId: string, rawPlanCode: string): Promise<AccountEntity> {
    const planCode = rawPlanCode.trim();
    return this.transactions.run(actor, async (uow) => {
      const account = await requireAccount(uow.manager, accountId, { lock: true });
      if (!(await this.reference.findPlan(planCode))) throw refuse('UNKNOWN_PLAN', `Unknown plan "${planCode}"`, { field: 'planCode' });
      if (account.planCode === planCode) return account;
      const before = accountSnapshot(account);
      try {
        await uow.manager.getRepository(AccountEntity).update({ id: account.id }, { planCode });
      } catch (error) {
        throw this.translate(error, planCode);
      }
      const after = await this.reload(uow.manager, account.id);
      uow.record({ action: 'account.change-plan', targetType: 'Account', targetId: account.id, before, after: accountSnapshot(after) });
      uow.touchAccounts(account.id);
      return after;
    });
  }

  private reload(manager: EntityManager, id: string): Promise<AccountEntity> {
    return manager.getRepository(AccountEntity).findOneByOrFail({ id });
  }

  private translate(error: unknown, planCode: string): unknown {
    const code = pgErrorCode(error);
    if (code === PG_UNIQUE_VIOLATION) return refuse('EMAIL_TAKEN', 'An account with this email already exists');
    // Plans change only by migration, but one could be removed between the check and the write.
    if (code === PG_FOREIGN_KEY_VIOLATION) return refuse('UNKNOWN_PLAN', `Unknown plan "${planCode}"`, { field: 'planCode' });
    return error;
  }
}
