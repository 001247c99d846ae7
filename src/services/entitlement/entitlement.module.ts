import { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { ChangeListener } from '../../infrastructure/change-listener';
import type { Clock } from '../../infrastructure/clock';
import type { Sql } from '../../infrastructure/sql';
import { ACCOUNT_CHANGED_CHANNEL, TransactionRunner } from '../../infrastructure/transaction-runner';
import type { Logger } from '../../logger';
import { EntitlementService } from './entitlement.service';
import { PolicyVersionCache } from './policy-version-cache';
import { SnapshotCache } from './snapshot-cache';

/** Exactly what entitlement decisions need. */
export interface EntitlementDependencies {
  /** The hot path's prepared statements. */
  sql: Sql;
  dataSource: DataSource;
  transactions: TransactionRunner;
  changeListener: ChangeListener;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'entitlementCache' | 'entitlementStaleMaxS'>;
}

export interface EntitlementServices {
  entitlements: EntitlementService;
}

const SNAPSHOT_CACHE_ENTRIES = 500_000;

export function createEntitlement(deps: EntitlementDependencies): EntitlementServices {
  const { config } = deps;
  const entitlements = new EntitlementService(
    deps.sql,
    config.entitlementCache ? new SnapshotCache(SNAPSHOT_CACHE_ENTRIES) : null,
    new PolicyVersionCache(deps.dataSource, config.entitlementCache),
    deps.clock,
    { staleMaxMs: config.entitlementCache ? config.entitlementStaleMaxS * 1000 : 0, logger: deps.logger },
  );
  // Own writes invalidate before the mutation answers; other processes' writes arrive by NOTIFY.
  deps.transactions.onAccountsChanged((ids) => entitlements.invalidate(ids));
  deps.changeListener.subscribe(ACCOUNT_CHANGED_CHANNEL, {
    onNotification: (payload) => entitlements.invalidate(payload.split(',')),
    onDisconnected: () => entitlements.changesLost(),
    onConnected: () => entitlements.changesHeard(config.entitlementCache),
  });
  entitlements.setTrusted(false); // until the listener is in place
  return { entitlements };
}
