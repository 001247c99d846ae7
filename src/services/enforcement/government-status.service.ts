import { AccountEntity } from '../../entities';
import { Actor } from '../shared/actor';
import { requireAccount } from '../shared/records';
import { requireText } from '../shared/text-input';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { GovernmentStatusAudit } from '../../domain/audit-actions';

const MAX_NOTE = 2000;

function auditView(a: AccountEntity): GovernmentStatusAudit {
  return {
    governmentVerified: a.governmentVerified,
    governmentVerifiedBy: a.governmentVerifiedBy,
    governmentVerifiedAt: a.governmentVerifiedAt,
    governmentVerificationNote: a.governmentVerificationNote,
  };
}

/**
 * An admin's finding on whether an account is a government entity (9(k)). It
 * overrides the self-declaration in every decision until an admin changes it.
 */
export class GovernmentStatusService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock = systemClock(),
  ) {}

  verify(actor: Actor, accountId: string, governmentEntity: boolean, note: string): Promise<AccountEntity> {
    const verificationNote = requireText(note, 'note', MAX_NOTE);
    return this.transactions.run(actor, async (uow) => {
      const account = await requireAccount(uow.manager, accountId, { lock: true });
      const before = auditView(account);
      // Verified and verifiedAt are set together (accounts_government_verification_complete).
      const change = {
        governmentVerified: governmentEntity,
        governmentVerifiedBy: actor.sub,
        governmentVerifiedAt: this.clock.now(),
        governmentVerificationNote: verificationNote,
      };
      await uow.manager.getRepository(AccountEntity).update({ id: account.id }, change);
      const saved = await uow.manager.getRepository(AccountEntity).findOneByOrFail({ id: account.id });
      uow.record({
        action: 'account.verify_government_status',
        targetType: 'Account',
        targetId: account.id,
        before,
        after: auditView(saved),
      });
      uow.touchAccounts(account.id);
      return saved;
    });
  }
}
