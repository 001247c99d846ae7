import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReportStatus } from '../domain/enums';

@Entity({ name: 'reports' })
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'subject_account_id', type: 'uuid' })
  subjectAccountId: string;

  @Column({ name: 'reporter_sub', type: 'text' })
  reporterSub: string;

  @Column({ name: 'reporter_role', type: 'text' })
  reporterRole: string;

  @Column({ type: 'text' })
  clause: string;

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
