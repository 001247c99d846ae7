import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AppealStatus } from '../domain/enums';

@Entity({ name: 'appeals' })
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'suspension_id', type: 'uuid' })
  suspensionId: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

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
