import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppealStatus } from '../domain/enums';
import { AccountEntity } from './account.entity';
import { SuspensionEntity } from './suspension.entity';

@Entity({ name: 'appeals' })
@Check('appeals_statement_check', `length(statement) BETWEEN 1 AND 2000`)
@Check('appeals_status_check', `status IN ('PENDING','UPHELD','OVERTURNED')`)
@Check('appeals_decision_complete', `(status = 'PENDING') = (decided_at IS NULL)`)
@Index('appeals_one_pending_per_suspension', ['suspensionId'], { unique: true, where: `status = 'PENDING'` })
@Index('appeals_suspension_idx', ['suspensionId'])
// Keyset paging (oldest first) with and without the status filter.
@Index('appeals_status_created_idx', ['status', 'createdAt', 'id'])
@Index('appeals_created_idx', ['createdAt', 'id'])
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'appeals_pkey' })
  id: string;

  @Column({ name: 'suspension_id', type: 'uuid' })
  suspensionId: string;

  @ManyToOne(() => SuspensionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'suspension_id', foreignKeyConstraintName: 'appeals_suspension_id_fkey' })
  suspension?: SuspensionEntity;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'appeals_account_id_fkey' })
  account?: AccountEntity;

  @Column({ type: 'text' })
  statement: string;

  @Column({ type: 'text', default: AppealStatus.PENDING })
  status: AppealStatus;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy: string;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
