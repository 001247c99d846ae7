import { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { AuditService } from './audit.service';
import { CatalogService } from './catalog.service';
import { PolicyService } from './policy.service';
import { ReferenceService } from './reference.service';
import { ScreeningService } from './screening.service';
import { TransactionRunner } from './transaction-runner';

export interface Services {
  dataSource: DataSource;
  config: Config;
  transactions: TransactionRunner;
  audit: AuditService;
  reference: ReferenceService;
  policy: PolicyService;
  catalog: CatalogService;
  screening: ScreeningService;
  /** Background work (listeners, caches) that lives as long as the process. */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
}

/** Something with a process-long lifetime; started in order, stopped in reverse. */
interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires the use-case modules once per process. */
export function createServices(dataSource: DataSource, config: Config, logger: Logger): Services {
  const audit = new AuditService(dataSource);
  const transactions = new TransactionRunner(dataSource, audit);
  const catalog = new CatalogService(dataSource, transactions);
  const screening = new ScreeningService(dataSource, { lyricsMinWords: config.lyricsMinWords, logger });
  // A catalog mutation returns only once this process screens with it.
  catalog.onChanged(() => screening.refresh());
  const lifecycles: Lifecycle[] = [screening];
  return {
    dataSource,
    config,
    transactions,
    audit,
    reference: new ReferenceService(dataSource),
    policy: new PolicyService(dataSource),
    catalog,
    screening,
    async start() {
      for (const l of lifecycles) await l.start();
    },
    async stop() {
      for (const l of [...lifecycles].reverse()) await l.stop();
    },
  };
}
