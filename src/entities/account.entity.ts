import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { PlanEntity } from './plan.entity';
import { OrganizationEntity } from './organization.entity';

@Entity({ name: 'accounts' })
@Unique('accounts_email_key', ['email'])
@Check('accounts_email_check', `email = lower(btrim(email)) AND email LIKE '%_@_%'`)
@Check('accounts_display_name_check', `length(display_name) BETWEEN 1 AND 100`)
@Check('accounts_government_verification_complete', `(government_verified IS NULL) = (government_verified_at IS NULL)`)
// Keyset paging (newest first), unfiltered and by plan.
@Index('accounts_plan_idx', ['planCode', 'createdAt', 'id'])
@Index('accounts_created_idx', ['createdAt', 'id'])
// Search (migration 1796000003000 owns these: an operator class and an expression
// over search_fold() are beyond @Index, so the schema builder leaves them alone):
// email prefix (text_pattern_ops) and folded display name (trigram GIN).
@Index('accounts_email_pattern_idx', { synchronize: false })
@Index('accounts_display_name_trgm_idx', { synchronize: false })
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'accounts_pkey' })
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'plan_code', type: 'text' })
  planCode: string;

  @ManyToOne(() => PlanEntity, { eager: false })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'accounts_plan_code_fkey' })
  plan?: PlanEntity;

  @OneToOne(() => OrganizationEntity, (o) => o.account)
  organization?: OrganizationEntity | null;

  @Column({ name: 'government_verified', type: 'boolean', nullable: true })
  governmentVerified: boolean | null;

  @Column({ name: 'government_verified_by', type: 'text', nullable: true })
  governmentVerifiedBy: string | null;

  @Column({ name: 'government_verified_at', type: 'timestamptz', nullable: true })
  governmentVerifiedAt: Date | null;

  @Column({ name: 'government_verification_note', type: 'text', nullable: true })
  governmentVerificationNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
