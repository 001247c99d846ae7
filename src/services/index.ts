import { DataSource } from 'typeorm';
import type { Config } from '../config';
import { poolExecutor } from '../infrastructure/sql';
import type { Logger } from '../logger';
import { AccountSearchService } from './accounts/account-search.service';
import { AccountService } from './accounts/account.service';
import { AppealService } from './enforcement/appeal.service';
import { AuditService } from './audit/audit.service';
import { AuthorizationService } from './enforcement/authorization.service';
import { ChangeListener, listenerConfig } from '../infrastructure/change-listener';
import { EntitlementService } from './entitlement/entitlement.service';
import { PolicyVersionCache } from './entitlement/policy-version-cache';
import { SnapshotCache } from './entitlement/snapshot-cache';
import { GovernmentStatusService } from './enforcement/government-status.service';
import { OrganizationService } from './accounts/organization.service';
import { PolicyService } from './policy/policy.service';
import { ReferenceService } from './policy/reference.service';
import { ReportService } from './enforcement/report.service';
import { SignalService } from './accounts/signal.service';
import { SuspensionService } from './enforcement/suspension.service';
import { ACCOUNT_CHANGED_CHANNEL, TransactionRunner } from '../infrastructure/transaction-runner';
import { CatalogService } from './catalog/catalog.service';
import { CatalogRelationService } from './catalog/catalog-relation.service';
import { Clock, systemClock } from '../infrastructure/clock';
import { ScreeningService } from './catalog/screening.service';
import { AppMetrics } from '../metrics/metrics';
import { EntitlementFeed } from './feed/entitlement-feed';
import { EntitlementHub } from './feed/entitlement-hub';
import { eventsFor } from './feed/event-map';
import { FeedWorker } from './feed/feed-worker';
import { scheduleRecompute, scheduleRecomputeAll } from '../infrastructure/job-queue';
import { Outbox } from './feed/outbox';
import { WebhookDispatcher } from './feed/webhook-dispatcher';
import { WebhookSender } from './feed/webhook-sender';
import { WebhookService } from './feed/webhook.service';

export interface Services {
  dataSource: DataSource;
  config: Config;
  /** "Now" for every service and resolver of this process. */
  clock: Clock;
  transactions: TransactionRunner;
  audit: AuditService;
  reference: ReferenceService;
  policy: PolicyService;
  entitlements: EntitlementService;
  changeListener: ChangeListener;
  accounts: AccountService;
  accountSearch: AccountSearchService;
  organizations: OrganizationService;
  authorizations: AuthorizationService;
  suspensions: SuspensionService;
  reports: ReportService;
  appeals: AppealService;
  governmentStatus: GovernmentStatusService;
  catalog: CatalogService;
  catalogRelations: CatalogRelationService;
  screening: ScreeningService;
  signals: SignalService;
  /** This process's metrics; services bump them, /metrics reads them. */
  metrics: AppMetrics;
  webhooks: WebhookService;
  entitlementFeed: EntitlementFeed;
  entitlementHub: EntitlementHub;
  feedWorker: FeedWorker;
  /** Background work (listeners, caches) that lives as long as the process. */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
}

const SNAPSHOT_CACHE_ENTRIES = 500_000;

/** Something with a process-long lifetime; started in order, stopped in reverse. */
interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires the use-case modules once per process. */
export function createServices(dataSource: DataSource, config: Config, logger: Logger, metrics = new AppMetrics()): Services {
  const clock = systemClock();
  const audit = new AuditService(dataSource, clock);
  const transactions = new TransactionRunner(dataSource, audit);
  const reference = new ReferenceService(dataSource);
  const entitlements = new EntitlementService(
    poolExecutor(dataSource),
    config.entitlementCache ? new SnapshotCache(SNAPSHOT_CACHE_ENTRIES) : null,
    new PolicyVersionCache(dataSource, config.entitlementCache),
    clock,
    { staleMaxMs: config.entitlementCache ? config.entitlementStaleMaxS * 1000 : 0, logger },
  );
  // Own writes invalidate before the mutation answers; other processes' writes arrive by NOTIFY.
  transactions.onAccountsChanged((ids) => entitlements.invalidate(ids));
  // One LISTEN connection per process serves every cache that follows other processes' writes.
  const changeListener = new ChangeListener(listenerConfig(dataSource), logger);
  changeListener.subscribe(ACCOUNT_CHANGED_CHANNEL, {
    onNotification: (payload) => entitlements.invalidate(payload.split(',')),
    onDisconnected: () => entitlements.changesLost(),
    onConnected: () => entitlements.changesHeard(config.entitlementCache),
  });
  entitlements.setTrusted(false); // until the listener is in place
  const catalog = new CatalogService(dataSource, transactions);
  const screening = new ScreeningService(dataSource, { lyricsMinWords: config.lyricsMinWords, logger, changes: changeListener });
  // A catalog mutation returns only once this process screens with it.
  catalog.onChanged(() => screening.refresh());
  // The index is built before the listener connects; connecting then catches up.
  const feed = createFeed(dataSource, config, logger, transactions, changeListener, clock);
  // The job queue's schema is in place before the server takes its first mutation.
  const lifecycles: Lifecycle[] = [screening, changeListener, feed.feedWorker];
  const signals = new SignalService(dataSource, transactions, config.signalHashKey, clock);
  metrics.bind({
    snapshotCache: () => entitlements.cache,
    listenerConnected: () => changeListener.isConnected,
    screeningEntries: () => screening.status.entries,
    pool: () => poolStats(dataSource),
    auditEventsWritten: () => transactions.auditEventsWritten,
    staleAnswers: () => entitlements.staleAnswers,
  });
  return {
    dataSource,
    config,
    clock,
    transactions,
    audit,
    reference,
    policy: new PolicyService(dataSource, transactions, config.policyNoticeDays, clock),
    accounts: new AccountService(dataSource, transactions, reference, signals),
    accountSearch: new AccountSearchService(dataSource, clock),
    organizations: new OrganizationService(dataSource, transactions, clock),
    entitlements,
    changeListener,
    authorizations: new AuthorizationService(dataSource, transactions, clock),
    suspensions: new SuspensionService(dataSource, transactions, reference, clock),
    reports: new ReportService(dataSource, transactions, reference, clock),
    appeals: new AppealService(dataSource, transactions, config, clock),
    governmentStatus: new GovernmentStatusService(transactions, clock),
    catalog,
    catalogRelations: new CatalogRelationService(transactions),
    screening,
    async start() {
      for (const l of lifecycles) await l.start();
    },
    async stop() {
      for (const l of [...lifecycles].reverse()) await l.stop();
    },
    signals,
    metrics,
    ...feed,
  };
}

/**
 * The change feed: every transaction writes the events of its audited changes
 * to the outbox and queues a recompute of the entitlements it touched; the
 * worker delivers webhooks and announces entitlement.changed.
 */
function createFeed(
  dataSource: DataSource,
  config: Config,
  logger: Logger,
  transactions: TransactionRunner,
  changeListener: ChangeListener,
  clock: Clock,
) {
  const outbox = new Outbox(clock);
  transactions.beforeCommit(async (uow) => {
    await outbox.append(uow.manager, eventsFor(uow.changes));
    if (!outbox.jobsReady) return;
    const touched = [...uow.touchedAccounts];
    if (touched.includes('*')) await scheduleRecomputeAll(uow.manager);
    await scheduleRecompute(
      uow.manager,
      touched.filter((id) => id !== '*'),
    );
  });
  const entitlementFeed = new EntitlementFeed(dataSource, outbox, clock);
  const sender = new WebhookSender({ timeoutMs: config.feed.timeoutMs, publicOnly: config.production }, clock);
  const dispatcher = new WebhookDispatcher(dataSource, sender, config.feed.retry, logger, clock);
  return {
    webhooks: new WebhookService(dataSource, transactions, { production: config.production }, outbox),
    entitlementFeed,
    entitlementHub: new EntitlementHub(dataSource, changeListener),
    feedWorker: new FeedWorker(dataSource, config.feed, logger, outbox, dispatcher, entitlementFeed),
  };
}

/** pg-pool's own counts, read through TypeORM's driver (absent once the pool is closed). */
function poolStats(dataSource: DataSource): { total: number; idle: number; waiting: number } | null {
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}
