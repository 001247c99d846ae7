import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccountEntity } from './account.entity';
import { PolicyClauseEntity } from './policy-clause.entity';

@Entity({ name: 'suspensions' })
@Check('suspensions_reason_check', `length(reason) BETWEEN 1 AND 2000`)
@Check('suspensions_interval', `ends_at IS NULL OR ends_at > starts_at`)
@Check('suspensions_lift_complete', `(lifted_at IS NULL) = (lifted_by IS NULL)`)
@Check('suspensions_lift_after_start', `lifted_at IS NULL OR lifted_at >= starts_at`)
// One suspension at a time per account: effective intervals never overlap (needs btree_gist).
@Exclusion('suspensions_no_overlap', `USING gist (account_id WITH =, tstzrange(starts_at, LEAST(ends_at, lifted_at), '[)') WITH &&)`)
@Index('suspensions_account_idx', ['accountId'])
export class SuspensionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'suspensions_pkey' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'suspensions_account_id_fkey' })
  account?: AccountEntity;

  @Column({ type: 'text' })
  clause: string;

  @ManyToOne(() => PolicyClauseEntity)
  @JoinColumn({ name: 'clause', foreignKeyConstraintName: 'suspensions_clause_fkey' })
  policyClause?: PolicyClauseEntity;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ name: 'lifted_by', type: 'text', nullable: true })
  liftedBy: string | null;

  @Column({ name: 'lift_reason', type: 'text', nullable: true })
  liftReason: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
