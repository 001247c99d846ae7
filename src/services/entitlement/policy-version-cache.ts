import { DataSource } from 'typeorm';
import type { PolicyVersionFact } from '../../domain/decide-entitlement';

/** Policy versions change a few times a year; every decision reads them, so they are kept in memory. */
export class PolicyVersionCache {
  private versions: Promise<PolicyVersionFact[]> | null = null;
  /** The same list once loaded, for callers that must not wait a tick. */
  private loaded: PolicyVersionFact[] | null = null;
  private loadedAt = 0;
  /** Set while degraded: the list is kept as it was then, and nothing new is cached. */
  private frozenSinceMs: number | null = null;

  /** maxAgeMs: as for snapshots, a bound on trusting memory without hearing about changes. */
  constructor(
    private readonly dataSource: DataSource,
    private enabled: boolean,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(): Promise<PolicyVersionFact[]> {
    if (!this.enabled) return this.load();
    if (this.frozenSinceMs !== null) return this.loaded !== null ? Promise.resolve(this.loaded) : this.load();
    if (this.loaded !== null && Date.now() - this.loadedAt > this.maxAgeMs) this.flush();
    if (this.versions === null) {
      const pending = this.load().then(
        (list) => {
          if (this.versions === pending) {
            this.loaded = list; // not if flushed meanwhile
            this.loadedAt = Date.now();
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
    if (!this.enabled || this.loaded === null) return null;
    if (this.frozenSinceMs === null && Date.now() - this.loadedAt > this.maxAgeMs) return null;
    return this.loaded;
  }

  /** Keeps the list if it was still trusted at `sinceMs`, caches nothing new; setEnabled() ends it. */
  freeze(sinceMs: number): void {
    if (!this.enabled) return;
    this.versions = null;
    if (this.loaded !== null && sinceMs - this.loadedAt > this.maxAgeMs) this.loaded = null;
    this.frozenSinceMs = sinceMs;
  }

  flush(): void {
    this.versions = null;
    this.loaded = null;
  }

  /** Whether loads may be cached (false while frozen, so misses fetch the versions along). */
  get isEnabled(): boolean {
    return this.enabled && this.frozenSinceMs === null;
  }

  setEnabled(enabled: boolean): void {
    this.versions = null;
    this.loaded = null;
    this.frozenSinceMs = null;
    this.enabled = enabled;
  }

  private async load(): Promise<PolicyVersionFact[]> {
    const rows: Array<{ version: string; effective_at: Date; significant: boolean }> = await this.dataSource.query(
      'SELECT version, effective_at, significant FROM policy_versions',
    );
    return rows.map((r) => ({ version: r.version, effectiveAt: r.effective_at, significant: r.significant }));
  }
}
