import { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Clock } from '../../infrastructure/clock';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import { PolicyService } from './policy.service';
import { ReferenceService } from './reference.service';

/** Exactly what policy versions and reference data need. */
export interface PolicyDependencies {
  dataSource: DataSource;
  transactions: TransactionRunner;
  clock: Clock;
  config: Pick<Config, 'policyNoticeDays'>;
}

export interface PolicyServices {
  policy: PolicyService;
  reference: ReferenceService;
}

export function createPolicy(deps: PolicyDependencies): PolicyServices {
  return {
    policy: new PolicyService(deps.dataSource, deps.transactions, deps.config.policyNoticeDays, deps.clock),
    reference: new ReferenceService(deps.dataSource),
  };
}
