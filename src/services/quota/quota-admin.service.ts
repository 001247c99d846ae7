import type { QuotaConfig } from '../../config';
import type { QuotaOverrideAudit } from '../../domain/audit-actions';
import { refuse } from '../../domain/domain-error';
import { emissionIntervalMs, remainingPoints } from '../../domain/quota-bucket';
import { QuotaOverrideEntity } from '../../entities';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../infrastructure/clock';
import type { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { Actor } from '../shared/actor';
import { Budget, budgetOf } from './quota-budget';
import type { QuotaService } from './quota.service';
import type { QuotaStore } from './quota-store';
import { parseQuotaKey, QuotaSubject } from './quota-subject';

/** A principal's budget as admins see it. */
export interface PrincipalQuotaView {
  principal: string;
  role: string;
  budget: Budget;
  remaining: number;
  resetAt: Date;
  override: QuotaOverrideEntity | null;
}

export interface SetQuotaInput {
  principal: string;
  points: number;
  windowS: number;
  note: string;
}

function auditView(o: QuotaOverrideEntity): QuotaOverrideAudit {
  return { principal: o.principal, points: o.points, windowS: o.windowS, note: o.note };
}

/** Reading and overriding one principal's budget; every override is audited. */
export class QuotaAdminService {
  constructor(
    private readonly store: QuotaStore,
    private readonly quota: QuotaService,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly config: QuotaConfig,
    private readonly clock: Clock,
  ) {}

  async read(principal: string): Promise<PrincipalQuotaView> {
    const subject = subjectOf(principal);
    const [facts, bucket, override] = await Promise.all([
      this.store.budgetFacts(subject.key, subject.accountId),
      this.store.read(subject.key),
      this.dataSource.getRepository(QuotaOverrideEntity).findOneBy({ principal: subject.key }),
    ]);
    const budget = budgetOf(subject, facts, this.config);
    const { limit } = budget;
    const state = { tatMs: bucket.tatMs ?? bucket.nowMs };
    // This process's unspent slice is the principal's too.
    const remaining = Math.min(limit.points, remainingPoints(state, bucket.nowMs, limit) + this.quota.heldPoints(subject.key));
    const resetMs = (limit.points - remaining) * emissionIntervalMs(limit);
    return { principal: subject.key, role: subject.role, budget, remaining, resetAt: new Date(bucket.nowMs + resetMs), override };
  }

  async set(actor: Actor, input: SetQuotaInput): Promise<PrincipalQuotaView> {
    const subject = subjectOf(input.principal);
    await this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(QuotaOverrideEntity);
      const before = await repo.findOne({ where: { principal: subject.key }, lock: { mode: 'pessimistic_write' } });
      const row = repo.create({
        principal: subject.key,
        points: input.points,
        windowS: input.windowS,
        note: input.note,
        setBy: actor.sub,
        setAt: this.clock.now(),
      });
      await repo.upsert(row, ['principal']);
      uow.record({
        action: 'quota.override.set',
        targetType: 'Principal',
        targetId: subject.key,
        before: before ? auditView(before) : null,
        after: auditView(row),
      });
    });
    await this.quota.reloadBudget(subject.key);
    return this.read(subject.key);
  }

  async clear(actor: Actor, principal: string): Promise<PrincipalQuotaView> {
    const subject = subjectOf(principal);
    await this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(QuotaOverrideEntity);
      const before = await repo.findOne({ where: { principal: subject.key }, lock: { mode: 'pessimistic_write' } });
      if (before === null) return;
      await repo.delete({ principal: subject.key });
      uow.record({
        action: 'quota.override.clear',
        targetType: 'Principal',
        targetId: subject.key,
        before: auditView(before),
        after: null,
      });
    });
    await this.quota.reloadBudget(subject.key);
    return this.read(subject.key);
  }
}

function subjectOf(principal: string): QuotaSubject {
  const subject = parseQuotaKey(principal.trim());
  if (subject === null) {
    throw refuse('INVALID_PRINCIPAL', 'principal must be account:<account id>, service:<subject> or admin:<subject>', {
      field: 'principal',
    });
  }
  return subject;
}
