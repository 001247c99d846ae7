import DataLoader from 'dataloader';
import type { SqlExecutor } from '../../database/sql-executor';
import { decideEntitlement, EntitlementDecision, PolicyVersionFact } from '../../domain/decide-entitlement';
import { Use } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { AccountReason, InputReason, badInput, notFound, DomainError } from '../../errors';
import { PolicyVersionCache } from './policy-version-cache';
import { SnapshotCache } from './snapshot-cache';
import { LoadedSnapshot, loadSnapshots } from './snapshot-loader';
import { Clock, systemClock } from '../clock';

export const MAX_ENTITLEMENT_BATCH = 1000;

/**
 * The hot path: answers "may account X use the service for Y at t?". The
 * inputs come from the snapshot cache or, on a miss, from one batched query
 * shared by every request in flight; the decision itself is the pure domain
 * function. Any failure is an error: never a default "allowed".
 */
export class EntitlementService {
  private readonly loader: DataLoader<string, BatchItem>;

  constructor(
    private readonly sql: SqlExecutor,
    readonly cache: SnapshotCache | null,
    readonly policyVersions: PolicyVersionCache,
    private readonly clock: Clock = systemClock(),
  ) {
    // Batches every miss of the current event-loop turn, across requests, into one statement.
    this.loader = new DataLoader((ids) => this.loadBatch(ids), {
      cache: false,
      maxBatchSize: MAX_ENTITLEMENT_BATCH,
      batchScheduleFn: (callback) => setImmediate(callback),
    });
  }

  async decide(accountId: string, use: Use, at: Date = this.clock.now()): Promise<EntitlementDecision> {
    const [decision] = await this.decideMany([accountId], use, at);
    return decision;
  }

  /**
   * The warm path without a single await: the decision when every input is
   * in memory and trusted, otherwise null (then use decide/decideMany).
   */
  decideFromCache(accountIds: readonly string[], use: Use, at: Date): EntitlementDecision[] | null {
    assertBatchSize(accountIds);
    const versions = this.policyVersions.peek();
    if (versions === null || this.cache === null) return null;
    const decisions: EntitlementDecision[] = [];
    for (const id of accountIds) {
      const hit = this.cache.get(id.toLowerCase());
      if (hit === undefined) return null;
      decisions.push(decideEntitlement(hit.snapshot, versions, use, at));
    }
    return decisions;
  }

  /** Answers in the order asked; unknown ids are a NOT_FOUND naming them. */
  async decideMany(accountIds: readonly string[], use: Use, at: Date = this.clock.now()): Promise<EntitlementDecision[]> {
    assertBatchSize(accountIds);
    const { snapshots, versions: loadedVersions } = await this.snapshots(accountIds);
    const versions = loadedVersions ?? (await this.policyVersions.get());
    const missing = accountIds.filter((_, i) => snapshots[i] === null);
    if (missing.length > 0) {
      if (missing.length === 1) throw notFound('Account', missing[0], AccountReason.ACCOUNT_NOT_FOUND);
      throw new DomainError(AccountReason.ACCOUNT_NOT_FOUND, `Accounts not found: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`, { ids: missing });
    }
    return snapshots.map((s) => decideEntitlement(s!.snapshot, versions, use, at));
  }

  /** Forget cached inputs of these accounts ('*': all, including policy versions). */
  invalidate(accountIds: readonly string[]): void {
    if (accountIds.includes('*')) this.policyVersions.flush();
    this.cache?.invalidate(accountIds);
  }

  /** While changes from other processes cannot be heard, serve nothing from memory. */
  setTrusted(trusted: boolean): void {
    this.policyVersions.setEnabled(trusted);
    this.cache?.setEnabled(trusted);
  }

  private async snapshots(ids: readonly string[]): Promise<{ snapshots: Array<LoadedSnapshot | null>; versions: PolicyVersionFact[] | null }> {
    const out: Array<LoadedSnapshot | null> = new Array(ids.length).fill(null);
    let versions: PolicyVersionFact[] | null = null;
    const misses: number[] = [];
    const keys = ids.map((id) => id.toLowerCase());
    for (let i = 0; i < keys.length; i += 1) {
      if (!isUuid(keys[i])) continue; // cannot name an account: stays null, reported as not found
      const hit = this.cache?.get(keys[i]);
      if (hit) out[i] = hit;
      else misses.push(i);
    }
    if (misses.length > 0) {
      const loaded = await this.loader.loadMany(misses.map((i) => keys[i]));
      misses.forEach((index, j) => {
        const item = loaded[j];
        if (item instanceof Error) throw item;
        out[index] = item.snapshot;
        versions ??= item.versions;
      });
    }
    return { snapshots: out, versions };
  }

  private async loadBatch(ids: readonly string[]): Promise<BatchItem[]> {
    const generation = this.cache?.currentGeneration() ?? 0;
    // Without trusted cached versions, they come in the same round trip.
    const withPolicyVersions = !this.policyVersions.isEnabled;
    const { snapshots, policyVersions } = await loadSnapshots(this.sql, [...new Set(ids)], { withPolicyVersions });
    if (this.cache) for (const [id, value] of snapshots) this.cache.store(id, value, generation);
    return ids.map((id) => ({ snapshot: snapshots.get(id) ?? null, versions: policyVersions }));
  }
}

function assertBatchSize(accountIds: readonly string[]): void {
  if (accountIds.length > MAX_ENTITLEMENT_BATCH) {
    throw badInput(`At most ${MAX_ENTITLEMENT_BATCH} account ids per request`, 'accountIds', {}, InputReason.BATCH_TOO_LARGE);
  }
}

interface BatchItem {
  snapshot: LoadedSnapshot | null;
  versions: PolicyVersionFact[] | null;
}
