import { DataSource } from 'typeorm';
import type { PolicyVersionFact } from '../../domain/decide-entitlement';
import { type Freshness, type MemoryUse, REFRESH_AHEAD_SHARE } from './freshness';

/** Policy versions change a few times a year; every decision reads them, so they are kept in memory. */
export class PolicyVersionCache {
  private versions: Promise<PolicyVersionFact[]> | null = null;
  /** The same list once loaded, for callers that must not wait a tick. */
  private loaded: PolicyVersionFact[] | null = null;
  /** On the freshness clock. */
  private loadedAtMs = 0;
  /** A read ahead of the age bound in flight (see peek). */
  private refreshing: Promise<void> | null = null;

  /** maxAgeMs: as for snapshots, a bound on trusting memory without hearing about changes. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly freshness: Freshness,
    private readonly maxAgeMs = 60_000,
  ) {
    freshness.subscribe((state) => {
      // A load in flight when trust changed is not kept; degraded keeps the list as it was.
      this.versions = null;
      if (state !== 'degraded') this.loaded = null;
    });
  }

  get(): Promise<PolicyVersionFact[]> {
    const memory = this.freshness.memory();
    if (memory === 'none') return this.load();
    if (memory === 'stale') {
      const kept = this.usable(memory);
      return kept !== null ? Promise.resolve(kept) : this.load();
    }
    if (this.loaded !== null && this.freshness.nowMs() - this.loadedAtMs > this.maxAgeMs) this.flush();
    if (this.versions === null) {
      const pending = this.load().then(
        (list) => {
          if (this.versions === pending) {
            this.loaded = list; // not if flushed meanwhile
            this.loadedAtMs = this.freshness.nowMs();
          }
          return list;
        },
        (error) => {
          if (this.versions === pending) this.versions = null;
          throw error;
        },
      );
      this.versions = pending;
    }
    return this.versions;
  }

  /** The cached list, or null when it is not loaded (or not trusted). */
  peek(): PolicyVersionFact[] | null {
    const memory = this.freshness.memory();
    const list = this.usable(memory);
    // Near its bound the list is read again in the background (served meanwhile), as snapshots are,
    // so that it does not expire under load and send every decision to the database at once.
    if (
      list !== null &&
      memory === 'fresh' &&
      this.refreshing === null &&
      this.freshness.nowMs() - this.loadedAtMs > this.maxAgeMs * (1 - REFRESH_AHEAD_SHARE)
    ) {
      this.refreshAhead(list);
    }
    return list;
  }

  private refreshAhead(current: PolicyVersionFact[]): void {
    const startedMs = this.freshness.nowMs();
    this.refreshing = this.load()
      .then(
        (list) => {
          // Kept only when nothing flushed or replaced the list meanwhile (a change to the versions, a loss of trust).
          if (this.loaded !== current || this.freshness.memory() !== 'fresh') return;
          this.loaded = list;
          this.loadedAtMs = startedMs;
          this.versions = Promise.resolve(list);
        },
        () => undefined, // the list then expires as it would have, and the next decision reads it
      )
      .finally(() => {
        this.refreshing = null;
      });
  }

  flush(): void {
    this.versions = null;
    this.loaded = null;
  }

  /** The list if it was within its age bound as of now (fresh) or as of the loss (stale: the list is kept as it was then). */
  private usable(memory: MemoryUse): PolicyVersionFact[] | null {
    if (memory === 'none' || this.loaded === null) return null;
    const asOfMs = memory === 'stale' ? this.freshness.degradedSinceMs : this.freshness.nowMs();
    return asOfMs - this.loadedAtMs <= this.maxAgeMs ? this.loaded : null;
  }

  private async load(): Promise<PolicyVersionFact[]> {
    const rows: Array<{ version: string; effective_at: Date; significant: boolean }> = await this.dataSource.query(
      'SELECT version, effective_at, significant FROM policy_versions',
    );
    return rows.map((r) => ({ version: r.version, effectiveAt: r.effective_at, significant: r.significant }));
  }
}
