import { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { AppealService } from './appeal.service';
import { AuditService } from './audit.service';
import { AuthorizationService } from './authorization.service';
import { GovernmentStatusService } from './government-status.service';
import { PolicyService } from './policy.service';
import { ReferenceService } from './reference.service';
import { ReportService } from './report.service';
import { SuspensionService } from './suspension.service';
import { TransactionRunner } from './transaction-runner';

export interface Services {
  dataSource: DataSource;
  config: Config;
  transactions: TransactionRunner;
  audit: AuditService;
  reference: ReferenceService;
  policy: PolicyService;
  authorizations: AuthorizationService;
  suspensions: SuspensionService;
  reports: ReportService;
  appeals: AppealService;
  governmentStatus: GovernmentStatusService;
  /** Background work (listeners, caches) that lives as long as the process. */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
}

/** Wires the use-case modules once per process. */
export function createServices(dataSource: DataSource, config: Config, _logger: Logger): Services {
  const audit = new AuditService(dataSource);
  const transactions = new TransactionRunner(dataSource, audit);
  const reference = new ReferenceService(dataSource);
  return {
    dataSource,
    config,
    transactions,
    audit,
    reference,
    policy: new PolicyService(dataSource),
    authorizations: new AuthorizationService(dataSource, transactions),
    suspensions: new SuspensionService(dataSource, transactions, reference),
    reports: new ReportService(dataSource, transactions, reference),
    appeals: new AppealService(dataSource, transactions, config),
    governmentStatus: new GovernmentStatusService(transactions),
  };
}
