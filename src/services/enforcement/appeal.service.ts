import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { isSuspensionActive } from '../../domain/activity';
import { checkAppealFiling, checkAppealTransition, checkReviewer, appealStatusFor, mayAppeal } from '../../domain/enforcement-rules';
import { AppealDecision, AppealStatus } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { DENYING_SIGNAL_KINDS } from '../../domain/signals';
import { AppealEntity } from '../../entities';
import type { Config } from '../../config';
import { pgErrorCode, PG_UNIQUE_VIOLATION, refuse, notFoundMessage } from '../../errors';
import { Actor } from '../shared/actor';
import { liftLockedSuspension, requireSuspension } from './suspension.service';
import { requireText } from '../shared/text-input';
import { Keyset, keysetPage, Page, PageArgs } from '../shared/keyset-page';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { AppealAudit } from '../../domain/audit-actions';

export interface FileAppealArgs {
  suspensionId: string;
  statement: string;
}

export interface DecideAppealArgs {
  decision: AppealDecision;
  note: string;
}

const MAX_STATEMENT = 2000;
const MAX_NOTE = 2000;

function auditView(a: AppealEntity): AppealAudit {
  return {
    suspensionId: a.suspensionId,
    accountId: a.accountId,
    statement: a.statement,
    status: a.status,
    filedBy: a.filedBy,
    decisionNote: a.decisionNote,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
  };
}

/**
 * Complaints about a suspension ("incorrectly banned"). Lock order is always
 * suspension, then appeal, so filing, deciding and lifting cannot deadlock.
 */
/** Whether two accounts share an EMAIL or PAYMENT_FINGERPRINT signal: the links that deny under 9(n). */
async function linkedByDenyingSignal(manager: EntityManager, a: string, b: string): Promise<boolean> {
  const rows = await manager.query(
    `SELECT 1 FROM account_signals x
       JOIN account_signals y ON y.kind = x.kind AND y.value_hash = x.value_hash
      WHERE x.account_id = $1 AND y.account_id = $2 AND x.kind = ANY($3::text[])
      LIMIT 1`,
    [a, b, DENYING_SIGNAL_KINDS],
  );
  return rows.length > 0;
}

/** Oldest first; the indexes (status |) created_at, id have this order. */
export const APPEAL_KEYSET: Keyset = {
  columns: [
    { expr: 'ap.created_at', type: 'timestamptz' },
    { expr: 'ap.id', type: 'uuid' },
  ],
  direction: 'ASC',
};

export class AppealService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly config: Pick<Config, 'appealWindowDays'>,
    private readonly clock: Clock = systemClock(),
  ) {}

  /**
   * Files an appeal. `callerAccountId` is the account of a calling `user`
   * (null for other roles). It may appeal a suspension of its own account, or
   * one that blocks it under 9(n) because the two accounts share an email or
   * a payment method: the remedy such a decision names is APPEAL.
   */
  file(actor: Actor, args: FileAppealArgs, callerAccountId: string | null): Promise<AppealEntity> {
    const statement = requireText(args.statement, 'statement', MAX_STATEMENT);
    if (!isUuid(args.suspensionId)) throw refuse('SUSPENSION_NOT_FOUND', notFoundMessage('Suspension', args.suspensionId));
    return this.transactions.run(actor, async (uow) => {
      // FOR SHARE: a concurrent lift waits, so an appeal never targets a suspension lifted meanwhile.
      const suspension = await requireSuspension(uow.manager, args.suspensionId, 'pessimistic_read');
      const caller = callerAccountId?.toLowerCase() ?? null;
      // The link is looked up only when it can matter.
      const linked =
        caller !== null && caller !== suspension.accountId && (await linkedByDenyingSignal(uow.manager, caller, suspension.accountId));
      if (!mayAppeal(caller, suspension.accountId, linked)) {
        throw refuse(
          'NOT_APPEALABLE_BY_CALLER',
          "Only the suspended account's user, or the user of an account it blocks under 9(n), may appeal this suspension",
        );
      }
      const days = this.config.appealWindowDays;
      const filing = checkAppealFiling(suspension, this.clock.now(), days);
      if (!filing.ok && filing.reason === 'SUSPENSION_NOT_IN_FORCE') {
        throw refuse(filing.reason, 'This suspension is no longer in force, so there is nothing to appeal', { field: 'suspensionId' });
      }
      if (!filing.ok) {
        const closed = filing.closedAt.toISOString();
        throw refuse(filing.reason, `Appeals must be filed within ${days} days of the suspension's start; the window closed at ${closed}`, {
          field: 'suspensionId',
        });
      }
      const repo = uow.manager.getRepository(AppealEntity);
      const row = repo.create({
        suspensionId: suspension.id,
        accountId: suspension.accountId,
        statement,
        status: AppealStatus.PENDING,
        filedBy: actor.sub,
        decisionNote: null,
        decidedBy: null,
        decidedAt: null,
      });
      try {
        await repo.insert(row);
      } catch (error) {
        // appeals_one_pending_per_suspension
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
          throw refuse('APPEAL_ALREADY_PENDING', 'An appeal of this suspension is already pending');
        throw error;
      }
      const saved = await repo.findOneByOrFail({ id: row.id });
      uow.record({ action: 'appeal.file', targetType: 'Appeal', targetId: saved.id, before: null, after: auditView(saved) });
      return saved;
    });
  }

  /** Decides a pending appeal; OVERTURN lifts the suspension in the same transaction. */
  decide(actor: Actor, id: string, args: DecideAppealArgs): Promise<AppealEntity> {
    const note = requireText(args.note, 'note', MAX_NOTE);
    if (!isUuid(id)) throw refuse('APPEAL_NOT_FOUND', notFoundMessage('Appeal', id));
    return this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(AppealEntity);
      const found = await repo.findOneBy({ id });
      if (!found) throw refuse('APPEAL_NOT_FOUND', notFoundMessage('Appeal', id));
      const suspension = await requireSuspension(uow.manager, found.suspensionId);
      // Re-read under lock: a concurrent decision may have committed meanwhile.
      const appeal = await repo.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const reviewer = checkReviewer(suspension.createdBy, actor.sub);
      if (!reviewer.ok) {
        throw refuse(reviewer.reason, 'The admin who imposed a suspension may not decide its appeal: a second admin must review it');
      }
      const transition = checkAppealTransition(appeal.status, args.decision);
      if (!transition.ok) throw refuse(transition.reason, `This appeal is already decided (${appeal.status})`);
      const before = auditView(appeal);
      const now = this.clock.now();
      const status = appealStatusFor(args.decision);
      const change = { status, decisionNote: note, decidedBy: actor.sub, decidedAt: now };
      await repo.update({ id }, change);
      const saved = Object.assign(appeal, change);
      uow.record({ action: 'appeal.decide', targetType: 'Appeal', targetId: id, before, after: auditView(saved) });
      if (status === AppealStatus.OVERTURNED && isSuspensionActive(suspension, now)) {
        await liftLockedSuspension(uow, suspension, `Appeal ${id} overturned: ${note}`, now);
      }
      return saved;
    });
  }

  /** Appeals of each account's suspensions and those its user filed (9(n)), newest first; for batched field resolvers. */
  async listForAccounts(accountIds: readonly string[]): Promise<Map<string, AppealEntity[]>> {
    const byAccount = new Map<string, AppealEntity[]>(accountIds.map((id) => [id, []]));
    const ids = [...new Set(accountIds)].filter(isUuid);
    if (ids.length === 0) return byAccount;
    const rows = await this.dataSource.getRepository(AppealEntity).find({
      where: [{ accountId: In(ids) }, { filedBy: In(ids) }],
      order: { createdAt: 'DESC' },
    });
    for (const row of rows) {
      byAccount.get(row.accountId)?.push(row);
      if (row.filedBy !== row.accountId) byAccount.get(row.filedBy)?.push(row);
    }
    return byAccount;
  }

  /** Oldest first, so the queue is worked in order. */
  list(status: AppealStatus | null): Promise<AppealEntity[]> {
    return this.dataSource.getRepository(AppealEntity).find({
      where: status === null ? {} : { status },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The appeal queue in keyset pages, oldest first like `appeals`. */
  page(status: AppealStatus | null, args: PageArgs): Promise<Page<AppealEntity>> {
    return keysetPage(this.listQuery(status), APPEAL_KEYSET, args);
  }

  listQuery(status: AppealStatus | null): SelectQueryBuilder<AppealEntity> {
    const qb = this.dataSource.getRepository(AppealEntity).createQueryBuilder('ap');
    if (status) qb.andWhere('ap.status = :status', { status });
    return qb;
  }
}
