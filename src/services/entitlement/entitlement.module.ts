import { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { ChangeListener } from '../../infrastructure/change-listener';
import type { Clock } from '../../infrastructure/clock';
import { Revisions } from '../../infrastructure/revisions';
import { decodeAccountChange } from '../../domain/revision';
import type { Sql } from '../../infrastructure/sql';
import { ACCOUNT_CHANGED_CHANNEL, TransactionRunner } from '../../infrastructure/transaction-runner';
import type { Logger } from '../../logger';
import type { ReplicaReads } from '../../database/replica-reads';
import { EntitlementService } from './entitlement.service';
import { Freshness } from './freshness';
import { PolicyVersionCache } from './policy-version-cache';
import { SnapshotCache } from './snapshot-cache';

/** Exactly what entitlement decisions need. */
export interface EntitlementDependencies {
  /** The hot path's prepared statements. */
  sql: Sql;
  dataSource: DataSource;
  transactions: TransactionRunner;
  changeListener: ChangeListener;
  revisions: Revisions;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'entitlementCache' | 'entitlementStaleMaxS'>;
  /** Misses read the replica when it has replayed far enough. */
  replica?: ReplicaReads | null;
}

export interface EntitlementServices {
  entitlements: EntitlementService;
}

const SNAPSHOT_CACHE_ENTRIES = 500_000;

export function createEntitlement(deps: EntitlementDependencies): EntitlementServices {
  const { config } = deps;
  let cache: SnapshotCache | null = null;
  // Untrusted until the listener is in place.
  const freshness = new Freshness(deps.clock, {
    cacheEnabled: config.entitlementCache,
    staleMaxMs: config.entitlementCache ? config.entitlementStaleMaxS * 1000 : 0,
    logger: deps.logger,
    cachedAccounts: () => cache?.size ?? 0,
  });
  cache = config.entitlementCache ? new SnapshotCache(freshness, SNAPSHOT_CACHE_ENTRIES) : null;
  const entitlements = new EntitlementService(
    deps.sql,
    cache,
    new PolicyVersionCache(deps.dataSource, freshness),
    freshness,
    deps.clock,
    deps.revisions,
    deps.replica ?? null,
  );
  // Own writes invalidate before the mutation answers; other processes' writes arrive by NOTIFY.
  deps.transactions.onAccountsChanged((ids) => entitlements.invalidate(ids));
  deps.changeListener.subscribe(ACCOUNT_CHANGED_CHANNEL, {
    onNotification: (payload) => {
      const { sequence, accountIds } = decodeAccountChange(payload);
      entitlements.invalidate(accountIds);
      // Notifications arrive in commit order: memory now reflects every change up to this one.
      if (sequence !== null) deps.revisions.heard(sequence);
    },
    onDisconnected: () => freshness.changesLost(),
    onConnected: () => freshness.changesHeard(),
  });
  return { entitlements };
}
