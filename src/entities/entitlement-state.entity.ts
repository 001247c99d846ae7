import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from './account.entity';

/** The last entitlement state announced for an account: entitlement.changed fires when a new one differs. */
@Entity({ name: 'entitlement_states' })
export class EntitlementStateEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'entitlement_states_pkey' })
  accountId: string;

  @OneToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'entitlement_states_account_id_fkey' })
  account?: AccountEntity;

  /** Per use: allowed and its reason codes. */
  @Column({ type: 'jsonb' })
  decisions: Record<string, unknown>;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
