import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SignalKind } from '../domain/enums';
import { AccountEntity } from './account.entity';

@Entity({ name: 'account_signals' })
@Check('account_signals_kind_check', `kind IN ('EMAIL','PAYMENT_FINGERPRINT','DEVICE_ID','IP_ADDRESS')`)
@Check('account_signals_value_hash_check', `value_hash ~ '^[0-9a-f]{64}$'`)
@Index('account_signals_lookup_idx', ['kind', 'valueHash'])
export class AccountSignalEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'account_signals_pkey' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'account_signals_account_id_fkey' })
  account?: AccountEntity;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'account_signals_pkey' })
  kind: SignalKind;

  /** HMAC-SHA-256 of the canonical value; the value itself is never stored. */
  @PrimaryColumn({ name: 'value_hash', type: 'text', primaryKeyConstraintName: 'account_signals_pkey' })
  valueHash: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt: Date;
}
