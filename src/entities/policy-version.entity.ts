import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'policy_versions' })
@Check('policy_versions_version_check', `length(version) BETWEEN 1 AND 50`)
@Check('policy_versions_summary_check', `length(summary) BETWEEN 1 AND 2000`)
@Index('policy_versions_effective_idx', ['effectiveAt'])
export class PolicyVersionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'policy_versions_pkey' })
  version: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt: Date;

  @Column({ type: 'boolean' })
  significant: boolean;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy: string;
}
