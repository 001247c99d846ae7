import { LRUCache } from 'lru-cache';
import type { LoadedSnapshot } from './snapshot-loader';

/**
 * In-process cache of decision snapshots, keyed by account. A snapshot holds
 * no time: the decision is recomputed from it at every request, so entries
 * never go stale by the clock, only by writes, and every write invalidates.
 *
 * A load that raced with an invalidation must not repopulate the cache with
 * what it read before the write committed: loads take the generation when
 * they start and store only if no invalidation happened since.
 */
export class SnapshotCache {
  private readonly entries: LRUCache<string, LoadedSnapshot>;
  /** linked account -> cached accounts whose decision reads its suspensions */
  private readonly dependents = new Map<string, Set<string>>();
  private generation = 0;
  private enabled = true;
  /** Read by /metrics; plain numbers keep the hot path free of allocations. */
  hits = 0;
  misses = 0;
  /** Set while degraded: changes cannot be heard since then; the entries are kept and served as of it. */
  private frozenSinceMs: number | null = null;

  /**
   * maxAgeMs bounds how long an entry is trusted without hearing about it,
   * against a change notification lost on a connection that died silently.
   */
  constructor(maxEntries: number, maxAgeMs = 60_000) {
    this.entries = new LRUCache<string, LoadedSnapshot>({
      max: maxEntries,
      ttl: maxAgeMs,
      dispose: (value, key) => this.forgetDependencies(key, value),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get(accountId: string): LoadedSnapshot | undefined {
    if (!this.enabled) return undefined;
    let value: LoadedSnapshot | undefined;
    if (this.frozenSinceMs === null) value = this.entries.get(accountId);
    else {
      // Frozen: an entry whose age bound ran out during the outage was still
      // trusted when the cache froze, so it is as good as any other (as of then).
      const kept = this.entries.get(accountId, { allowStale: true, noDeleteOnStaleGet: true });
      value = kept !== undefined && this.entries.getRemainingTTL(accountId) + (Date.now() - this.frozenSinceMs) >= 0 ? kept : undefined;
    }
    if (value !== undefined) this.hits += 1;
    return value;
  }

  /** Counted where the database is actually read, so a miss retried on the slow path counts once. */
  countMisses(n: number): void {
    this.misses += n;
  }

  /**
   * Keeps the entries (as they were at `sinceMs`) but stores nothing new:
   * a load made now could not be kept current. Invalidations still apply.
   * setEnabled() ends it.
   */
  freeze(sinceMs: number): void {
    if (this.enabled) this.frozenSinceMs = sinceMs;
  }

  get isFrozen(): boolean {
    return this.frozenSinceMs !== null;
  }

  /** Call before reading from the database; pass the result to store(). */
  currentGeneration(): number {
    return this.generation;
  }

  store(accountId: string, loaded: LoadedSnapshot, generationAtLoad: number): void {
    if (!this.enabled || this.frozenSinceMs !== null || generationAtLoad !== this.generation) return;
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

  /** While changes from other processes cannot be heard, nothing is served from or stored in the cache. */
  setEnabled(enabled: boolean): void {
    this.flush();
    this.frozenSinceMs = null;
    this.enabled = enabled;
  }

  get isEnabled(): boolean {
    return this.enabled;
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
