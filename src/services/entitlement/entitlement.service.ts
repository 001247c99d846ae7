import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { decideEntitlement, EntitlementDecision } from '../../domain/decide-entitlement';
import { Use } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { badInput, notFound, DomainError, ErrorCode } from '../../errors';
import { PolicyVersionCache } from './policy-version-cache';
import { SnapshotCache } from './snapshot-cache';
import { LoadedSnapshot, loadSnapshots } from './snapshot-loader';

export const MAX_ENTITLEMENT_BATCH = 1000;

/**
 * The hot path: answers "may account X use the service for Y at t?". The
 * inputs come from the snapshot cache or, on a miss, from one batched query
 * shared by every request in flight; the decision itself is the pure domain
 * function. Any failure is an error: never a default "allowed".
 */
export class EntitlementService {
  private readonly loader: DataLoader<string, LoadedSnapshot | null>;

  constructor(
    private readonly dataSource: DataSource,
    readonly cache: SnapshotCache | null,
    readonly policyVersions: PolicyVersionCache,
  ) {
    this.loader = new DataLoader((ids) => this.loadBatch(ids), { cache: false, maxBatchSize: MAX_ENTITLEMENT_BATCH });
  }

  async decide(accountId: string, use: Use, at: Date = new Date()): Promise<EntitlementDecision> {
    const [decision] = await this.decideMany([accountId], use, at);
    return decision;
  }

  /** Answers in the order asked; unknown ids are a NOT_FOUND naming them. */
  async decideMany(accountIds: readonly string[], use: Use, at: Date = new Date()): Promise<EntitlementDecision[]> {
    if (accountIds.length > MAX_ENTITLEMENT_BATCH) {
      throw badInput(`At most ${MAX_ENTITLEMENT_BATCH} account ids per request`, 'accountIds');
    }
    const [versions, snapshots] = await Promise.all([this.policyVersions.get(), this.snapshots(accountIds)]);
    const missing = accountIds.filter((_, i) => snapshots[i] === null);
    if (missing.length > 0) {
      if (missing.length === 1) throw notFound('Account', missing[0]);
      throw new DomainError(ErrorCode.NOT_FOUND, `Accounts not found: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`, { ids: missing });
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

  private async snapshots(ids: readonly string[]): Promise<Array<LoadedSnapshot | null>> {
    const out: Array<LoadedSnapshot | null> = new Array(ids.length).fill(null);
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
        const value = loaded[j];
        if (value instanceof Error) throw value;
        out[index] = value;
      });
    }
    return out;
  }

  private async loadBatch(ids: readonly string[]): Promise<Array<LoadedSnapshot | null>> {
    const generation = this.cache?.currentGeneration() ?? 0;
    const unique = [...new Set(ids)];
    const loaded = await loadSnapshots(this.dataSource, unique);
    if (this.cache) for (const [id, value] of loaded) this.cache.store(id, value, generation);
    return ids.map((id) => loaded.get(id) ?? null);
  }
}
