import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReportStatus } from '../domain/enums';
import { AccountEntity } from './account.entity';
import { PolicyClauseEntity } from './policy-clause.entity';

@Entity({ name: 'reports' })
@Check('reports_description_check', `length(description) BETWEEN 1 AND 5000`)
@Check('reports_status_check', `status IN ('OPEN','ACTION_TAKEN','DISMISSED')`)
@Check('reports_resolution_complete', `(status = 'OPEN') = (resolved_at IS NULL)`)
@Index('reports_one_open_per_reporter', ['reporterSub', 'subjectAccountId', 'clause'], { unique: true, where: `status = 'OPEN'` })
// Keyset paging (oldest first) with and without each filter: the key (created_at, id) ends every index.
@Index('reports_subject_idx', ['subjectAccountId', 'createdAt', 'id'])
@Index('reports_status_created_idx', ['status', 'createdAt', 'id'])
@Index('reports_created_idx', ['createdAt', 'id'])
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reports_pkey' })
  id: string;

  @Column({ name: 'subject_account_id', type: 'uuid' })
  subjectAccountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subject_account_id', foreignKeyConstraintName: 'reports_subject_account_id_fkey' })
  subjectAccount?: AccountEntity;

  @Column({ name: 'reporter_sub', type: 'text' })
  reporterSub: string;

  @Column({ name: 'reporter_role', type: 'text' })
  reporterRole: string;

  @Column({ type: 'text' })
  clause: string;

  @ManyToOne(() => PolicyClauseEntity)
  @JoinColumn({ name: 'clause', foreignKeyConstraintName: 'reports_clause_fkey' })
  policyClause?: PolicyClauseEntity;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', default: ReportStatus.OPEN })
  status: ReportStatus;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
