import { DataSource, EntityManager, In } from 'typeorm';
import { isSuspensionActive } from '../../domain/activity';
import { isUuid } from '../../domain/ids';
import { SuspensionEntity } from '../../entities';
import { pgErrorCode, PG_EXCLUSION_VIOLATION, refuse, notFoundMessage } from '../../errors';
import { Actor } from '../shared/actor';
import { requireAccount } from '../shared/records';
import { ReferenceService } from '../policy/reference.service';
import { requireText } from '../shared/text-input';
import { TransactionRunner, UnitOfWork } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { SuspensionAudit } from '../../domain/audit-actions';

export interface SuspendAccountArgs {
  accountId: string;
  clause: string;
  reason: string;
  endsAt?: Date | null;
}

const MAX_REASON = 2000;

/** What the audit log keeps of a suspension. */
export function suspensionAuditView(s: SuspensionEntity): SuspensionAudit {
  return {
    accountId: s.accountId,
    clause: s.clause,
    reason: s.reason,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    liftedAt: s.liftedAt,
    liftedBy: s.liftedBy,
    liftReason: s.liftReason,
    createdBy: s.createdBy,
  };
}

/** Loads a suspension, locked FOR UPDATE (or FOR SHARE), or throws NOT_FOUND. */
export async function requireSuspension(
  manager: EntityManager,
  id: string,
  lock: 'pessimistic_write' | 'pessimistic_read' = 'pessimistic_write',
): Promise<SuspensionEntity> {
  if (!isUuid(id)) throw refuse('SUSPENSION_NOT_FOUND', notFoundMessage('Suspension', id));
  const found = await manager.getRepository(SuspensionEntity).findOne({ where: { id }, lock: { mode: lock } });
  if (!found) throw refuse('SUSPENSION_NOT_FOUND', notFoundMessage('Suspension', id));
  return found;
}

/**
 * Ends an active suspension now, inside the caller's transaction, with its audit
 * event. The caller holds the row lock and has checked that it is active.
 */
export async function liftLockedSuspension(
  uow: UnitOfWork,
  suspension: SuspensionEntity,
  reason: string,
  at: Date,
): Promise<SuspensionEntity> {
  const before = suspensionAuditView(suspension);
  const change = { liftedAt: at, liftedBy: uow.actor.sub, liftReason: reason };
  await uow.manager.getRepository(SuspensionEntity).update({ id: suspension.id }, change);
  const lifted = Object.assign(suspension, change);
  uow.record({ action: 'suspension.lift', targetType: 'Suspension', targetId: lifted.id, before, after: suspensionAuditView(lifted) });
  uow.touchAccounts(lifted.accountId);
  return lifted;
}

/** Suspensions under the policy's Enforcement section. */
export class SuspensionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly reference: ReferenceService,
    private readonly clock: Clock = systemClock(),
  ) {}

  async suspend(actor: Actor, args: SuspendAccountArgs): Promise<SuspensionEntity> {
    const reason = requireText(args.reason, 'reason', MAX_REASON);
    const clause = await this.reference.requireClause(args.clause);
    const startsAt = this.clock.now();
    const endsAt = args.endsAt ?? null;
    if (endsAt !== null && endsAt.getTime() <= startsAt.getTime())
      throw refuse('END_NOT_IN_FUTURE', 'endsAt must be in the future', { field: 'endsAt' });
    return this.transactions.run(actor, async (uow) => {
      const { id: accountId } = await requireAccount(uow.manager, args.accountId); // as stored: lower case
      const repo = uow.manager.getRepository(SuspensionEntity);
      const row = repo.create({
        accountId,
        clause,
        reason,
        startsAt,
        endsAt,
        liftedAt: null,
        liftedBy: null,
        liftReason: null,
        createdBy: actor.sub,
      });
      try {
        await repo.insert(row);
      } catch (error) {
        // suspensions_no_overlap: one suspension at a time, also under concurrent calls.
        if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) throw refuse('ALREADY_SUSPENDED', 'The account is already suspended');
        throw error;
      }
      const saved = await repo.findOneByOrFail({ id: row.id });
      uow.record({
        action: 'suspension.create',
        targetType: 'Suspension',
        targetId: saved.id,
        before: null,
        after: suspensionAuditView(saved),
      });
      uow.touchAccounts(saved.accountId);
      return saved;
    });
  }

  lift(actor: Actor, id: string, reason: string): Promise<SuspensionEntity> {
    const liftReason = requireText(reason, 'reason', MAX_REASON);
    if (!isUuid(id)) throw refuse('SUSPENSION_NOT_FOUND', notFoundMessage('Suspension', id));
    return this.transactions.run(actor, async (uow) => {
      // Locked so that concurrent lifts take turns and the later ones see liftedAt.
      const suspension = await requireSuspension(uow.manager, id);
      const now = this.clock.now();
      if (!isSuspensionActive(suspension, now)) {
        throw suspension.liftedAt !== null
          ? refuse('SUSPENSION_ALREADY_LIFTED', 'This suspension is already lifted')
          : refuse('SUSPENSION_ALREADY_ENDED', 'This suspension has already ended');
      }
      return liftLockedSuspension(uow, suspension, liftReason, now);
    });
  }

  /** Every suspension of each account, newest first; for batched field resolvers. */
  async listForAccounts(accountIds: readonly string[]): Promise<Map<string, SuspensionEntity[]>> {
    const byAccount = new Map<string, SuspensionEntity[]>(accountIds.map((id) => [id, []]));
    const ids = [...new Set(accountIds)].filter(isUuid);
    if (ids.length === 0) return byAccount;
    const rows = await this.dataSource.getRepository(SuspensionEntity).find({
      where: { accountId: In(ids) },
      order: { startsAt: 'DESC', createdAt: 'DESC' },
    });
    for (const row of rows) byAccount.get(row.accountId)?.push(row);
    return byAccount;
  }
}
