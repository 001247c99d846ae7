import { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { AuditService } from './audit.service';
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
  /** Background work (listeners, caches) that lives as long as the process. */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
}

/** Wires the use-case modules once per process. */
export function createServices(dataSource: DataSource, config: Config, _logger: Logger): Services {
  const audit = new AuditService(dataSource);
  const transactions = new TransactionRunner(dataSource, audit);
  return {
    dataSource,
    config,
    transactions,
    audit,
    reference: new ReferenceService(dataSource),
    policy: new PolicyService(dataSource),
  };
}
