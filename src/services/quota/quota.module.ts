import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Clock } from '../../infrastructure/clock';
import type { Sql } from '../../infrastructure/sql';
import type { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { Logger } from '../../logger';
import type { AppMetrics } from '../../metrics/metrics';
import { QuotaAdminService } from './quota-admin.service';
import { QuotaStore } from './quota-store';
import { QuotaService } from './quota.service';

/** Exactly what request budgets need. */
export interface QuotaDependencies {
  sql: Sql;
  dataSource: DataSource;
  transactions: TransactionRunner;
  clock: Clock;
  metrics: AppMetrics;
  logger: Logger;
  config: Pick<Config, 'quota'>;
}

export interface QuotaServices {
  quota: QuotaService;
  quotaAdmin: QuotaAdminService;
}

export function createQuota(deps: QuotaDependencies): QuotaServices {
  const store = new QuotaStore(deps.sql);
  const quota = new QuotaService(store, deps.config.quota, deps.clock, deps.metrics, deps.logger);
  return { quota, quotaAdmin: new QuotaAdminService(store, quota, deps.dataSource, deps.transactions, deps.config.quota, deps.clock) };
}
