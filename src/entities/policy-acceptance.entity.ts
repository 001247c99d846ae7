import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AccountEntity } from './account.entity';
import { PolicyVersionEntity } from './policy-version.entity';

@Entity({ name: 'policy_acceptances' })
@Unique('policy_acceptances_once', ['accountId', 'version'])
export class PolicyAcceptanceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'policy_acceptances_pkey' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'policy_acceptances_account_id_fkey' })
  account?: AccountEntity;

  @Column({ type: 'text' })
  version: string;

  @ManyToOne(() => PolicyVersionEntity)
  @JoinColumn({ name: 'version', foreignKeyConstraintName: 'policy_acceptances_version_fkey' })
  policyVersion?: PolicyVersionEntity;

  @Column({ name: 'accepted_at', type: 'timestamptz', default: () => 'now()' })
  acceptedAt: Date;

  @Column({ name: 'accepted_by', type: 'text' })
  acceptedBy: string;
}
