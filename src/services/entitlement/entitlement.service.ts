import DataLoader from 'dataloader';
import type { Sql } from '../../infrastructure/sql';
import { decideEntitlement, EntitlementDecision, PolicyVersionFact } from '../../domain/decide-entitlement';
import { Use } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { refuse, notFoundMessage } from '../../errors';
import type { Logger } from '../../logger';
import { PolicyVersionCache } from './policy-version-cache';
import { SnapshotCache } from './snapshot-cache';
import { LoadedSnapshot, loadSnapshots } from './snapshot-loader';
import { Clock, systemClock } from '../../infrastructure/clock';

export const MAX_ENTITLEMENT_BATCH = 1000;

/** A decision and how current the records behind it are. */
export interface EntitlementAnswer extends EntitlementDecision {
  /** True when answered from memory while changes could not be heard (degraded mode). */
  stale: boolean;
  /** The instant up to which the records behind the answer are known to be current. */
  recordsAsOf: Date;
}

export interface DegradedModeOptions {
  /** How long after losing the change listener cached decisions are still answered; 0 fails closed at once. */
  staleMaxMs: number;
  logger?: Logger;
}

function answer(decision: EntitlementDecision, stale: boolean, recordsAsOf: Date): EntitlementAnswer {
  const a = decision as EntitlementAnswer;
  a.stale = stale;
  a.recordsAsOf = recordsAsOf;
  return a;
}

/**
 * The hot path: answers "may account X use the service for Y at t?". The
 * inputs come from the snapshot cache or, on a miss, from one batched query
 * shared by every request in flight; the decision itself is the pure domain
 * function. Any failure is an error: never a default "allowed".
 */
export class EntitlementService {
  private readonly loader: DataLoader<string, BatchItem>;
  /** While degraded: when the cache stopped hearing changes (ms since the epoch). */
  private degradedSinceMs: number | null = null;
  private windowTimer: NodeJS.Timeout | null = null;
  /** Answers given from memory while degraded, since start (read by metrics). */
  staleAnswers = 0;

  constructor(
    private readonly sql: Sql,
    readonly cache: SnapshotCache | null,
    readonly policyVersions: PolicyVersionCache,
    private readonly clock: Clock = systemClock(),
    private readonly degradedMode: DegradedModeOptions = { staleMaxMs: 0 },
  ) {
    // Batches every miss of the current event-loop turn, across requests, into one statement.
    this.loader = new DataLoader((ids) => this.loadBatch(ids), {
      cache: false,
      maxBatchSize: MAX_ENTITLEMENT_BATCH,
      batchScheduleFn: (callback) => setImmediate(callback),
    });
  }

  async decide(accountId: string, use: Use, at: Date = this.clock.now()): Promise<EntitlementAnswer> {
    const [decision] = await this.decideMany([accountId], use, at);
    return decision;
  }

  /**
   * The warm path without a single await: the decision when every input is
   * in memory and trusted (or, while degraded, within the stale window),
   * otherwise null (then use decide/decideMany).
   */
  decideFromCache(accountIds: readonly string[], use: Use, at: Date): EntitlementAnswer[] | null {
    assertBatchSize(accountIds);
    const versions = this.policyVersions.peek();
    if (versions === null || this.cache === null) return null;
    const stale = this.degradedSinceMs !== null;
    if (stale && !this.withinStaleWindow()) return null;
    const asOf = stale ? new Date(this.degradedSinceMs!) : this.clock.now();
    const decisions: EntitlementAnswer[] = [];
    for (const id of accountIds) {
      const hit = this.cache.get(id.toLowerCase());
      if (hit === undefined) return null;
      decisions.push(answer(decideEntitlement(hit.snapshot, versions, use, at), stale, asOf));
    }
    if (stale) this.staleAnswers += decisions.length;
    return decisions;
  }

  /** Answers in the order asked; unknown ids are a NOT_FOUND naming them. */
  async decideMany(accountIds: readonly string[], use: Use, at: Date = this.clock.now()): Promise<EntitlementAnswer[]> {
    assertBatchSize(accountIds);
    const { snapshots, stale, staleAsOf, versions: loadedVersions } = await this.snapshots(accountIds);
    const versions = loadedVersions ?? (await this.policyVersions.get());
    const missing = accountIds.filter((_, i) => snapshots[i] === null);
    if (missing.length > 0) {
      if (missing.length === 1) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', missing[0]));
      throw refuse('ACCOUNT_NOT_FOUND', `Accounts not found: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`, {
        ids: missing,
      });
    }
    const now = this.clock.now();
    // Versions read from memory while degraded are as old as the cache: every answer is then stale.
    const staleVersions = loadedVersions === null && staleAsOf !== null;
    const answers = snapshots.map((s, i) => {
      const isStale = staleAsOf !== null && (stale[i] || staleVersions);
      return answer(decideEntitlement(s!.snapshot, versions, use, at), isStale, isStale ? staleAsOf : now);
    });
    this.staleAnswers += answers.filter((a) => a.stale).length;
    return answers;
  }

  /** Forget cached inputs of these accounts ('*': all, including policy versions). */
  invalidate(accountIds: readonly string[]): void {
    if (accountIds.includes('*')) this.policyVersions.flush();
    this.cache?.invalidate(accountIds);
  }

  /** True while answering from memory without hearing changes (read by metrics). */
  get degraded(): boolean {
    return this.degradedSinceMs !== null && this.withinStaleWindow();
  }

  /** While degraded: the instant the cached records were last known current; null otherwise. */
  get recordsAsOf(): Date | null {
    return this.degraded ? new Date(this.degradedSinceMs!) : null;
  }

  /** The change listener is in place: everything it may have missed is dropped, memory is trusted again. */
  changesHeard(cacheEnabled: boolean): void {
    this.leaveDegradedMode('reconnected');
    this.setTrusted(cacheEnabled);
  }

  /**
   * The change listener is lost (so, usually, is the database). Within the
   * stale window the cache keeps answering, flagged stale, as of now; after
   * it, or with a window of 0, nothing is served from memory.
   */
  changesLost(): void {
    const cacheWasTrusted = this.cache?.isEnabled === true && !this.cache.isFrozen;
    if (this.degradedMode.staleMaxMs <= 0 || !cacheWasTrusted) {
      if (this.degradedSinceMs === null) this.setTrusted(false);
      return;
    }
    const since = Date.now();
    this.degradedSinceMs = since;
    this.cache!.freeze(since);
    this.policyVersions.freeze(since);
    this.armWindowTimer(this.degradedMode.staleMaxMs + 1);
    this.degradedMode.logger?.warn(
      { staleMaxS: this.degradedMode.staleMaxMs / 1000, recordsAsOf: new Date(since).toISOString(), cachedAccounts: this.cache!.size },
      'entitlement degraded mode entered: answering cached decisions, flagged stale, until changes can be heard again',
    );
  }

  /** While changes from other processes cannot be heard, serve nothing from memory. */
  setTrusted(trusted: boolean): void {
    this.policyVersions.setEnabled(trusted);
    this.cache?.setEnabled(trusted);
  }

  /** Ends the window on time even without requests (timers may fire a little early: re-armed then). */
  private armWindowTimer(delayMs: number): void {
    this.windowTimer = setTimeout(() => {
      this.windowTimer = null;
      if (this.withinStaleWindow() && this.degradedSinceMs !== null) {
        this.armWindowTimer(Math.max(1, this.degradedSinceMs + this.degradedMode.staleMaxMs + 1 - Date.now()));
      }
    }, delayMs);
    this.windowTimer.unref();
  }

  /** Ends degraded mode (failing closed) once the window has passed; true while still within it. */
  private withinStaleWindow(): boolean {
    if (this.degradedSinceMs === null) return true;
    if (Date.now() - this.degradedSinceMs <= this.degradedMode.staleMaxMs) return true;
    this.leaveDegradedMode('stale window over; failing closed until changes can be heard');
    this.setTrusted(false);
    return false;
  }

  private leaveDegradedMode(reason: string): void {
    if (this.degradedSinceMs === null) return;
    if (this.windowTimer) clearTimeout(this.windowTimer);
    this.windowTimer = null;
    const durationMs = Date.now() - this.degradedSinceMs;
    this.degradedSinceMs = null;
    this.degradedMode.logger?.info({ reason, durationMs, staleAnswers: this.staleAnswers }, 'entitlement degraded mode left');
  }

  private async snapshots(ids: readonly string[]): Promise<{
    snapshots: Array<LoadedSnapshot | null>;
    /** Per id: answered from memory while degraded. */
    stale: boolean[];
    /** While degraded: as of when memory is current. */
    staleAsOf: Date | null;
    versions: PolicyVersionFact[] | null;
  }> {
    const out: Array<LoadedSnapshot | null> = new Array(ids.length).fill(null);
    const stale: boolean[] = new Array(ids.length).fill(false);
    let versions: PolicyVersionFact[] | null = null;
    const misses: number[] = [];
    const keys = ids.map((id) => id.toLowerCase());
    const fromMemoryIsStale = this.degradedSinceMs !== null && this.withinStaleWindow();
    const staleAsOf = fromMemoryIsStale ? new Date(this.degradedSinceMs!) : null;
    for (let i = 0; i < keys.length; i += 1) {
      if (!isUuid(keys[i])) continue; // cannot name an account: stays null, reported as not found
      const hit = this.cache?.get(keys[i]);
      if (hit) {
        out[i] = hit;
        stale[i] = fromMemoryIsStale;
      } else misses.push(i);
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
    return { snapshots: out, stale, staleAsOf, versions };
  }

  private async loadBatch(ids: readonly string[]): Promise<BatchItem[]> {
    const generation = this.cache?.currentGeneration() ?? 0;
    this.cache?.countMisses(ids.length);
    // Without trusted cached versions, they come in the same round trip.
    const withPolicyVersions = !this.policyVersions.isEnabled;
    const { snapshots, policyVersions } = await loadSnapshots(this.sql, [...new Set(ids)], { withPolicyVersions });
    if (this.cache) for (const [id, value] of snapshots) this.cache.store(id, value, generation);
    return ids.map((id) => ({ snapshot: snapshots.get(id) ?? null, versions: policyVersions }));
  }
}

function assertBatchSize(accountIds: readonly string[]): void {
  if (accountIds.length > MAX_ENTITLEMENT_BATCH) {
    throw refuse('BATCH_TOO_LARGE', `At most ${MAX_ENTITLEMENT_BATCH} account ids per request`, { field: 'accountIds' });
  }
}

interface BatchItem {
  snapshot: LoadedSnapshot | null;
  versions: PolicyVersionFact[] | null;
}
