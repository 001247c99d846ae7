import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'policy_versions' })
export class PolicyVersionEntity {
  @PrimaryColumn({ type: 'text' })
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
