import DataLoader from 'dataloader';
import type { Sql } from '../../infrastructure/sql';
import { decideEntitlement, EntitlementDecision, PolicyVersionFact } from '../../domain/decide-entitlement';
import { Use } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { refuse, notFoundMessage } from '../../errors';
import type { Freshness } from './freshness';
import { PolicyVersionCache } from './policy-version-cache';
import { SnapshotCache } from './snapshot-cache';
import { LoadedSnapshot, loadReplicaSnapshots, loadSnapshots, SnapshotBatch } from './snapshot-loader';
import type { ReplicaReads } from '../../database/replica-reads';
import { Clock, systemClock } from '../../infrastructure/clock';
import { Revisions } from '../../infrastructure/revisions';
import { encodeRevision } from '../../domain/revision';

export const MAX_ENTITLEMENT_BATCH = 1000;

/** A decision as answered; one object literal of one shape (a spread costs more on every warm check). */
function answerOf(decision: EntitlementDecision, stale: boolean, recordsAsOf: Date, revision: string): EntitlementAnswer {
  return {
    accountId: decision.accountId,
    use: decision.use,
    allowed: decision.allowed,
    reasons: decision.reasons,
    policyVersion: decision.policyVersion,
    decidedAt: decision.decidedAt,
    validUntil: decision.validUntil,
    stale,
    recordsAsOf,
    revision,
  };
}

/** A decision and how current the records behind it are. */
export interface EntitlementAnswer extends EntitlementDecision {
  /** True when answered from memory while changes could not be heard (degraded mode). */
  stale: boolean;
  /** The instant up to which the records behind the answer are known to be current. */
  recordsAsOf: Date;
  /** Consistency token: the answer reflects every change committed up to it. */
  revision: string;
}

/**
 * The hot path: answers "may account X use the service for Y at t?". The
 * inputs come from the snapshot cache or, on a miss, from one batched query
 * shared by every request in flight; the decision itself is the pure domain
 * function. Any failure is an error: never a default "allowed". Whether
 * memory may answer, and how current it is, is the Freshness's to say.
 */
export class EntitlementService {
  private readonly loader: DataLoader<string, BatchItem>;

  constructor(
    private readonly sql: Sql,
    readonly cache: SnapshotCache | null,
    readonly policyVersions: PolicyVersionCache,
    readonly freshness: Freshness,
    private readonly clock: Clock = systemClock(),
    readonly revisions: Revisions = new Revisions(),
    /** A streaming replica for the loads it has replayed far enough for; null: the primary only. */
    private readonly replica: ReplicaReads | null = null,
  ) {
    // Batches every miss of the current event-loop turn, across requests, into one statement.
    this.loader = new DataLoader((ids) => this.loadBatch(ids), {
      cache: false,
      maxBatchSize: MAX_ENTITLEMENT_BATCH,
      batchScheduleFn: (callback) => setImmediate(callback),
    });
    // Hot entries are read again before their age bound runs out, batched like misses.
    cache?.onRefreshDue((id) => {
      this.loader
        .load(id)
        .catch(() => undefined) // the entry then expires as it would have; a request that finds it gone reads it
        .finally(() => cache.refreshEnded(id));
    });
  }

  /**
   * Answers in the order asked; unknown ids are a NOT_FOUND naming them.
   * When every input is in memory and may be answered from it, the answers
   * come back at once, without a promise (the warm path has no await);
   * otherwise a promise of them, read from the database.
   */
  decide(
    accountIds: readonly string[],
    use: Use,
    at: Date = this.clock.now(),
    atLeast: number | null = null,
  ): EntitlementAnswer[] | Promise<EntitlementAnswer[]> {
    assertBatchSize(accountIds);
    // Memory reflects every change up to the heard sequence; a caller who needs newer reads the database.
    if (atLeast !== null && atLeast > this.revisions.heardSequence) return this.loadFresh(accountIds, use, at, atLeast);
    return this.fromMemory(accountIds, use, at) ?? this.load(accountIds, use, at);
  }

  /** Forget cached inputs of these accounts ('*': all, including policy versions). */
  invalidate(accountIds: readonly string[]): void {
    if (accountIds.includes('*')) this.policyVersions.flush();
    this.cache?.invalidate(accountIds);
  }

  /** True while answering from memory without hearing changes (read by metrics and tests). */
  get degraded(): boolean {
    return this.freshness.memory() === 'stale';
  }

  /** While degraded: the instant the cached records were last known current; null otherwise. */
  get recordsAsOf(): Date | null {
    return this.freshness.staleAsOf();
  }

  /** Answers given from memory while degraded, since start (read by metrics). */
  get staleAnswers(): number {
    return this.freshness.staleAnswers;
  }

  /** Every input in memory and answerable from it: the answers; otherwise null. */
  private fromMemory(accountIds: readonly string[], use: Use, at: Date): EntitlementAnswer[] | null {
    if (this.cache === null) return null;
    const memory = this.freshness.memory();
    if (memory === 'none') return null;
    const versions = this.policyVersions.peek();
    if (versions === null) return null;
    const stale = memory === 'stale';
    const recordsAsOf = stale ? this.freshness.staleAsOf() : this.clock.now();
    if (recordsAsOf === null) return null; // the window ran out just now
    const revision = encodeRevision(this.revisions.heardSequence);
    const answers: EntitlementAnswer[] = [];
    for (const id of accountIds) {
      const hit = this.cache.get(id.toLowerCase());
      if (hit === undefined) return null;
      answers.push(answerOf(decideEntitlement(hit.snapshot, versions, use, at), stale, recordsAsOf, revision));
    }
    if (stale) this.freshness.countStale(answers.length);
    return answers;
  }

  private async load(accountIds: readonly string[], use: Use, at: Date): Promise<EntitlementAnswer[]> {
    // Memory and the database both reflect at least what memory has heard.
    const revision = encodeRevision(this.revisions.heardSequence);
    const { snapshots, stale, staleAsOf, versions: loadedVersions } = await this.snapshots(accountIds);
    const versions = loadedVersions ?? (await this.policyVersions.get());
    assertFound(accountIds, snapshots);
    const now = this.clock.now();
    // Versions read from memory while degraded are as old as the cache: every answer is then stale.
    const staleVersions = loadedVersions === null && staleAsOf !== null;
    const answers = snapshots.map((s, i): EntitlementAnswer => {
      const isStale = staleAsOf !== null && (stale[i] || staleVersions);
      return answerOf(decideEntitlement(s!.snapshot, versions, use, at), isStale, isStale ? staleAsOf : now, revision);
    });
    this.freshness.countStale(answers.filter((a) => a.stale).length);
    return answers;
  }

  /**
   * Read-your-writes across processes: everything from the database, in one
   * statement, policy versions included. Any sequence a caller holds was
   * committed before it was handed out, so a read that starts now sees it.
   */
  private async loadFresh(accountIds: readonly string[], use: Use, at: Date, atLeast: number): Promise<EntitlementAnswer[]> {
    const needed = Math.max(atLeast, this.revisions.latestSequence);
    const revision = encodeRevision(needed);
    const keys = accountIds.map((id) => id.toLowerCase());
    const valid = [...new Set(keys.filter(isUuid))];
    const { snapshots, policyVersions } = await this.read(valid, { withPolicyVersions: true }, needed);
    const found = keys.map((k) => snapshots.get(k) ?? null);
    assertFound(accountIds, found);
    const now = this.clock.now();
    return found.map((s) => answerOf(decideEntitlement(s!.snapshot, policyVersions ?? [], use, at), false, now, revision));
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
    const staleAsOf = this.freshness.staleAsOf();
    const fromMemoryIsStale = staleAsOf !== null;
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
    const cache = this.cache;
    cache?.countMisses(ids.filter((id) => !cache.isRefreshing(id)).length);
    // Without trusted cached versions, they come in the same round trip.
    const withPolicyVersions = this.freshness.memory() !== 'fresh';
    // Whatever is cached must reflect every change heard, and this process's own writes: the replica serves only from there on.
    const needed = this.revisions.latestSequence;
    const { snapshots, policyVersions } = await this.read([...new Set(ids)], { withPolicyVersions }, needed);
    if (this.cache) for (const [id, value] of snapshots) this.cache.store(id, value, generation);
    return ids.map((id) => ({ snapshot: snapshots.get(id) ?? null, versions: policyVersions }));
  }

  /** The snapshot statement on the replica when it has replayed up to `needed`, else on the primary. */
  private read(ids: readonly string[], options: { withPolicyVersions: boolean }, needed: number): Promise<SnapshotBatch> {
    const primary = () => loadSnapshots(this.sql, ids, options);
    if (this.replica === null) return primary();
    return this.replica.decision(
      needed,
      async (sql) => {
        const { replayed, ...value } = await loadReplicaSnapshots(sql, ids, options);
        return { value, replayed };
      },
      primary,
    );
  }
}

function assertFound(accountIds: readonly string[], snapshots: ReadonlyArray<LoadedSnapshot | null>): void {
  const missing = accountIds.filter((_, i) => snapshots[i] === null);
  if (missing.length === 0) return;
  if (missing.length === 1) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', missing[0]));
  throw refuse('ACCOUNT_NOT_FOUND', `Accounts not found: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`, {
    ids: missing,
  });
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
