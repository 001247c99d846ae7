import { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Clock } from '../../infrastructure/clock';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { ReferenceService } from '../policy/reference.service';
import { AppealService } from './appeal.service';
import { AuthorizationService } from './authorization.service';
import { GovernmentStatusService } from './government-status.service';
import { ReportService } from './report.service';
import { SuspensionService } from './suspension.service';

/** Exactly what the enforcement records need. */
export interface EnforcementDependencies {
  dataSource: DataSource;
  transactions: TransactionRunner;
  reference: ReferenceService;
  clock: Clock;
  config: Pick<Config, 'appealWindowDays'>;
}

export interface EnforcementServices {
  authorizations: AuthorizationService;
  suspensions: SuspensionService;
  reports: ReportService;
  appeals: AppealService;
  governmentStatus: GovernmentStatusService;
}

export function createEnforcement(deps: EnforcementDependencies): EnforcementServices {
  const { dataSource, transactions, reference, clock } = deps;
  return {
    authorizations: new AuthorizationService(dataSource, transactions, clock),
    suspensions: new SuspensionService(dataSource, transactions, reference, clock),
    reports: new ReportService(dataSource, transactions, reference, clock),
    appeals: new AppealService(dataSource, transactions, deps.config, clock),
    governmentStatus: new GovernmentStatusService(transactions, clock),
  };
}
