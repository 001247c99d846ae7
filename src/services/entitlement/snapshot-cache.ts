import { LRUCache } from 'lru-cache';
import { type Freshness, REFRESH_AHEAD_SHARE } from './freshness';
import type { LoadedSnapshot } from './snapshot-loader';

/**
 * In-process cache of decision snapshots, keyed by account. A snapshot holds
 * no time: the decision is recomputed from it at every request, so entries
 * never go stale by the clock, only by writes, and every write invalidates.
 *
 * A load that raced with an invalidation must not repopulate the cache with
 * what it read before the write committed: loads take the generation when
 * they start and store only if no invalidation happened since.
 *
 * Whether entries may be served, and as of when, is the Freshness's to say.
 */
export class SnapshotCache {
  private readonly entries: LRUCache<string, LoadedSnapshot>;
  /** linked account -> cached accounts whose decision reads its suspensions */
  private readonly dependents = new Map<string, Set<string>>();
  private generation = 0;
  /** Entries read again ahead of their age bound and not yet stored or dropped. */
  private readonly refreshing = new Set<string>();
  private refresh: ((accountId: string) => void) | null = null;
  private readonly refreshWithinMs: number;
  /** Read by /metrics; plain numbers keep the hot path free of allocations. */
  hits = 0;
  misses = 0;

  /**
   * maxAgeMs bounds how long an entry is trusted without hearing about it,
   * against a change notification lost on a connection that died silently.
   */
  constructor(
    private readonly freshness: Freshness,
    maxEntries: number,
    maxAgeMs = 60_000,
  ) {
    this.refreshWithinMs = maxAgeMs * REFRESH_AHEAD_SHARE;
    this.entries = new LRUCache<string, LoadedSnapshot>({
      max: maxEntries,
      ttl: maxAgeMs,
      // Ages on the freshness clock, read at every access (a fake clock drives them exactly).
      perf: { now: () => freshness.nowMs() },
      ttlResolution: 0,
      dispose: (value, key) => this.forgetDependencies(key, value),
    });
    // Trust gained or lost: whatever memory holds may have missed changes. Degraded keeps the entries.
    freshness.subscribe((state) => {
      if (state !== 'degraded') this.flush();
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get(accountId: string): LoadedSnapshot | undefined {
    const memory = this.freshness.memory();
    if (memory === 'none') return undefined;
    let value: LoadedSnapshot | undefined;
    if (memory === 'fresh') {
      value = this.entries.get(accountId);
      if (value !== undefined && this.refresh !== null && this.entries.getRemainingTTL(accountId) < this.refreshWithinMs) {
        this.refreshDue(accountId);
      }
    } else {
      // Stale: an entry whose age bound ran out during the outage was still
      // trusted when changes stopped being heard, so it is as good as any other (as of then).
      const kept = this.entries.get(accountId, { allowStale: true, noDeleteOnStaleGet: true });
      const sinceLossMs = this.freshness.nowMs() - this.freshness.degradedSinceMs;
      value = kept !== undefined && this.entries.getRemainingTTL(accountId) + sinceLossMs >= 0 ? kept : undefined;
    }
    if (value !== undefined) this.hits += 1;
    return value;
  }

  /**
   * `refresh` is called, once until it is stored again or dropped, for an
   * entry asked for in the last share of its age bound (REFRESH_AHEAD_SHARE); it reads the entry
   * again in the background, and the entry is served meanwhile (it is still
   * within its bound). The bound is unchanged: an entry not read again in
   * time expires as before.
   */
  onRefreshDue(refresh: (accountId: string) => void): void {
    this.refresh = refresh;
  }

  /** Whether the account is being read again ahead of its age bound (such a read is not a miss). */
  isRefreshing(accountId: string): boolean {
    return this.refreshing.has(accountId);
  }

  /** The background read of the account ended, stored or not. */
  refreshEnded(accountId: string): void {
    this.refreshing.delete(accountId);
  }

  private refreshDue(accountId: string): void {
    if (this.refreshing.has(accountId)) return;
    this.refreshing.add(accountId);
    this.refresh!(accountId);
  }

  /** Counted where the database is actually read, so a miss retried on the slow path counts once. */
  countMisses(n: number): void {
    this.misses += n;
  }

  /** Call before reading from the database; pass the result to store(). */
  currentGeneration(): number {
    return this.generation;
  }

  /** Only while trusted: a load made while changes cannot be heard could not be kept current. */
  store(accountId: string, loaded: LoadedSnapshot, generationAtLoad: number): void {
    if (this.freshness.state !== 'trusted' || generationAtLoad !== this.generation) return;
    this.entries.set(accountId, loaded);
    for (const linked of loaded.linkedAccountIds) {
      let set = this.dependents.get(linked);
      if (!set) this.dependents.set(linked, (set = new Set()));
      set.add(accountId);
    }
  }

  /** Drops the accounts and every cached account linked to them; '*' drops everything. */
  invalidate(accountIds: readonly string[]): void {
    this.generation += 1;
    if (accountIds.includes('*')) {
      this.flush();
      return;
    }
    for (const raw of accountIds) {
      const id = raw.toLowerCase();
      this.entries.delete(id);
      const dependents = this.dependents.get(id);
      if (dependents) for (const d of [...dependents]) this.entries.delete(d);
    }
  }

  flush(): void {
    this.generation += 1;
    this.entries.clear();
    this.dependents.clear();
  }

  /** Whether entries are served now (trusted, or degraded within the window). */
  get isEnabled(): boolean {
    return this.freshness.memory() !== 'none';
  }

  private forgetDependencies(accountId: string, value: LoadedSnapshot): void {
    for (const linked of value.linkedAccountIds) {
      const set = this.dependents.get(linked);
      if (!set) continue;
      set.delete(accountId);
      if (set.size === 0) this.dependents.delete(linked);
    }
  }
}
