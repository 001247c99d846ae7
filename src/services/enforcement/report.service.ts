import { DataSource, SelectQueryBuilder } from 'typeorm';
import { checkReportTransition, isReportResolution } from '../../domain/enforcement-rules';
import { ReportStatus } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { ReportEntity } from '../../entities';
import { pgErrorCode, PG_UNIQUE_VIOLATION, refuse, notFoundMessage } from '../../errors';
import { Actor } from '../shared/actor';
import { requireAccount } from '../shared/records';
import { ReferenceService } from '../policy/reference.service';
import { requireText } from '../shared/text-input';
import { Keyset, keysetPage, Page, PageArgs } from '../shared/keyset-page';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { ReportAudit } from '../../domain/audit-actions';

export interface FileReportArgs {
  subjectAccountId: string;
  clause: string;
  description: string;
}

export interface ResolveReportArgs {
  status: ReportStatus;
  note: string;
}

const MAX_DESCRIPTION = 5000;
const MAX_NOTE = 2000;

export interface ReportFilters {
  status?: ReportStatus | null;
  subjectAccountId?: string | null;
}

/** Oldest first, like `reports`; the indexes (status | subject_account_id |) created_at, id have this order. */
export const REPORT_KEYSET: Keyset = {
  columns: [
    { expr: 'r.created_at', type: 'timestamptz' },
    { expr: 'r.id', type: 'uuid' },
  ],
  direction: 'ASC',
};

function auditView(r: ReportEntity): ReportAudit {
  return {
    subjectAccountId: r.subjectAccountId,
    reporterSub: r.reporterSub,
    reporterRole: r.reporterRole,
    clause: r.clause,
    description: r.description,
    status: r.status,
    resolutionNote: r.resolutionNote,
    resolvedBy: r.resolvedBy,
    resolvedAt: r.resolvedAt,
  };
}

/** Reports of suspected abuse ("We encourage you to report any suspected abuse"). */
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly reference: ReferenceService,
    private readonly clock: Clock = systemClock(),
  ) {}

  /**
   * Files a report as the acting principal. The answer carries only what the
   * reporter sent plus the report's own id, status and time: nothing about the
   * subject beyond the fact that the id names an account.
   */
  async file(actor: Actor, args: FileReportArgs): Promise<ReportEntity> {
    const description = requireText(args.description, 'description', MAX_DESCRIPTION);
    const clause = await this.reference.requireClause(args.clause);
    return this.transactions.run(actor, async (uow) => {
      const { id: subjectAccountId } = await requireAccount(uow.manager, args.subjectAccountId); // as stored: lower case
      const repo = uow.manager.getRepository(ReportEntity);
      const row = repo.create({
        subjectAccountId,
        reporterSub: actor.sub,
        reporterRole: actor.role,
        clause,
        description,
        status: ReportStatus.OPEN,
        resolutionNote: null,
        resolvedBy: null,
        resolvedAt: null,
      });
      try {
        await repo.insert(row);
      } catch (error) {
        // reports_one_open_per_reporter
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
          throw refuse('DUPLICATE_OPEN_REPORT', 'You already have an open report on this account under this clause');
        }
        throw error;
      }
      const saved = await repo.findOneByOrFail({ id: row.id });
      uow.record({ action: 'report.file', targetType: 'Report', targetId: saved.id, before: null, after: auditView(saved) });
      return saved;
    });
  }

  resolve(actor: Actor, id: string, args: ResolveReportArgs): Promise<ReportEntity> {
    if (!isReportResolution(args.status))
      throw refuse('RESOLUTION_STATUS_OPEN', 'status must be ACTION_TAKEN or DISMISSED', { field: 'status' });
    const note = requireText(args.note, 'note', MAX_NOTE);
    if (!isUuid(id)) throw refuse('REPORT_NOT_FOUND', notFoundMessage('Report', id));
    return this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(ReportEntity);
      // Locked so that a second, concurrent resolution waits and then sees the first.
      const report = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw refuse('REPORT_NOT_FOUND', notFoundMessage('Report', id));
      const transition = checkReportTransition(report.status, args.status);
      if (!transition.ok) throw refuse(transition.reason, `This report is already resolved (${report.status})`);
      const before = auditView(report);
      const change = { status: args.status, resolutionNote: note, resolvedBy: actor.sub, resolvedAt: this.clock.now() };
      await repo.update({ id }, change);
      const saved = Object.assign(report, change);
      uow.record({ action: 'report.resolve', targetType: 'Report', targetId: id, before, after: auditView(saved) });
      return saved;
    });
  }

  /** Oldest first, so the queue is worked in order. */
  list(status: ReportStatus | null): Promise<ReportEntity[]> {
    return this.dataSource.getRepository(ReportEntity).find({
      where: status === null ? {} : { status },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The report queue in keyset pages, by status and subject. */
  page(filters: ReportFilters, args: PageArgs): Promise<Page<ReportEntity>> {
    return keysetPage(this.listQuery(filters), REPORT_KEYSET, args);
  }

  listQuery(filters: ReportFilters): SelectQueryBuilder<ReportEntity> {
    const qb = this.dataSource.getRepository(ReportEntity).createQueryBuilder('r');
    if (filters.status) qb.andWhere('r.status = :status', { status: filters.status });
    if (filters.subjectAccountId !== undefined && filters.subjectAccountId !== null) {
      if (!isUuid(filters.subjectAccountId)) {
        throw refuse('INVALID_FORMAT', 'subjectAccountId must be an account id', { field: 'subjectAccountId' });
      }
      qb.andWhere('r.subject_account_id = :subject', { subject: filters.subjectAccountId });
    }
    return qb;
  }
}
