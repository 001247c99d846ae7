import { DataSource, In } from 'typeorm';
import { AuthorizationKind } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { AuthorizationEntity } from '../../entities';
import { pgErrorCode, PG_EXCLUSION_VIOLATION, refuse, notFoundMessage } from '../../errors';
import { Actor } from '../shared/actor';
import { requireAccount } from '../shared/records';
import { optionalText, requireText } from '../shared/text-input';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { AuthorizationAudit } from '../../domain/audit-actions';

export interface GrantAuthorizationArgs {
  accountId: string;
  kind: AuthorizationKind;
  reference: string;
  validFrom?: Date | null;
  expiresAt?: Date | null;
  note?: string | null;
}

const MAX_REFERENCE = 200;
const MAX_NOTE = 2000;

/** What the audit log keeps of an authorization. */
function auditView(a: AuthorizationEntity): AuthorizationAudit {
  return {
    accountId: a.accountId,
    kind: a.kind,
    reference: a.reference,
    note: a.note,
    validFrom: a.validFrom,
    expiresAt: a.expiresAt,
    revokedAt: a.revokedAt,
    revokedBy: a.revokedBy,
    revokeReason: a.revokeReason,
    grantedBy: a.grantedBy,
  };
}

/** Prior written authorizations: granted and revoked by admins, read by the decision. */
export class AuthorizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock = systemClock(),
  ) {}

  grant(actor: Actor, args: GrantAuthorizationArgs): Promise<AuthorizationEntity> {
    const reference = requireText(args.reference, 'reference', MAX_REFERENCE);
    const note = optionalText(args.note, 'note', MAX_NOTE);
    const validFrom = args.validFrom ?? this.clock.now();
    const expiresAt = args.expiresAt ?? null;
    if (expiresAt !== null && expiresAt.getTime() <= validFrom.getTime()) {
      throw refuse('EXPIRY_NOT_AFTER_START', 'expiresAt must be after validFrom', { field: 'expiresAt' });
    }
    return this.transactions.run(actor, async (uow) => {
      const { id: accountId } = await requireAccount(uow.manager, args.accountId); // as stored: lower case
      const repo = uow.manager.getRepository(AuthorizationEntity);
      const row = repo.create({
        accountId,
        kind: args.kind,
        reference,
        note,
        validFrom,
        expiresAt,
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
        grantedBy: actor.sub,
      });
      try {
        await repo.insert(row);
      } catch (error) {
        // authorizations_no_overlap: closes the check-then-insert race as well.
        if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) {
          throw refuse('AUTHORIZATION_OVERLAPS', `The account already has an unrevoked ${args.kind} authorization overlapping this period`);
        }
        throw error;
      }
      const saved = await repo.findOneByOrFail({ id: row.id });
      uow.record({ action: 'authorization.grant', targetType: 'Authorization', targetId: saved.id, before: null, after: auditView(saved) });
      uow.touchAccounts(saved.accountId);
      return saved;
    });
  }

  revoke(actor: Actor, id: string, reason: string): Promise<AuthorizationEntity> {
    const revokeReason = requireText(reason, 'reason', MAX_NOTE);
    if (!isUuid(id)) throw refuse('AUTHORIZATION_NOT_FOUND', notFoundMessage('Authorization', id));
    return this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(AuthorizationEntity);
      // The row lock makes concurrent revocations take turns; the later ones see revokedAt set.
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw refuse('AUTHORIZATION_NOT_FOUND', notFoundMessage('Authorization', id));
      if (current.revokedAt !== null) throw refuse('AUTHORIZATION_ALREADY_REVOKED', 'This authorization is already revoked');
      const before = auditView(current);
      const revokedAt = this.clock.now();
      await repo.update({ id }, { revokedAt, revokedBy: actor.sub, revokeReason });
      const saved = Object.assign(current, { revokedAt, revokedBy: actor.sub, revokeReason });
      uow.record({ action: 'authorization.revoke', targetType: 'Authorization', targetId: id, before, after: auditView(saved) });
      uow.touchAccounts(current.accountId);
      return saved;
    });
  }

  /** Every authorization of each account, newest validity first; for batched field resolvers. */
  async listForAccounts(accountIds: readonly string[]): Promise<Map<string, AuthorizationEntity[]>> {
    const byAccount = new Map<string, AuthorizationEntity[]>(accountIds.map((id) => [id, []]));
    const ids = [...new Set(accountIds)].filter(isUuid);
    if (ids.length === 0) return byAccount;
    const rows = await this.dataSource.getRepository(AuthorizationEntity).find({
      where: { accountId: In(ids) },
      order: { validFrom: 'DESC', createdAt: 'DESC' },
    });
    for (const row of rows) byAccount.get(row.accountId)?.push(row);
    return byAccount;
  }
}
