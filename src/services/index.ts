import { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { AccountService } from './account.service';
import { AuditService } from './audit.service';
import { OrganizationService } from './organization.service';
import { PolicyService } from './policy.service';
import { ReferenceService } from './reference.service';
import { TransactionRunner } from './transaction-runner';

export interface Services {
  dataSource: DataSource;
  config: Config;
  transactions: TransactionRunner;
  audit: AuditService;
  reference: ReferenceService;
  policy: PolicyService;
  accounts: AccountService;
  organizations: OrganizationService;
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
    policy: new PolicyService(dataSource, transactions, config.policyNoticeDays),
    accounts: new AccountService(dataSource, transactions, reference),
    organizations: new OrganizationService(dataSource, transactions),
  };
}
