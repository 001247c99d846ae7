import { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { ChangeListener } from '../../infrastructure/change-listener';
import type { Clock } from '../../infrastructure/clock';
import { JobQueue } from '../../infrastructure/job-queue';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { Logger } from '../../logger';
import { EntitlementFeed } from './entitlement-feed';
import { EntitlementHub } from './entitlement-hub';
import { eventsFor } from './event-map';
import { FeedWorker } from './feed-worker';
import { Outbox } from './outbox';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSender } from './webhook-sender';
import { WebhookService } from './webhook.service';

/** Exactly what the change feed needs. */
export interface FeedDependencies {
  dataSource: DataSource;
  transactions: TransactionRunner;
  changeListener: ChangeListener;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'feed' | 'production'>;
}

export interface FeedServices {
  webhooks: WebhookService;
  entitlementFeed: EntitlementFeed;
  entitlementHub: EntitlementHub;
  feedWorker: FeedWorker;
}

/**
 * The change feed: every transaction writes the events of its audited changes
 * to the outbox and queues a recompute of the entitlements it touched; the
 * worker delivers webhooks and announces entitlement.changed.
 */
export function createFeed(deps: FeedDependencies): FeedServices {
  const { dataSource, transactions, jobs, clock, logger, config } = deps;
  const outbox = new Outbox(jobs, clock);
  transactions.beforeCommit(async (uow) => {
    await outbox.append(uow.manager, eventsFor(uow.changes));
    const touched = [...uow.touchedAccounts];
    if (touched.includes('*')) await jobs.recomputeAll(uow.manager);
    await jobs.recompute(
      uow.manager,
      touched.filter((id) => id !== '*'),
    );
  });
  const entitlementFeed = new EntitlementFeed(dataSource, outbox, jobs, clock);
  const sender = new WebhookSender({ timeoutMs: config.feed.timeoutMs, publicOnly: config.production }, clock);
  const dispatcher = new WebhookDispatcher(dataSource, sender, config.feed.retry, logger, jobs, clock);
  return {
    webhooks: new WebhookService(dataSource, transactions, { production: config.production }, jobs, clock),
    entitlementFeed,
    entitlementHub: new EntitlementHub(dataSource, deps.changeListener, { retentionMs: config.feed.changesRetentionMs, clock, logger }),
    feedWorker: new FeedWorker(dataSource, config.feed, logger, jobs, dispatcher, entitlementFeed),
  };
}
