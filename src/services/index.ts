import { DataSource } from 'typeorm';
import type { Config } from '../config';
import { ReplicaReads } from '../database/replica-reads';
import { Clock, systemClock } from '../infrastructure/clock';
import { ChangeListener, listenerConfig } from '../infrastructure/change-listener';
import { JobQueue } from '../infrastructure/job-queue';
import { Revisions } from '../infrastructure/revisions';
import { preparedSql } from '../infrastructure/sql';
import { TransactionRunner } from '../infrastructure/transaction-runner';
import type { Logger } from '../logger';
import { AppMetrics } from '../metrics/metrics';
import { AccountsServices, createAccounts } from './accounts/accounts.module';
import { AuditService } from './audit/audit.service';
import { CatalogServices, createCatalog } from './catalog/catalog.module';
import { createEnforcement, EnforcementServices } from './enforcement/enforcement.module';
import { createEntitlement, EntitlementServices } from './entitlement/entitlement.module';
import { createFeed, FeedServices } from './feed/feed.module';
import { createPolicy, PolicyServices } from './policy/policy.module';
import { createQuota, QuotaServices } from './quota/quota.module';
import { routeListReads } from './shared/keyset-page';

/**
 * What the GraphQL layer and the command-line tools reach: each feature's
 * use-cases, the process clock and metrics. The database handle and the
 * configuration stay in the composition root and in the features that asked
 * for them.
 */
export interface Services
  extends AccountsServices, CatalogServices, EnforcementServices, EntitlementServices, FeedServices, PolicyServices, QuotaServices {
  /** "Now" for every service and resolver of this process. */
  clock: Clock;
  transactions: TransactionRunner;
  audit: AuditService;
  changeListener: ChangeListener;
  /** This process's metrics; services bump them, /metrics reads them. */
  metrics: AppMetrics;
  /** How far this process knows the committed order: the consistency tokens. */
  revisions: Revisions;
  /** Reads routed to DATABASE_REPLICA_URL when it has caught up; null without one. */
  replica: ReplicaReads | null;
  /** Background work (listeners, caches, the job queue) that lives as long as the process. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Something with a process-long lifetime; started in order, stopped in reverse. */
export interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires the use-case modules once per process: the infrastructure first, then each feature with what it needs. */
export function createServices(dataSource: DataSource, config: Config, logger: Logger, metrics = new AppMetrics()): Services {
  const clock = systemClock();
  const audit = new AuditService(dataSource, clock);
  const revisions = new Revisions();
  const transactions = new TransactionRunner(dataSource, audit, revisions);
  // One LISTEN connection per process serves every cache that follows other processes' writes.
  const changeListener = new ChangeListener(listenerConfig(dataSource), logger);
  const jobs = new JobQueue(dataSource, logger);
  // One set of prepared statement names per pool: two would give different statements the same name.
  const sql = preparedSql(dataSource);
  // Decision misses and list pages read the replica when it has replayed what they need.
  const replica = config.databaseReplicaUrl
    ? new ReplicaReads({ url: config.databaseReplicaUrl, poolSize: config.dbPoolSize }, revisions, logger, () => changeListener.isConnected)
    : null;
  routeListReads(dataSource, replica);

  const entitlement = createEntitlement({
    sql,
    dataSource,
    transactions,
    changeListener,
    revisions,
    clock,
    logger,
    config,
    replica,
  });
  const policy = createPolicy({ dataSource, transactions, clock, config });
  const accounts = createAccounts({ dataSource, transactions, reference: policy.reference, clock, config });
  const enforcement = createEnforcement({ dataSource, transactions, reference: policy.reference, clock, config });
  const catalog = createCatalog({ dataSource, transactions, changeListener, logger, config });
  const feed = createFeed({ dataSource, transactions, changeListener, jobs, clock, logger, config });
  const quota = createQuota({ sql, dataSource, transactions, clock, metrics, logger, config });

  // The index is built before the listener connects; connecting then catches up.
  // The job queue's schema is in place before the server takes its first mutation.
  const lifecycles: Lifecycle[] = [...(replica ? [replica] : []), catalog.screening, changeListener, jobs, feed.feedWorker, quota.quota];
  metrics.bind({
    snapshotCache: () => entitlement.entitlements.cache,
    listenerConnected: () => changeListener.isConnected,
    screeningEntries: () => catalog.screening.status.entries,
    pool: () => poolStats(dataSource),
    auditEventsWritten: () => transactions.auditEventsWritten,
    staleAnswers: () => entitlement.entitlements.staleAnswers,
    replicaPool: () => replica?.poolStats() ?? null,
    replicaReads: () => replica?.counts ?? null,
  });
  return {
    ...entitlement,
    ...policy,
    ...accounts,
    ...enforcement,
    ...catalog,
    ...feed,
    ...quota,
    clock,
    transactions,
    audit,
    changeListener,
    metrics,
    revisions,
    replica,
    async start() {
      for (const l of lifecycles) await l.start();
    },
    async stop() {
      for (const l of [...lifecycles].reverse()) await l.stop();
    },
  };
}

/** pg-pool's own counts, read through TypeORM's driver (absent once the pool is closed). */
function poolStats(dataSource: DataSource): { total: number; idle: number; waiting: number } | null {
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}
