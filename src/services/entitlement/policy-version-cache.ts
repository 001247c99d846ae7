import { DataSource } from 'typeorm';
import type { PolicyVersionFact } from '../../domain/decide-entitlement';

/** Policy versions change a few times a year; every decision reads them, so they are kept in memory. */
export class PolicyVersionCache {
  private versions: Promise<PolicyVersionFact[]> | null = null;

  constructor(private readonly dataSource: DataSource, private enabled: boolean) {}

  get(): Promise<PolicyVersionFact[]> {
    if (!this.enabled) return this.load();
    this.versions ??= this.load().catch((error) => {
      this.versions = null;
      throw error;
    });
    return this.versions;
  }

  flush(): void {
    this.versions = null;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(enabled: boolean): void {
    this.versions = null;
    this.enabled = enabled;
  }

  private async load(): Promise<PolicyVersionFact[]> {
    const rows: Array<{ version: string; effective_at: Date; significant: boolean }> = await this.dataSource.query(
      'SELECT version, effective_at, significant FROM policy_versions',
    );
    return rows.map((r) => ({ version: r.version, effectiveAt: r.effective_at, significant: r.significant }));
  }
}
