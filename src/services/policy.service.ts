import { DataSource } from 'typeorm';
import { policyVersionInEffect } from '../domain/activity';
import { PolicyVersionEntity } from '../entities';
import { notFound } from '../errors';

/** Policy versions: what is in effect, what is scheduled. */
export class PolicyService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, scheduled versions included. */
  listVersions(): Promise<PolicyVersionEntity[]> {
    return this.dataSource.getRepository(PolicyVersionEntity).find({ order: { effectiveAt: 'DESC', version: 'DESC' } });
  }

  async current(at: Date = new Date()): Promise<PolicyVersionEntity> {
    const versions = await this.listVersions();
    const version = policyVersionInEffect(versions, at);
    const found = versions.find((v) => v.version === version);
    if (!found) throw notFound('Policy version');
    return found;
  }
}
